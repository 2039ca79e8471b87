import { AthMovilClient, ValidationError, type CreatePaymentInput } from ".."
import { json, startLocalServer, type LocalServer } from "./support/local-server"

let server: LocalServer
let client: AthMovilClient
let noPrivate: AthMovilClient

beforeAll(async () => {
  server = await startLocalServer()
  const options = { publicToken: "pub-token-123", apiBaseUrl: server.url, reportBaseUrl: server.url }
  client = new AthMovilClient({ ...options, privateToken: "priv-token-456" })
  noPrivate = new AthMovilClient(options)
})

afterAll(() => server.stop())

beforeEach(() => {
  server.requests.length = 0
})

async function issuesOf(call: () => Promise<unknown>): Promise<string[][]> {
  let caught: unknown
  try {
    await call()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ValidationError)
  const error = caught as ValidationError
  expect(error.code).toBe("CLIENT_VALIDATION")
  expect(error.httpStatus).toBeNull()
  for (const i of error.issues) expect(error.message).toContain(`${i.field} ${i.rule}`)
  expect(server.requests).toHaveLength(0)
  return error.issues.map((i) => [i.field, i.rule])
}

const good: CreatePaymentInput = { total: "10.00", phoneNumber: "787-555-1234", metadata1: "sess_1", metadata2: "cart_1" }

describe("createPayment validation (no request is sent)", () => {
  it.each<[string, Partial<Record<keyof CreatePaymentInput, unknown>>, string[][]]>([
    ["total below 1.00", { total: "0.99" }, [["total", "must be between 1.00 and 1500.00"]]],
    ["total zero", { total: 0 }, [["total", "must be between 1.00 and 1500.00"]]],
    ["total above 1500.00", { total: 1500.01 }, [["total", "must be between 1.00 and 1500.00"]]],
    ["negative total", { total: "-5" }, [["total", "must be between 1.00 and 1500.00"]]],
    ["total with 3 decimals", { total: "10.005" }, [["total", "must have at most 2 decimals"]]],
    ["float-artefact total", { total: 1.1 + 2.2 }, [["total", "must have at most 2 decimals"]]],
    ["total not a number", { total: "ten" }, [["total", "must be a decimal amount"]]],
    ["total missing", { total: undefined }, [["total", "must be a decimal amount"]]],
    ["tax with 3 decimals", { tax: "1.001" }, [["tax", "must have at most 2 decimals"]]],
    ["negative subtotal", { subtotal: -1 }, [["subtotal", "must not be negative"]]],
    ["short phone", { phoneNumber: "787555123" }, [["phoneNumber", "must be a 10-digit phone number"]]],
    ["foreign phone", { phoneNumber: "+44 20 7946 0958" }, [["phoneNumber", "must be a 10-digit phone number"]]],
    ["missing phone", { phoneNumber: undefined }, [["phoneNumber", "must be a 10-digit phone number"]]],
    ["metadata1 of 41 chars", { metadata1: "x".repeat(41) }, [["metadata1", "must be at most 40 characters"]]],
    ["metadata2 of 41 chars", { metadata2: "y".repeat(41) }, [["metadata2", "must be at most 40 characters"]]],
    ["metadata1 not a string", { metadata1: 12 }, [["metadata1", "must be a string"]]],
    ["timeout below 120", { timeoutSeconds: 119 }, [["timeoutSeconds", "must be an integer between 120 and 600"]]],
    ["timeout above 600", { timeoutSeconds: 601 }, [["timeoutSeconds", "must be an integer between 120 and 600"]]],
    ["fractional timeout", { timeoutSeconds: 300.5 }, [["timeoutSeconds", "must be an integer between 120 and 600"]]],
    ["items not an array", { items: "shirt" }, [["items", "must be an array"]]],
    ["empty items", { items: [] }, [["items", "must contain at least one item"]]],
    [
      "zero quantity",
      { items: [{ name: "Shirt", quantity: 0, price: "10.00" }] },
      [["items[0].quantity", "must be a positive integer"]],
    ],
    [
      "fractional quantity",
      { items: [{ name: "Shirt", quantity: 1.5, price: "10.00" }] },
      [["items[0].quantity", "must be a positive integer"]],
    ],
    [
      "string quantity",
      { items: [{ name: "Shirt", quantity: "2", price: "10.00" }] },
      [["items[0].quantity", "must be a positive integer"]],
    ],
    [
      "item without name, bad price and tax",
      { items: [{ name: " ", quantity: 1, price: "1.234", tax: "x" }] },
      [
        ["items[0].name", "must be a non-empty string"],
        ["items[0].price", "must have at most 2 decimals"],
        ["items[0].tax", "must be a decimal amount"],
      ],
    ],
    ["item not an object", { items: [null] }, [["items[0]", "must be an object"]]],
  ])("%s", async (_name, patch, expected) => {
    expect(await issuesOf(() => client.createPayment({ ...good, ...patch } as CreatePaymentInput))).toEqual(expected)
  })

  it("reports every problem at once", async () => {
    expect(
      await issuesOf(() =>
        client.createPayment({ total: "0.50", phoneNumber: "123", metadata1: "m".repeat(50), timeoutSeconds: 60 })
      )
    ).toEqual([
      ["total", "must be between 1.00 and 1500.00"],
      ["phoneNumber", "must be a 10-digit phone number"],
      ["metadata1", "must be at most 40 characters"],
      ["timeoutSeconds", "must be an integer between 120 and 600"],
    ])
  })

  it("rejects a non-object input", async () => {
    expect(await issuesOf(() => client.createPayment(null as unknown as CreatePaymentInput))).toEqual([
      ["input", "must be an object"],
    ])
  })
})

