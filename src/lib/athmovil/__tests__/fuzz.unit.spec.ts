/**
 * Property-based tests: whatever ATH (or someone pretending to be ATH) sends, the client's
 * parsers and the webhook normaliser answer with a typed error that has a message — never a
 * TypeError, never a crash, never a secret in the message.
 */
import http from "node:http"
import type { AddressInfo } from "node:net"
import fc from "fast-check"
import {
  AthMovilClient,
  AthMovilError,
  NetworkError,
  OutcomeUnknownError,
  ValidationError,
  errorFromResponse,
  normalisePhoneNumber,
  normaliseWebhook,
  parseAthDate,
  toAmount,
} from ".."
import { parseReportResponse, parseSearchResponse } from "../report"
import { parseEnvelopeData } from "../schemas/envelope"
import { athPaymentSchema, createPaymentResponseSchema } from "../schemas/payment"
import { athRefundSchema } from "../schemas/refund"
import { validateCreatePayment, validateRefund } from "../validation"

const PURE_RUNS = 200
const HTTP_RUNS = 100

const PUBLIC = "fuzz-public-token-SECRET-1"
const PRIVATE = "fuzz-private-token-SECRET-2"
const AUTH = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmdXp6In0.fuzz-SECRET-signature"

const completed2025 = {
  transactionType: "ECOMMERCE",
  status: "COMPLETED",
  ecommerceId: "a7c5ed52-5c3c-4d2c-9e65-0a8b2c4e1f11",
  referenceNumber: "215070443-402894c185ab1be40185acfe61c2000b",
  dailyTransactionId: "0001",
  date: "2026-11-21 10:00:00.0",
  transactionDate: "2026-11-21 10:00:00",
  total: 25,
  subTotal: 25,
  tax: 0,
  fee: 0.63,
  netAmount: 24.37,
  totalRefundedAmount: 0,
  metadata1: "payses_01JABCDEF",
  metadata2: "cart_01JABCDEF",
  name: "Jane",
  phoneNumber: 7875551234,
  email: "jane@example.com",
  message: "",
  businessName: "Store",
  isNonProfit: false,
  referenceTransactionId: "x",
  items: [{ name: "Café", description: "", quantity: 1, price: 25, tax: 0, metadata: "", sku: "" }],
}

const legacyRefund = {
  transactionType: "refund",
  status: "completed",
  date: "2024-03-15 10:21:09.0",
  referenceNumber: "215070443-402894c185ab1be40185acfe61c2000b",
  dailyTransactionID: "0031",
  name: "Juan",
  phoneNumber: "(787) 555-1234",
  email: "juan@example.com",
  message: "Devolución",
  total: "3.00",
  tax: "0.00",
  subtotal: "0.00",
  fee: "0.00",
  netAmount: "0.00",
  totalRefundedAmount: "0",
}

const WEBHOOK_KEYS = [...new Set([...Object.keys(completed2025), ...Object.keys(legacyRefund)])]

/** Values of every JSON type plus the tricky ones ATH really sends (numbers as strings, "", 0, nulls). */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom("", " ", "0", "0.00", "-1", "1e400", "NaN", "null", "COMPLETED", "cancel", "EXPIRED", "refund", "ecommerce"),
  fc.constantFrom(0, -0, 1.005, -25, 1e21, Number.MAX_SAFE_INTEGER, 7875551234),
  fc.string({ maxLength: 80 }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constant(null),
  fc.constant(undefined)
)

/** A real payload with some fields replaced, removed or added: the shapes most likely to slip through. */
const mutatedWebhook: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom<Record<string, unknown>>(completed2025, legacyRefund),
    fc.array(fc.tuple(fc.constantFrom(...WEBHOOK_KEYS, "__proto__", "constructor", "extra"), nastyValue), { maxLength: 6 }),
    fc.array(fc.constantFrom(...WEBHOOK_KEYS), { maxLength: 3 })
  )
  .map(([base, replace, remove]) => {
    const out: Record<string, unknown> = JSON.parse(JSON.stringify(base))
    for (const [key, value] of replace) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
    for (const key of remove) delete out[key]
    return out
  })

const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...WEBHOOK_KEYS), nastyValue),
  mutatedWebhook
)

function expectValidationError(e: unknown): void {
  expect(e).toBeInstanceOf(ValidationError)
  const err = e as ValidationError
  expect(typeof err.message).toBe("string")
  expect(err.message.length).toBeGreaterThan(10)
  expect(Array.isArray(err.issues)).toBe(true)
  expect(err.issues.length).toBeGreaterThan(0)
  for (const i of err.issues) {
    expect(typeof i.field).toBe("string")
    expect(typeof i.message).toBe("string")
    expect(i.message.length).toBeGreaterThan(0)
  }
}

