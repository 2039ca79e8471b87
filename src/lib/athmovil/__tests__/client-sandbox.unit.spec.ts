import { VARIANT_TEST_SEEDS, startSandbox, type AthSandbox, type SandboxRoute } from "../../../sandbox"
import {
  AthMovilClient,
  AthMovilError,
  AuthenticationError,
  NetworkError,
  OutcomeUnknownError,
  RequestAbortedError,
  ServerError,
  TimeoutError,
  TransactionError,
  ValidationError,
  compareAmounts,
  normaliseWebhook,
  type AthMovilClientOptions,
} from ".."
import { json, startLocalServer, type LocalServer } from "./support/local-server"

let sb: AthSandbox
let listener: LocalServer

beforeAll(async () => {
  sb = await startSandbox({ port: 0, clock: "manual" })
  listener = await startLocalServer()
  listener.respond((_req, res) => json(res, 200, { received: true }))
})

afterAll(async () => {
  await sb.stop()
  await listener.stop()
})

beforeEach(() => {
  sb.reset()
  listener.requests.length = 0
})

function client(overrides: Partial<AthMovilClientOptions> = {}): AthMovilClient {
  return new AthMovilClient({
    ...sb.tokens,
    apiBaseUrl: sb.apiBaseUrl,
    reportBaseUrl: sb.reportBaseUrl,
    retryBaseDelayMs: 1,
    ...overrides,
  })
}

async function failure(promise: Promise<unknown>): Promise<AthMovilError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AthMovilError)
    return error as AthMovilError
  }
  throw new Error("expected a rejection")
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const PHONE = "7875550001"

async function openPayment(c = client(), timeoutSeconds?: number) {
  return c.createPayment({
    total: "10.00",
    tax: "1.00",
    phoneNumber: PHONE,
    metadata1: "pay_sess_123",
    metadata2: "cart_456",
    items: [{ name: "Shirt", quantity: 2, price: "4.50", tax: "0.50", sku: "SKU-1" }],
    timeoutSeconds,
  })
}

async function completedPayment(c = client()) {
  const created = await openPayment(c)
  sb.approve({ ecommerceId: created.ecommerceId })
  const payment = await c.authorizePayment(created.authToken)
  return { ...created, payment, referenceNumber: payment.referenceNumber as string }
}

/*
 * The suites whose answers depend on ATH's response shapes run once with the
 * sandbox's usual guess ("off") and once per variant seed: the client's
 * normalised results must not change with the shape ATH happens to send.
 */
const VARIANT_MODES: Array<string | null> = [null, ...VARIANT_TEST_SEEDS]

/** Items minus the fields some ATH answers leave out (S1's COMPLETED sample has no sku or formattedPrice). */
function withoutItemExtras<T extends { items: Array<{ sku: unknown; formattedPrice: unknown }> }>(p: T) {
  return { ...p, items: p.items.map(({ sku: _s, formattedPrice: _f, ...rest }) => rest) }
}

