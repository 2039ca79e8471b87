import http from "node:http"
import type { AddressInfo } from "node:net"
import {
  AthMovilClient,
  AuthenticationError,
  NetworkError,
  OutcomeUnknownError,
  RateLimitError,
  RequestAbortedError,
  ServerError,
  TimeoutError,
  TransactionError,
  type AthMovilClientOptions,
  type AthRequestEvent,
} from ".."
import { json, startLocalServer, type LocalServer } from "./support/local-server"

const PUBLIC = "pub-token-SECRET-1"
const PRIVATE = "priv-token-SECRET-2"
const AUTH = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.SECRET-signature-3"

const payment = {
  ecommerceStatus: "OPEN",
  ecommerceId: "e-1",
  referenceNumber: "",
  transactionDate: "",
  dailyTransactionId: "",
  total: 5,
  fee: 0,
  netAmount: 0,
  totalRefundedAmount: 0,
  items: [],
}

let server: LocalServer
let events: AthRequestEvent[]

beforeAll(async () => {
  server = await startLocalServer()
})
afterAll(() => server.stop())
beforeEach(() => {
  server.requests.length = 0
  events = []
})

function client(overrides: Partial<AthMovilClientOptions> = {}): AthMovilClient {
  return new AthMovilClient({
    publicToken: PUBLIC,
    privateToken: PRIVATE,
    apiBaseUrl: server.url,
    reportBaseUrl: server.url,
    retryBaseDelayMs: 1,
    requestTimeoutMs: 2000,
    onRequest: (e) => events.push(e),
    ...overrides,
  })
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error("expected a rejection")
}

function leaksNothing(error: unknown): void {
  const dump = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).message)
  const cause = (error as { cause?: unknown }).cause
  const causeDump = cause === undefined ? "" : JSON.stringify(cause, Object.getOwnPropertyNames(cause))
  for (const secret of [PUBLIC, PRIVATE, AUTH]) {
    expect(dump).not.toContain(secret)
    expect(causeDump).not.toContain(secret)
  }
}

describe("secrets", () => {
  it("never appear in an error's message, response or cause, even when ATH echoes them", async () => {
    server.respond((req, res) =>
      json(res, 401, {
        status: "error",
        errorcode: "BTRA_0017",
        message: `Invalid token ${PUBLIC} / ${PRIVATE} / ${AUTH}`,
        data: { publicToken: PUBLIC, echo: { privateToken: PRIVATE, note: `bearer ${AUTH}` }, auth_token: AUTH },
      })
    )
    for (const call of [
      client().refundPayment({ referenceNumber: "r", amount: "1.00" }),
      client().authorizePayment(AUTH),
      client().findPayment("e-1"),
    ]) {
      const error = await failure(call)
      expect(error).toBeInstanceOf(AuthenticationError)
      expect(error.message).toContain("BTRA_0017")
      expect(error.message).toContain("[redacted]")
      leaksNothing(error)
    }
  })

  it("go in headers or bodies only, never in the URL or the metrics hook", async () => {
    server.respond((_req, res) => json(res, 200, { status: "success", data: payment }))
    await client().authorizePayment(AUTH)
    const req = server.requests[0]
    expect(req.headers.authorization).toBe(`Bearer ${AUTH}`)
    expect(req.body).toBe("{}")
    const dump = JSON.stringify(events)
    for (const secret of [PUBLIC, PRIVATE, AUTH]) {
      expect(req.path).not.toContain(secret)
      expect(dump).not.toContain(secret)
    }
  })

  it("a 2xx that is not usable keeps no auth_token in error.response", async () => {
    server.respond((_req, res) => json(res, 200, { status: "success", data: { auth_token: AUTH } }))
    const error = await failure(client().createPayment({ total: 5, phoneNumber: "7875551234" }))
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    leaksNothing(error)
  })
})