describe("normaliseWebhook on hostile input", () => {
  it("returns a keyed event or throws a ValidationError listing the fields, nothing else", () => {
    fc.assert(
      fc.property(anyInput, (payload) => {
        let event
        try {
          event = normaliseWebhook(payload)
        } catch (e) {
          expectValidationError(e)
          return
        }
        expect(event.idempotencyKey).toMatch(/^[0-9a-f]{64}$/)
        expect(["ecommerce", "refund", "payment", "donation", "simulated"]).toContain(event.kind)
        expect(["completed", "cancelled", "expired"]).toContain(event.status)
        expect(event.total).toMatch(/^-?\d+\.\d{2}$/)
      }),
      { numRuns: PURE_RUNS }
    )
  })

  it("gives the same idempotency key to the same delivery, whatever its key order", () => {
    fc.assert(
      fc.property(mutatedWebhook, (payload) => {
        let first
        try {
          first = normaliseWebhook(payload)
        } catch (e) {
          expectValidationError(e)
          return
        }
        const reversed = Object.fromEntries(Object.entries(payload).reverse())
        expect(normaliseWebhook(reversed).idempotencyKey).toBe(first.idempotencyKey)
        expect(normaliseWebhook(JSON.parse(JSON.stringify(payload))).idempotencyKey).toBe(first.idempotencyKey)
      }),
      { numRuns: PURE_RUNS }
    )
  })
})

describe("response parsers on hostile bodies", () => {
  const parsers: Array<[string, (body: unknown) => { ok: boolean; detail?: string }]> = [
    ["findPayment", (b) => parseEnvelopeData(athPaymentSchema, b)],
    ["createPayment", (b) => parseEnvelopeData(createPaymentResponseSchema, b)],
    ["refund", (b) => parseEnvelopeData(athRefundSchema, b)],
    ["transactionReport", parseReportResponse],
    ["searchTransaction", parseSearchResponse],
  ]
  const envelope = fc.oneof(
    anyInput,
    anyInput.map((data) => ({ status: "success", data })),
    fc.array(mutatedWebhook, { maxLength: 4 }),
    fc.array(mutatedWebhook, { maxLength: 4 }).map((data) => ({ status: "success", data }))
  )

  it.each(parsers)("%s never throws; a rejection says why", (_name, parse) => {
    fc.assert(
      fc.property(envelope, (body) => {
        const result = parse(body)
        if (!result.ok) {
          expect(typeof result.detail).toBe("string")
          expect(result.detail!.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: PURE_RUNS }
    )
  })

  it("maps any error body and HTTP status to an AthMovilError with a message", () => {
    const operations = [
      null,
      "createPayment",
      "findPayment",
      "authorizePayment",
      "updatePhoneNumber",
      "cancelPayment",
      "refundPayment",
      "subscribeWebhooks",
      "transactionReport",
      "searchTransaction",
    ] as const
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 100, max: 599 }), { nil: null }),
        fc.oneof(anyInput, fc.record({ status: fc.constant("error"), errorcode: nastyValue, message: nastyValue })),
        fc.constantFrom(...operations),
        (status, body, operation) => {
          const err = errorFromResponse(status, body, operation)
          expect(err).toBeInstanceOf(AthMovilError)
          expect(err.message).toMatch(/^ATH Móvil /)
        }
      ),
      { numRuns: PURE_RUNS }
    )
  })
})

describe("input helpers on hostile values", () => {
  it("parseAthDate returns an ISO string or null", () => {
    fc.assert(
      fc.property(nastyValue, (value) => {
        const out = parseAthDate(value)
        if (out !== null) expect(Number.isNaN(Date.parse(out))).toBe(false)
      }),
      { numRuns: PURE_RUNS }
    )
  })

  it("normalisePhoneNumber returns 10 digits or a ValidationError naming the field", () => {
    const phoneLike = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^[(]?\d{3}[) -]?\d{3}-?\d{4}$/),
      fc.integer(),
      fc.double()
    )
    fc.assert(
      fc.property(phoneLike, (value) => {
        try {
          expect(normalisePhoneNumber(value as string, "data.phone_number")).toMatch(/^\d{10}$/)
        } catch (e) {
          expectValidationError(e)
          expect((e as ValidationError).message).toContain("data.phone_number")
        }
      }),
      { numRuns: PURE_RUNS }
    )
  })

  it("toAmount returns a 2-decimal string or a ValidationError", () => {
    fc.assert(
      fc.property(fc.oneof(nastyValue, fc.double(), fc.stringMatching(/^-?\d{0,6}(\.\d{0,4})?$/)), (value) => {
        try {
          expect(toAmount(value as string)).toMatch(/^-?\d+\.\d{2}$/)
        } catch (e) {
          expectValidationError(e)
        }
      }),
      { numRuns: PURE_RUNS }
    )
  })

  it("validateCreatePayment and validateRefund accept or explain, nothing else", () => {
    const input = fc.record(
      {
        total: nastyValue,
        phoneNumber: nastyValue,
        metadata1: nastyValue,
        metadata2: nastyValue,
        timeoutSeconds: nastyValue,
        items: fc.oneof(nastyValue, fc.array(fc.dictionary(fc.constantFrom("name", "price", "quantity", "tax", "description"), nastyValue), { maxLength: 3 })),
        referenceNumber: nastyValue,
        amount: nastyValue,
        message: nastyValue,
      },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(input, (value) => {
        for (const validate of [validateCreatePayment, validateRefund] as Array<(v: never) => unknown>) {
          try {
            validate(value as never)
          } catch (e) {
            expectValidationError(e)
          }
        }
      }),
      { numRuns: PURE_RUNS }
    )
  })
})