describe.each(VARIANT_MODES)("response variants %s", (variants) => {
beforeAll(() => sb.setVariants(variants))
afterAll(() => sb.setVariants(null))

describe("payment lifecycle against the sandbox", () => {
  it("create → approve → authorize → partial refunds → findPayment", async () => {
    const c = client()
    const created = await openPayment(c)
    expect(created.ecommerceId).toMatch(/^[0-9a-f-]{36}$/)
    expect(created.authToken.split(".")).toHaveLength(3)

    const open = await c.findPayment(created.ecommerceId)
    expect(open).toMatchObject({
      ecommerceId: created.ecommerceId,
      status: "OPEN",
      referenceNumber: null,
      transactionDate: null,
      dailyTransactionId: null,
      total: "10.00",
      subtotal: "9.00",
      tax: "1.00",
      fee: "0.00",
      totalRefundedAmount: "0.00",
      metadata1: "pay_sess_123",
      metadata2: "cart_456",
    })
    expect(withoutItemExtras(open).items).toEqual([
      { name: "Shirt", description: "Shirt", quantity: 2, price: "4.50", tax: "0.50", metadata: null },
    ])
    // Absent (S1's COMPLETED sample) or as given: never invented.
    expect([["SKU-1", null], [null, null]]).toContainEqual([open.items[0].sku, open.items[0].formattedPrice])

    sb.approve({ phoneNumber: PHONE })
    expect((await c.findPayment(created.ecommerceId)).status).toBe("CONFIRM")

    const completed = await c.authorizePayment(created.authToken)
    expect(completed.status).toBe("COMPLETED")
    expect(completed.referenceNumber).toEqual(expect.any(String))
    expect(completed.dailyTransactionId).toMatch(/^\d{4}$/)
    expect(completed.transactionDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-04:00$/)
    expect(completed.fee).toBe("0.25") // the sandbox's default 2.50 %
    expect(compareAmounts(completed.netAmount, "9.75")).toBe(0)
    expect(withoutItemExtras(await c.findPayment(created.ecommerceId))).toEqual(withoutItemExtras(completed))

    const first = await c.refundPayment({ referenceNumber: completed.referenceNumber!, amount: 4, message: "Talla incorrecta" })
    expect(first.refund).toMatchObject({ amount: "4.00", status: "COMPLETED", dailyTransactionId: expect.stringMatching(/^\d{4}$/) })
    expect(first.refund.referenceNumber).not.toBe("")
    expect(first.refund.date).toMatch(/-04:00$/)
    expect(first.original).toMatchObject({
      referenceNumber: completed.referenceNumber,
      status: "COMPLETED",
      total: "10.00",
      totalRefundedAmount: "4.00",
      metadata1: "pay_sess_123",
    })
    expect((await c.findPayment(created.ecommerceId)).totalRefundedAmount).toBe("4.00")

    const second = await c.refundPayment({ referenceNumber: completed.referenceNumber!, amount: "6.00" })
    expect(second.original.totalRefundedAmount).toBe("10.00")
    expect((await c.findPayment(created.ecommerceId)).totalRefundedAmount).toBe("10.00")
    expect(sb.getTicket(created.ecommerceId)?.refunds.map((r) => r.amount)).toEqual(["4.00", "6.00"])
  })

  it("float32 fee artefacts from ATH come back as clean 2-decimal strings", async () => {
    const c = client()
    const created = await c.createPayment({ total: "24.00", phoneNumber: PHONE })
    sb.approve({ ecommerceId: created.ecommerceId })
    const completed = await c.authorizePayment(created.authToken)
    expect(completed).toMatchObject({ total: "24.00", fee: "0.60", netAmount: "23.40" })
    expect(completed.items).toEqual([
      { name: "Order", description: "Order", quantity: 1, price: "24.00", tax: "0.00", metadata: null, sku: null, formattedPrice: null },
    ])
  })

  it("updatePhoneNumber moves the push to the new phone", async () => {
    const c = client()
    const created = await openPayment(c)
    await c.updatePhoneNumber({ ecommerceId: created.ecommerceId, phoneNumber: "(787) 555-0002", authToken: created.authToken })
    expect(sb.getTicket(created.ecommerceId)?.phoneNumber).toBe("7875550002")
    sb.approve({ phoneNumber: "7875550002" })
    expect((await c.findPayment(created.ecommerceId)).status).toBe("CONFIRM")
  })

  it("cancelPayment turns the ticket to CANCEL", async () => {
    const c = client()
    const created = await openPayment(c)
    await c.cancelPayment(created.ecommerceId)
    expect((await c.findPayment(created.ecommerceId)).status).toBe("CANCEL")
    expect(sb.getTicket(created.ecommerceId)?.cancelledBy).toBe("merchant")
  })

  it("expiry shows as CANCEL in findPayment", async () => {
    const c = client()
    const created = await openPayment(c, 120)
    await sb.advanceTime(121)
    expect((await c.findPayment(created.ecommerceId)).status).toBe("CANCEL")
  })

  it("search and report list the completed payment and its refund", async () => {
    const c = client()
    const { referenceNumber } = await completedPayment(c)
    await c.refundPayment({ referenceNumber, amount: "2.50" })
    // ATH dates have whole seconds: report up to a second after the activity.
    await sb.advanceTime(1)

    const found = await c.searchTransaction({ referenceNumber })
    expect(found.length).toBeGreaterThanOrEqual(1)
    expect(found.find((r) => r.transactionType === "ECOMMERCE")).toMatchObject({
      referenceNumber,
      status: "COMPLETED",
      total: "10.00",
      metadata1: "pay_sess_123",
    })
    expect(await c.searchTransaction({ referenceNumber: "does-not-exist" })).toEqual([])

    const now = sb.now()
    const rows = await c.transactionReport({ from: new Date(now.getTime() - 3_600_000), to: now })
    expect(rows.map((r) => r.transactionType).sort()).toEqual(["ECOMMERCE", "REFUND"])
    expect(rows.find((r) => r.transactionType === "ECOMMERCE")).toMatchObject({ referenceNumber, totalRefundedAmount: "2.50" })
    expect(rows.every((r) => r.date !== null && r.date.endsWith("-04:00"))).toBe(true)
  })

  it("transactionReportRange splits long ranges and skips empty windows", async () => {
    const c = client()
    const now = sb.now()
    const day = 86_400_000
    sb.seedReportTransactions(6, { from: new Date(now.getTime() - 70 * day), to: new Date(now.getTime() - 50 * day) })
    const progress: Array<[number, number]> = []
    const rows = await c.transactionReportRange({
      from: new Date(now.getTime() - 90 * day),
      to: new Date(now.getTime() - 1000),
      maxDaysPerWindow: 30,
      onWindow: (done, total) => progress.push([done, total]),
    })
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ])
    expect(rows.filter((r) => r.transactionType === "ECOMMERCE")).toHaveLength(6)
    expect(sb.callCount("report")).toBe(3)

    const tooLong = await failure(c.transactionReport({ from: new Date(now.getTime() - 60 * day), to: now }))
    expect(tooLong).toBeInstanceOf(ValidationError)
    expect(tooLong.code).toBe("BTRA_0026")
  })

  it("subscribeWebhooks, then the sandbox's deliveries normalise cleanly", async () => {
    const c = client()
    const sub = await c.subscribeWebhooks({ listenerUrl: `${listener.url}/hooks/athm` })
    expect(sub.events).toEqual({
      paymentReceived: true,
      refundSent: true,
      donationReceived: true,
      ecommercePaymentReceived: true,
      ecommercePaymentCancelled: true,
      ecommercePaymentExpired: true,
    })
    expect(sub.message).toBe("Webhook subscription updated successfully")

    const { ecommerceId, referenceNumber } = await completedPayment(c)
    await c.refundPayment({ referenceNumber, amount: "1.00" })
    await c.refundPayment({ referenceNumber, amount: "1.00" })
    await openPayment(c, 120)
    await sb.advanceTime(121)
    sb.setWebhookBehaviour({ generation: "legacy" })
    const rejected = await openPayment(c)
    sb.reject({ ecommerceId: rejected.ecommerceId })
    sb.sendAppWebhook("payment")
    sb.sendAppWebhook("donation")
    sb.sendAppWebhook("simulated")
    await sb.advanceTime(0)

    const events = listener.requests.map((r) => normaliseWebhook(JSON.parse(r.body)))
    const summary = events.map((e) => `${e.kind}/${e.status}`)
    expect(summary).toEqual([
      "ecommerce/completed",
      "refund/completed",
      "refund/completed",
      "ecommerce/expired",
      "ecommerce/cancelled",
      "payment/completed",
      "donation/completed",
      "simulated/completed",
    ])
    // Which generation ATH sends for the completed event is one of the variants; the rest is legacy-only.
    if (variants === null) expect(events.map((e) => e.generation)).toEqual(["2025", ...Array(7).fill("legacy")])
    expect(events[0]).toMatchObject({ referenceNumber, total: "10.00", metadata1: "pay_sess_123" })
    expect([ecommerceId, null]).toContain(events[0].ecommerceId)
    expect(events[1]).toMatchObject({ total: "1.00", dailyTransactionId: expect.stringMatching(/^\d{4}$/) })
    expect(events[3]).toMatchObject({ metadata1: "pay_sess_123", total: "10.00" })
    expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(events.length)
  })
})