describe("other operations' validation (no request is sent)", () => {
  it.each<[string, () => Promise<unknown>, string[][]]>([
    ["findPayment empty id", () => client.findPayment(""), [["ecommerceId", "must be a non-empty string"]]],
    ["findPayment blank id", () => client.findPayment("   "), [["ecommerceId", "must be a non-empty string"]]],
    ["cancelPayment empty id", () => client.cancelPayment(""), [["ecommerceId", "must be a non-empty string"]]],
    ["authorizePayment empty token", () => client.authorizePayment(""), [["authToken", "must be a non-empty string"]]],
    [
      "updatePhoneNumber bad phone and empty id",
      () => client.updatePhoneNumber({ ecommerceId: "", phoneNumber: "555-1234", authToken: "t" }),
      [
        ["ecommerceId", "must be a non-empty string"],
        ["phoneNumber", "must be a 10-digit phone number"],
      ],
    ],
    [
      "refund empty reference",
      () => client.refundPayment({ referenceNumber: "", amount: "1.00" }),
      [["referenceNumber", "must be a non-empty string"]],
    ],
    [
      "refund amount 0",
      () => client.refundPayment({ referenceNumber: "r", amount: 0 }),
      [["amount", "must be at least 0.01"]],
    ],
    [
      "refund amount with 3 decimals",
      () => client.refundPayment({ referenceNumber: "r", amount: "0.015" }),
      [["amount", "must have at most 2 decimals"]],
    ],
    [
      "refund message of 51 chars",
      () => client.refundPayment({ referenceNumber: "r", amount: "1.00", message: "m".repeat(51) }),
      [["message", "must be at most 50 characters"]],
    ],
    [
      "refund without privateToken",
      () => noPrivate.refundPayment({ referenceNumber: "r", amount: "1.00" }),
      [["privateToken", "is required for refundPayment: set privateToken in the client options"]],
    ],
    [
      "subscribe without privateToken",
      () => noPrivate.subscribeWebhooks({ listenerUrl: "https://shop.example/hooks" }),
      [["privateToken", "is required for subscribeWebhooks: set privateToken in the client options"]],
    ],
    [
      "subscribe to a plain-http public URL",
      () => client.subscribeWebhooks({ listenerUrl: "http://shop.example/hooks" }),
      [["listenerUrl", "must be an absolute https URL"]],
    ],
    [
      "subscribe with a non-boolean flag",
      () => client.subscribeWebhooks({ listenerUrl: "https://x.example", events: { refundSent: "yes" as unknown as boolean } }),
      [["events.refundSent", "must be a boolean"]],
    ],
    [
      "report without privateToken",
      () => noPrivate.transactionReport({ from: new Date(0), to: new Date(1000) }),
      [["privateToken", "is required for transactionReport: set privateToken in the client options"]],
    ],
    [
      "report with reversed dates",
      () => client.transactionReport({ from: "2024-02-01 00:00:00", to: "2024-01-01 00:00:00" }),
      [["from", "must not be after to"]],
    ],
    [
      "report with bad dates",
      () => client.transactionReport({ from: "last week", to: new Date(Number.NaN) }),
      [
        ["from", 'must be a valid date (a Date or "YYYY-MM-DD HH:MM:SS" in Puerto Rico time)'],
        ["to", 'must be a valid date (a Date or "YYYY-MM-DD HH:MM:SS" in Puerto Rico time)'],
      ],
    ],
    [
      "report range with a zero window",
      () => client.transactionReportRange({ from: new Date(0), to: new Date(1000), maxDaysPerWindow: 0 }),
      [["maxDaysPerWindow", "must be a positive integer"]],
    ],
    [
      "search without filters",
      () => client.searchTransaction({}),
      [["filters", "must contain at least one of referenceNumber, dailyTransactionId, name, phoneNumber, email, total, metadata1, metadata2"]],
    ],
    [
      "search with a bad phone",
      () => client.searchTransaction({ phoneNumber: "12" }),
      [["phoneNumber", "must be a 10-digit phone number"]],
    ],
    [
      "search without privateToken",
      () => noPrivate.searchTransaction({ referenceNumber: "r" }),
      [["privateToken", "is required for searchTransaction: set privateToken in the client options"]],
    ],
  ])("%s", async (_name, call, expected) => {
    expect(await issuesOf(call)).toEqual(expected)
  })
})