describe("the client against a server answering garbage", () => {
  let server: http.Server
  let baseUrl: string
  let next: { status: number; body: string } = { status: 200, body: "{}" }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume()
      req.on("end", () => {
        res.writeHead(next.status, { "content-type": "application/json", "content-length": Buffer.byteLength(next.body) })
        res.end(next.body)
      })
    })
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((r) => server.close(() => r()))
  })

  const client = () =>
    new AthMovilClient({
      publicToken: PUBLIC,
      privateToken: PRIVATE,
      apiBaseUrl: `${baseUrl}/api`,
      reportBaseUrl: baseUrl,
      requestTimeoutMs: 2000,
      maxReadRetries: 0,
      retryBaseDelayMs: 1,
    })

  const body = fc.oneof(
    fc.string({ maxLength: 200 }),
    anyInput.map((v) => JSON.stringify(v) ?? "null"),
    anyInput.map((data) => JSON.stringify({ status: "success", data })),
    fc.record({ status: fc.constantFrom("error", "ERROR", "success"), errorcode: nastyValue, message: nastyValue }).map((v) => JSON.stringify(v)),
    // the secrets echoed back, as a broken proxy might
    fc.constantFrom(`{"status":"error","message":"bad token ${PUBLIC} ${PRIVATE} ${AUTH}"}`, `token=${PRIVATE}`)
  )
  const status = fc.constantFrom(200, 200, 200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503)

  const calls: Array<[string, boolean, (c: AthMovilClient) => Promise<unknown>]> = [
    ["findPayment", true, (c) => c.findPayment("e-1")],
    ["transactionReport", true, (c) => c.transactionReport({ from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-02T00:00:00Z") })],
    ["createPayment", false, (c) => c.createPayment({ total: "5.00", phoneNumber: "7875551234", metadata1: "m1", metadata2: "m2", items: [{ name: "x", description: "", quantity: 1, price: "5.00" }] })],
    ["authorizePayment", false, (c) => c.authorizePayment(AUTH)],
    ["refundPayment", false, (c) => c.refundPayment({ referenceNumber: "r-1", amount: "1.00" })],
    ["cancelPayment", false, (c) => c.cancelPayment("e-1")],
  ]

  it.each(calls)("%s: a result or an AthMovilError with a message and no secret", async (_name, read, call) => {
    await fc.assert(
      fc.asyncProperty(status, body, async (s, b) => {
        next = { status: s === 204 ? 200 : s, body: b }
        let outcome: unknown
        try {
          await call(client())
          return
        } catch (e) {
          outcome = e
        }
        expect(outcome).toBeInstanceOf(AthMovilError)
        const err = outcome as AthMovilError
        expect(err.message.length).toBeGreaterThan(10)
        const visible = `${err.message} ${JSON.stringify(err.response ?? null)} ${String((err.cause as Error | undefined)?.message ?? "")}`
        for (const secret of [PUBLIC, PRIVATE, AUTH]) expect(visible).not.toContain(secret)
        let parsed: unknown = undefined
        try {
          parsed = JSON.parse(b)
        } catch {
          parsed = undefined
        }
        const envelope = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && typeof (parsed as { status?: unknown }).status === "string"
        if (s === 200 && !envelope) {
          // A 2xx answer that is not an ATH envelope: a network fault for a read, an unknown outcome for a write.
          expect(outcome).toBeInstanceOf(read ? NetworkError : OutcomeUnknownError)
        }
      }),
      { numRuns: HTTP_RUNS }
    )
  })
})