describe("error paths against the sandbox", () => {
  it("authorize before CONFIRM → TransactionError BTRA_0032", async () => {
    const created = await openPayment()
    const error = await failure(client().authorizePayment(created.authToken))
    expect(error).toBeInstanceOf(TransactionError)
    expect(error).toMatchObject({ code: "BTRA_0032", operation: "authorizePayment" })
    expect(error.message).toContain("ATH Móvil refused the authorization (BTRA_0032)")
  })

  it("authorize after the ticket expired → TransactionError BTRA_0039", async () => {
    const created = await openPayment(client(), 120)
    sb.approve({ ecommerceId: created.ecommerceId })
    await sb.advanceTime(121)
    const error = await failure(client().authorizePayment(created.authToken))
    expect(error).toBeInstanceOf(TransactionError)
    expect(error.code).toBe("BTRA_0039")
  })

  it("authorize twice → TransactionError BTRA_0035, debited once", async () => {
    const { ecommerceId, authToken } = await completedPayment()
    const error = await failure(client().authorizePayment(authToken))
    expect(error).toBeInstanceOf(TransactionError)
    expect(error.code).toBe("BTRA_0035")
    expect(sb.getTicket(ecommerceId)?.authorizationCount).toBe(2)
    expect(sb.getTicket(ecommerceId)?.status).toBe("COMPLETED")
  })

  it("a forged token → AuthenticationError; an expired token → AuthenticationError token.expired", async () => {
    const forged = await failure(client().authorizePayment("not-a-jwt"))
    expect(forged).toBeInstanceOf(AuthenticationError)
    expect(forged.code).toBe("BTRA_0401")

    const created = await openPayment()
    await sb.advanceTime(901)
    const expired = await failure(client().authorizePayment(created.authToken))
    expect(expired).toBeInstanceOf(AuthenticationError)
    expect(expired.code).toBe("token.expired")
    expect(expired.message).not.toContain(created.authToken)
  })

  it("an unknown publicToken → AuthenticationError", async () => {
    const error = await failure(client({ publicToken: "not-a-merchant" }).findPayment("x"))
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error.message).not.toContain("not-a-merchant")
  })

  it("unknown ecommerceId / referenceNumber → TransactionError", async () => {
    expect((await failure(client().findPayment("00000000-0000-0000-0000-000000000000"))).code).toBe("BTRA_0031")
    const unknownRef = await failure(client().refundPayment({ referenceNumber: "nope", amount: "1.00" }))
    expect(unknownRef).toBeInstanceOf(TransactionError)
    expect(unknownRef.code).toBe("BTRA_0053")
  })

  it("over-refund → TransactionError, nothing refunded", async () => {
    const { ecommerceId, referenceNumber } = await completedPayment()
    await client().refundPayment({ referenceNumber, amount: "9.00" })
    const error = await failure(client().refundPayment({ referenceNumber, amount: "1.01" }))
    expect(error).toBeInstanceOf(TransactionError)
    expect(error.code).toBe("BTRA_0030")
    expect(sb.getTicket(ecommerceId)?.totalRefundedAmount).toBe("9.00")
  })

  it("cancel after completion → TransactionError BTRA_0035", async () => {
    const { ecommerceId } = await completedPayment()
    const error = await failure(client().cancelPayment(ecommerceId))
    expect(error).toBeInstanceOf(TransactionError)
    expect(error.code).toBe("BTRA_0035")
  })

  const softErrors: Array<[SandboxRoute, string, Function, (c: AthMovilClient, ctx: { ecommerceId: string; authToken: string; referenceNumber: string }) => Promise<unknown>]> = [
    ["payment", "BTRA_0004", ValidationError, (c) => openPayment(c)],
    ["findPayment", "BTRA_0031", TransactionError, (c, x) => c.findPayment(x.ecommerceId)],
    ["authorization", "BTRA_0037", TransactionError, (c, x) => c.authorizePayment(x.authToken)],
    ["updatePhoneNumber", "PCUS_0007", ValidationError, (c, x) => c.updatePhoneNumber({ ecommerceId: x.ecommerceId, phoneNumber: PHONE, authToken: x.authToken })],
    ["cancel", "BTRA_0035", TransactionError, (c, x) => c.cancelPayment(x.ecommerceId)],
    ["refund", "BTRA_0040", ValidationError, (c, x) => c.refundPayment({ referenceNumber: x.referenceNumber, amount: "1.00" })],
    ["subscribe", "BTRA_0017", AuthenticationError, (c) => c.subscribeWebhooks({ listenerUrl: "https://shop.example/hooks" })],
    ["report", "BTRA_0025", ValidationError, (c) => c.transactionReport({ from: new Date(0), to: sb.now() })],
    ["search", "BTRA_0401", AuthenticationError, (c, x) => c.searchTransaction({ referenceNumber: x.referenceNumber })],
  ]

  it.each(softErrors)("soft error (HTTP 200) on %s: %s → %p, sent once", async (route, code, cls, call) => {
    const c = client()
    const { ecommerceId, authToken, referenceNumber } = await completedPayment(c)
    const before = sb.callCount(route)
    sb.setFault(route, { softError: { errorcode: code, message: `Simulated ${code}` }, times: 1 })
    const error = await failure(call(c, { ecommerceId, authToken, referenceNumber }))
    expect(error).toBeInstanceOf(cls)
    expect(error).toMatchObject({ code, httpStatus: 200 })
    expect(error.message).toContain(`(${code}): Simulated ${code}`)
    expect(sb.callCount(route) - before).toBe(1)
  })
})

})