describe("metrics hook", () => {
  it("reports each attempt with its outcome, and a throwing hook changes nothing", async () => {
    let calls = 0
    server.respond((_req, res) =>
      ++calls < 3 ? json(res, 503, { status: "error", errorcode: "BTRA_9998", message: "Communication Error" }) : json(res, 200, { status: "success", data: payment })
    )
    await expect(client().findPayment("e-1")).resolves.toMatchObject({ ecommerceId: "e-1", total: "5.00" })
    expect(events.map((e) => [e.operation, e.method, e.attempt, e.httpStatus, e.outcome])).toEqual([
      ["findPayment", "POST", 1, 503, "error"],
      ["findPayment", "POST", 2, 503, "error"],
      ["findPayment", "POST", 3, 200, "ok"],
    ])
    expect(events[0].url).toBe(`${server.url}/business/findPayment`)
    expect(events.every((e) => e.durationMs >= 0)).toBe(true)

    server.respond((_req, res) => json(res, 200, { status: "success", data: payment }))
    const throwing = client({
      onRequest: () => {
        throw new Error("metrics down")
      },
    })
    await expect(throwing.findPayment("e-1")).resolves.toMatchObject({ status: "OPEN" })
  })
})

describe("response classification", () => {
  it("an error envelope with HTTP 200 is an error", async () => {
    server.respond((_req, res) => json(res, 200, { status: "error", errorcode: "BTRA_0031", message: "EcommerceId does not exist", data: null }))
    const error = await failure(client().findPayment("nope"))
    expect(error).toBeInstanceOf(TransactionError)
    expect(error).toMatchObject({ code: "BTRA_0031", httpStatus: 200, operation: "findPayment", retryable: false })
    expect(error.message).toBe("ATH Móvil refused the payment lookup (BTRA_0031): EcommerceId does not exist")
    expect(server.requests).toHaveLength(1)
  })

  it("a 2xx read that is not the success envelope is an unretried NetworkError", async () => {
    server.respond((_req, res) => json(res, 200, { result: "ok" }))
    const error = await failure(client().findPayment("e-1"))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: "UNEXPECTED_RESPONSE", retryable: false })
    expect(error.message).toMatch(/^Unexpected response from ATH Móvil/)
    expect(server.requests).toHaveLength(1)
  })

  it("a 2xx success envelope with a payment of the wrong shape is an unexpected response", async () => {
    server.respond((_req, res) => json(res, 200, { status: "success", data: { ...payment, ecommerceStatus: "PENDING" } }))
    const error = await failure(client().findPayment("e-1"))
    expect(error).toMatchObject({ code: "UNEXPECTED_RESPONSE" })
    expect(error.message).toContain('unknown ecommerce status "PENDING"')
  })

  it("malformed JSON on a read is a NetworkError that is retried", async () => {
    server.respond((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.end('{"status":"succ')
    })
    const error = await failure(client({ maxReadRetries: 2 }).findPayment("e-1"))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: "INVALID_JSON", retryable: true })
    expect(error.message).toMatch(/^Invalid JSON response from ATH Móvil/)
    expect(server.requests).toHaveLength(3)
  })

  it("malformed JSON on a write means the outcome is unknown; sent once", async () => {
    server.respond((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.end("<html>")
    })
    const error = await failure(client().refundPayment({ referenceNumber: "r", amount: "1.00" }))
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect(error.message).toContain("Invalid JSON response from ATH Móvil")
    expect(error.message).toContain("the outcome is unknown: check with findPayment")
    expect(server.requests).toHaveLength(1)
  })

  it("an HTML 502 from a proxy falls back on the HTTP status", async () => {
    server.respond((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" })
      res.end("<html>Bad gateway</html>")
    })
    const error = await failure(client({ maxReadRetries: 1 }).searchTransaction({ referenceNumber: "r" }))
    expect(error).toBeInstanceOf(ServerError)
    expect(error).toMatchObject({ httpStatus: 502, code: null, retryable: true })
    expect(server.requests).toHaveLength(2)
  })

  it("429 is a RateLimitError, retried for reads, not for writes", async () => {
    server.respond((_req, res) => json(res, 429, { message: "slow down" }))
    expect(await failure(client({ maxReadRetries: 1 }).findPayment("e-1"))).toBeInstanceOf(RateLimitError)
    expect(server.requests).toHaveLength(2)
    server.requests.length = 0
    const write = await failure(client().cancelPayment("e-1"))
    expect(write).toBeInstanceOf(RateLimitError)
    expect(write).toMatchObject({ retryable: true })
    expect(server.requests).toHaveLength(1)
  })

  it("a 5xx on a write is a ServerError that says to reconcile, and is sent once", async () => {
    server.respond((_req, res) => json(res, 500, { status: "error", errorcode: "BTRA_9999", message: "Internal Error" }))
    const error = await failure(client().createPayment({ total: 5, phoneNumber: "7875551234" }))
    expect(error).toBeInstanceOf(ServerError)
    expect(error).toMatchObject({ retryable: false, code: "BTRA_9999" })
    expect(error.message).toContain("the outcome is unknown: check with findPayment")
    expect(server.requests).toHaveLength(1)
  })
})