describe("client options", () => {
  it.each<[Record<string, unknown>, string[][]]>([
    [{ publicToken: "" }, [["publicToken", "must be a non-empty string"]]],
    [{ publicToken: "p", apiBaseUrl: "payments.athmovil.com" }, [["apiBaseUrl", "must be an absolute http(s) URL"]]],
    [{ publicToken: "p", requestTimeoutMs: 0 }, [["requestTimeoutMs", "must be a number > 0"]]],
    [{ publicToken: "p", maxReadRetries: 1.5 }, [["maxReadRetries", "must be an integer >= 0"]]],
    [{ publicToken: "p", retryBaseDelayMs: -1 }, [["retryBaseDelayMs", "must be a number >= 0"]]],
  ])("rejects %p", (options, expected) => {
    let caught: unknown
    try {
      new AthMovilClient(options as never)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ValidationError)
    expect((caught as ValidationError).issues.map((i) => [i.field, i.rule])).toEqual(expected)
  })
})

describe("valid input reaches the server in ATH's format", () => {
  it("createPayment sends normalised values and the default item", async () => {
    server.respond((_req, res) => json(res, 200, { status: "success", data: { ecommerceId: "e-1", auth_token: "jwt.a.b" } }))
    const out = await client.createPayment({ total: 12.5, tax: "1.5", phoneNumber: "(787) 555-1234", metadata1: "s" })
    expect(out).toEqual({ ecommerceId: "e-1", authToken: "jwt.a.b" })
    expect(server.requests).toHaveLength(1)
    const req = server.requests[0]
    expect(req.method).toBe("POST")
    expect(req.path).toBe("/payment")
    expect(req.headers["content-type"]).toBe("application/json")
    expect(req.headers.accept).toBe("application/json")
    expect(req.headers.authorization).toBeUndefined()
    expect(JSON.parse(req.body)).toEqual({
      env: "production",
      publicToken: "pub-token-123",
      total: "12.50",
      subtotal: "11.00",
      tax: "1.50",
      phoneNumber: "7875551234",
      metadata1: "s",
      metadata2: "",
      items: [{ name: "Order", description: "Order", quantity: 1, price: "12.50", tax: null, metadata: null }],
      timeout: 600,
    })
  })

  it("search maps filters to ATH's key names and formats", async () => {
    server.respond((_req, res) => json(res, 200, []))
    await expect(
      client.searchTransaction({ dailyTransactionId: "0035", phoneNumber: "7871234567", total: "1" })
    ).resolves.toEqual([])
    expect(JSON.parse(server.requests[0].body)).toEqual({
      publicToken: "pub-token-123",
      privateToken: "priv-token-456",
      dailyTransactionID: "0035",
      phoneNumber: "(787) 123-4567",
      total: "1.00",
    })
  })

  it("report is a GET with a JSON body in Puerto Rico time", async () => {
    server.respond((_req, res) => json(res, 200, []))
    await client.transactionReport({ from: new Date(Date.UTC(2024, 0, 1, 4, 0, 0)), to: "2024-01-31 23:59:59" })
    const req = server.requests[0]
    expect(req.method).toBe("GET")
    expect(req.path).toBe("/transactions/v4/transactionReport")
    expect(JSON.parse(req.body)).toEqual({
      publicToken: "pub-token-123",
      privateToken: "priv-token-456",
      fromDate: "2024-01-01 00:00:00",
      toDate: "2024-01-31 23:59:59",
    })
  })
})