describe("reads are retried, writes never", () => {
  it("findPayment survives two 5xx answers: three attempts", async () => {
    const { ecommerceId } = await openPayment()
    sb.setFault("findPayment", { status: 500, times: 2 })
    await expect(client().findPayment(ecommerceId)).resolves.toMatchObject({ status: "OPEN" })
    expect(sb.callCount("findPayment")).toBe(3)
  })

  it("findPayment gives up after maxReadRetries with a ServerError", async () => {
    const { ecommerceId } = await openPayment()
    sb.setFault("findPayment", { status: 500 })
    const error = await failure(client({ maxReadRetries: 2 }).findPayment(ecommerceId))
    expect(error).toBeInstanceOf(ServerError)
    expect(error.code).toBe("BTRA_9999")
    expect(sb.callCount("findPayment")).toBe(3)
  })

  it("findPayment survives one malformed JSON answer", async () => {
    const { ecommerceId } = await openPayment()
    sb.setFault("findPayment", { malformedJson: true, times: 1 })
    await expect(client().findPayment(ecommerceId)).resolves.toMatchObject({ ecommerceId })
    expect(sb.callCount("findPayment")).toBe(2)
  })

  it("report and search are retried on 503 too", async () => {
    const { referenceNumber } = await completedPayment()
    sb.setFault("search", { status: 503, times: 1 })
    await expect(client().searchTransaction({ referenceNumber })).resolves.toHaveLength(1)
    expect(sb.callCount("search")).toBe(2)
    await sb.advanceTime(1)
    sb.setFault("report", { status: 503, times: 1 })
    await expect(client().transactionReport({ from: new Date(sb.now().getTime() - 60_000), to: sb.now() })).resolves.toHaveLength(1)
    expect(sb.callCount("report")).toBe(2)
  })

  it("a read's business error is not retried", async () => {
    await failure(client().findPayment("00000000-0000-0000-0000-000000000000"))
    expect(sb.callCount("findPayment")).toBe(1)
  })

  it("commitThenDrop on /payment → OutcomeUnknownError and exactly one ticket", async () => {
    sb.setFault("payment", { commitThenDrop: true, times: 1 })
    const error = await failure(openPayment())
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect(error.message).toContain("the outcome is unknown: check with findPayment")
    expect(sb.listTickets()).toHaveLength(1)
    expect(sb.callCount("payment")).toBe(1)
  })

  it("commitThenDrop on /refund → OutcomeUnknownError and exactly one refund, visible to findPayment", async () => {
    const { ecommerceId, referenceNumber } = await completedPayment()
    sb.setFault("refund", { commitThenDrop: true, times: 1 })
    const error = await failure(client().refundPayment({ referenceNumber, amount: "3.00" }))
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect(sb.getTicket(ecommerceId)?.refunds).toHaveLength(1)
    expect(sb.callCount("refund")).toBe(1)
    expect((await client().findPayment(ecommerceId)).totalRefundedAmount).toBe("3.00")
  })

  it("commitThenDrop on /authorization → OutcomeUnknownError; findPayment shows COMPLETED", async () => {
    const created = await openPayment()
    sb.approve({ ecommerceId: created.ecommerceId })
    sb.setFault("authorization", { commitThenDrop: true, times: 1 })
    expect(await failure(client().authorizePayment(created.authToken))).toBeInstanceOf(OutcomeUnknownError)
    expect(sb.getTicket(created.ecommerceId)?.authorizationCount).toBe(1)
    expect((await client().findPayment(created.ecommerceId)).status).toBe("COMPLETED")
  })

  it("commitThenDrop on cancel, phone update and subscribe → OutcomeUnknownError, sent once", async () => {
    const c = client()
    const created = await openPayment(c)
    const cases: Array<[SandboxRoute, () => Promise<unknown>]> = [
      ["updatePhoneNumber", () => c.updatePhoneNumber({ ecommerceId: created.ecommerceId, phoneNumber: "7875550009", authToken: created.authToken })],
      ["cancel", () => c.cancelPayment(created.ecommerceId)],
      ["subscribe", () => c.subscribeWebhooks({ listenerUrl: "https://shop.example/hooks" })],
    ]
    for (const [route, call] of cases) {
      sb.setFault(route, { commitThenDrop: true, times: 1 })
      expect(await failure(call())).toBeInstanceOf(OutcomeUnknownError)
      expect(sb.callCount(route)).toBe(1)
    }
    expect(sb.getTicket(created.ecommerceId)?.status).toBe("CANCEL")
  })

  it("a malformed answer to /refund → OutcomeUnknownError; the refund happened", async () => {
    const { ecommerceId, referenceNumber } = await completedPayment()
    sb.setFault("refund", { malformedJson: true, times: 1 })
    const error = await failure(client().refundPayment({ referenceNumber, amount: "1.00" }))
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect(error.code).toBe("INVALID_JSON")
    expect(sb.getTicket(ecommerceId)?.refunds).toHaveLength(1)
  })

  it("a 5xx on /payment is a ServerError, sent once", async () => {
    sb.setFault("payment", { status: 500, times: 1 })
    const error = await failure(openPayment())
    expect(error).toBeInstanceOf(ServerError)
    expect(error.retryable).toBe(false)
    expect(sb.callCount("payment")).toBe(1)
    expect(sb.listTickets()).toHaveLength(0)
  })
})