describe("connection failures", () => {
  it("a dropped connection: reads retry, writes are OutcomeUnknownError after one attempt", async () => {
    server.respond((req, res) => res.socket?.destroy())
    const read = await failure(client({ maxReadRetries: 2 }).findPayment("e-1"))
    expect(read).toBeInstanceOf(NetworkError)
    expect(read).toMatchObject({ code: "CONNECTION_LOST", retryable: true })
    expect(server.requests).toHaveLength(3)

    server.requests.length = 0
    const write = await failure(client().authorizePayment(AUTH))
    expect(write).toBeInstanceOf(OutcomeUnknownError)
    expect(write).toBeInstanceOf(TimeoutError)
    expect(write.message).toContain("the outcome is unknown: check with findPayment")
    expect(server.requests).toHaveLength(1)
    leaksNothing(write)
  })

  it("connection refused is a NetworkError even for a write, since nothing was sent", async () => {
    const closed = http.createServer()
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((r) => closed.close(() => r()))
    const offline = client({ apiBaseUrl: `http://127.0.0.1:${port}`, reportBaseUrl: `http://127.0.0.1:${port}` })
    const error = await failure(offline.createPayment({ total: 5, phoneNumber: "7875551234" }))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).not.toBeInstanceOf(OutcomeUnknownError)
    expect(error).toMatchObject({ code: "CONNECTION_FAILED", retryable: true })
    expect(error.message).toContain("ECONNREFUSED")
    expect(events).toEqual([expect.objectContaining({ operation: "createPayment", attempt: 1, httpStatus: null, outcome: "error" })])
  })
})

describe("timeouts and cancellation", () => {
  const stall = () => server.respond(() => undefined)

  it("a read times out per attempt and is retried", async () => {
    stall()
    const started = Date.now()
    const error = await failure(client({ requestTimeoutMs: 100, maxReadRetries: 1 }).findPayment("e-1"))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).not.toBeInstanceOf(OutcomeUnknownError)
    expect(error).toMatchObject({ code: "TIMEOUT", retryable: true })
    expect(server.requests).toHaveLength(2)
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it("a write that times out is OutcomeUnknownError and is not retried", async () => {
    stall()
    const error = await failure(client({ requestTimeoutMs: 100 }).refundPayment({ referenceNumber: "r", amount: 1 }))
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect(error.message).toBe(
      "ATH Móvil did not answer the refund within 100 ms; the outcome is unknown: check with findPayment before retrying"
    )
    expect(server.requests).toHaveLength(1)
  })

  it("an already-aborted signal sends nothing", async () => {
    const error = await failure(client().createPayment({ total: 5, phoneNumber: "7875551234" }, { signal: AbortSignal.abort() }))
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(error.name).toBe("AbortError")
    expect((error as RequestAbortedError).outcomeUnknown).toBe(false)
    expect(server.requests).toHaveLength(0)
  })

  it("aborting a read in flight stops it without a retry", async () => {
    stall()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await failure(client({ maxReadRetries: 3 }).findPayment("e-1", { signal: controller.signal }))
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(error).toMatchObject({ name: "AbortError", code: "ABORTED", outcomeUnknown: false })
    await new Promise((r) => setTimeout(r, 50))
    expect(server.requests).toHaveLength(1)
  })

  it("aborting a write in flight says the outcome is unknown", async () => {
    stall()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await failure(client().cancelPayment("e-1", { signal: controller.signal }))
    expect(error).toMatchObject({ name: "AbortError", outcomeUnknown: true })
    expect(error.message).toContain("the outcome is unknown")
  })

  it("aborting during the retry backoff stops the retries", async () => {
    server.respond((_req, res) => json(res, 500, { status: "error", errorcode: "BTRA_9999", message: "Internal Error" }))
    // Full jitter may draw a near-zero wait; pin it so the abort lands inside the backoff.
    jest.spyOn(Math, "random").mockReturnValue(0.5)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const error = await failure(
      client({ retryBaseDelayMs: 60_000, maxReadRetries: 5 }).findPayment("e-1", { signal: controller.signal })
    )
    jest.restoreAllMocks()
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(server.requests).toHaveLength(1)
  })
})