describe("timeouts and caller cancellation against the sandbox", () => {
  it("a slow findPayment times out per attempt, then the retry succeeds", async () => {
    const { ecommerceId } = await openPayment()
    sb.setFault("findPayment", { latencyMs: 600, times: 1 })
    const started = Date.now()
    await expect(client({ requestTimeoutMs: 150 }).findPayment(ecommerceId)).resolves.toMatchObject({ ecommerceId })
    expect(Date.now() - started).toBeLessThan(600)
  })

  it("a slow findPayment with no retries left → TimeoutError (not OutcomeUnknownError)", async () => {
    const { ecommerceId } = await openPayment()
    sb.setFault("findPayment", { latencyMs: 400, times: 1 })
    const error = await failure(client({ requestTimeoutMs: 100, maxReadRetries: 0 }).findPayment(ecommerceId))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).not.toBeInstanceOf(OutcomeUnknownError)
    await sleep(400)
  })

  it("a slow /payment → OutcomeUnknownError after one attempt; the ticket is created anyway", async () => {
    sb.setFault("payment", { latencyMs: 400, times: 1 })
    const error = await failure(openPayment(client({ requestTimeoutMs: 100 })))
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect(error.code).toBe("TIMEOUT")
    await sleep(500)
    expect(sb.callCount("payment")).toBe(1)
    expect(sb.listTickets()).toHaveLength(1)
  })

  it("the caller's AbortSignal stops a read without a retry", async () => {
    const { ecommerceId } = await openPayment()
    sb.setFault("findPayment", { latencyMs: 400, times: 1 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await failure(client({ maxReadRetries: 3 }).findPayment(ecommerceId, { signal: controller.signal }))
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(error.name).toBe("AbortError")
    await sleep(450)
    expect(sb.callCount("findPayment")).toBe(1)
  })

  it("no request at all with an already-aborted signal", async () => {
    const error = await failure(openPayment().then(() => client().findPayment("x", { signal: AbortSignal.abort() })))
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(sb.callCount("findPayment")).toBe(0)
  })
})

describe("connection-level faults classify as network errors for reads", () => {
  it("commitThenDrop on findPayment is retried like any dropped connection", async () => {
    const { ecommerceId } = await openPayment()
    sb.setFault("findPayment", { commitThenDrop: true, times: 1 })
    await expect(client().findPayment(ecommerceId)).resolves.toMatchObject({ ecommerceId })
    expect(sb.callCount("findPayment")).toBe(2)
  })

  it("with no retries the dropped read is a NetworkError", async () => {
    const { ecommerceId } = await openPayment()
    sb.setFault("findPayment", { commitThenDrop: true, times: 1 })
    const error = await failure(client({ maxReadRetries: 0 }).findPayment(ecommerceId))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.retryable).toBe(true)
  })
})
