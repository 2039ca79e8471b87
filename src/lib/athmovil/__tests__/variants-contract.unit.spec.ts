/**
 * Contract: for every documented response shape (each option of every
 * sandbox variant dimension, played alone in strict mode) the client reads
 * the same facts the sandbox holds: amounts exact, references trimmed and
 * equal, dates at the same instant, statuses and kinds normalised, and every
 * error classified by its code whatever HTTP status it came with.
 */
import { VARIANT_DIMENSIONS, VARIANT_TEST_SEEDS, startSandbox, type AthSandbox, type TicketSnapshot } from "../../../sandbox"
import {
  AthMovilClient,
  AthMovilError,
  AuthenticationError,
  TransactionError,
  ValidationError,
  normaliseWebhook,
  type AthWebhookEvent,
} from ".."
import { json, startLocalServer, type LocalServer } from "./support/local-server"

let sb: AthSandbox
let listener: LocalServer

beforeAll(async () => {
  sb = await startSandbox({ port: 0, clock: "manual" })
  listener = await startLocalServer()
  listener.respond((_req, res) => json(res, 200, {}))
})

afterAll(async () => {
  await sb.stop()
  await listener.stop()
})

const PHONE = "7875550001"

function client(): AthMovilClient {
  return new AthMovilClient({ ...sb.tokens, apiBaseUrl: sb.apiBaseUrl, reportBaseUrl: sb.reportBaseUrl, retryBaseDelayMs: 1 })
}

/** Whole seconds: the Puerto Rico date formats carry no milliseconds. */
const second = (iso: string | null | Date) => (iso === null ? null : Math.floor(new Date(iso).getTime() / 1000))

async function failure(promise: Promise<unknown>): Promise<AthMovilError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AthMovilError)
    return error as AthMovilError
  }
  throw new Error("expected a rejection")
}

async function webhooks(): Promise<AthWebhookEvent[]> {
  await sb.flushWebhooks()
  return listener.requests.map((r) => normaliseWebhook(JSON.parse(r.body)))
}

/** One pass through every endpoint; each answer is checked against the sandbox's own record. */
async function playEverything(label: string): Promise<void> {
  sb.reset()
  listener.requests.length = 0
  const c = client()
  await c.subscribeWebhooks({ listenerUrl: `${listener.url}/hooks` })

  const created = await c.createPayment({
    total: "12.00",
    tax: "1.00",
    phoneNumber: PHONE,
    metadata1: "sess_1",
    metadata2: "cart_1",
    items: [{ name: "Mug", quantity: 1, price: "11.00", tax: "1.00", sku: "MUG" }],
  })
  const open = await c.findPayment(created.ecommerceId)
  expect(open).toMatchObject({ status: "OPEN", total: "12.00", subtotal: "11.00", tax: "1.00", referenceNumber: null, dailyTransactionId: null, transactionDate: null })

  sb.approve({ ecommerceId: created.ecommerceId })
  const paid = await c.authorizePayment(created.authToken)
  const truth = sb.getTicket(created.ecommerceId) as TicketSnapshot
  const facts = {
    status: "COMPLETED",
    referenceNumber: truth.referenceNumber,
    dailyTransactionId: truth.dailyTransactionId,
    total: "12.00",
    fee: truth.fee,
    netAmount: truth.netAmount,
    totalRefundedAmount: "0.00",
    metadata1: "sess_1",
  }
  expect(paid).toMatchObject(facts)
  expect(second(paid.transactionDate)).toBe(second(truth.completedAt))
  const found = await c.findPayment(created.ecommerceId)
  expect(found).toMatchObject(facts)
  expect(found.items.map((i) => [i.price, i.tax, i.quantity])).toEqual([["11.00", "1.00", 1]])

  const refund = await c.refundPayment({ referenceNumber: paid.referenceNumber as string, amount: "3.00" })
  const refundTruth = (sb.getTicket(created.ecommerceId) as TicketSnapshot).refunds[0]
  expect(refund.refund).toMatchObject({
    amount: "3.00",
    status: "COMPLETED",
    referenceNumber: refundTruth.referenceNumber,
    dailyTransactionId: refundTruth.dailyTransactionId,
  })
  expect(second(refund.refund.date)).toBe(second(refundTruth.date))
  expect([PHONE, null]).toContain(refund.refund.phoneNumber)
  expect(refund.original).toMatchObject({ referenceNumber: truth.referenceNumber, total: "12.00", totalRefundedAmount: "3.00" })

  await sb.advanceTime(1)
  const [row] = await c.searchTransaction({ referenceNumber: paid.referenceNumber as string })
  expect(row).toMatchObject({ transactionType: "ECOMMERCE", status: "COMPLETED", referenceNumber: truth.referenceNumber, total: "12.00", totalRefundedAmount: "3.00", dailyTransactionId: truth.dailyTransactionId })
  expect(second(row.date)).toBe(second(truth.completedAt))
  const now = sb.now()
  const report = await c.transactionReport({ from: new Date(now.getTime() - 3_600_000), to: now })
  const byType = Object.fromEntries(report.map((r) => [r.transactionType, r]))
  expect(Object.keys(byType).sort()).toEqual(["ECOMMERCE", "REFUND"])
  expect(byType.REFUND).toMatchObject({ referenceNumber: refundTruth.referenceNumber, total: "3.00", dailyTransactionId: refundTruth.dailyTransactionId })
  expect(second(byType.REFUND.date)).toBe(second(refundTruth.date))

  const rejected = await c.createPayment({ total: "5.00", phoneNumber: PHONE, metadata1: "sess_2" })
  sb.reject({ ecommerceId: rejected.ecommerceId })

  const [completedHook, refundHook, cancelledHook] = await webhooks()
  expect(completedHook).toMatchObject({ kind: "ecommerce", status: "completed", referenceNumber: truth.referenceNumber, total: "12.00", metadata1: "sess_1" })
  expect([created.ecommerceId, null]).toContain(completedHook.ecommerceId)
  expect(second(completedHook.date)).toBe(second(truth.completedAt))
  expect(refundHook).toMatchObject({ kind: "refund", status: "completed", total: "3.00", dailyTransactionId: refundTruth.dailyTransactionId })
  expect([truth.referenceNumber, refundTruth.referenceNumber]).toContain(refundHook.referenceNumber)
  expect(second(refundHook.date)).toBe(second(refundTruth.date))
  expect(cancelledHook).toMatchObject({ kind: "ecommerce", status: "cancelled", total: "5.00", metadata1: "sess_2" })
  // The generation read from the payload is the one the sandbox chose (2025 unless varied); refunds are never 2025.
  const generations = sb.variantChoices.filter((ch) => ch.dimension === "webhook.ecommerceGeneration").map((ch) => ch.option)
  expect([completedHook.generation, refundHook.generation, cancelledHook.generation]).toEqual([
    generations[0] ?? "2025",
    "legacy",
    generations[1] ?? "2025",
  ])

  // Errors: the class follows the code, whatever the status.
  const early = await c.createPayment({ total: "2.00", phoneNumber: PHONE })
  const cases: Array<[() => Promise<unknown>, Function, string]> = [
    [() => c.authorizePayment(early.authToken), TransactionError, "BTRA_0032"],
    [() => c.findPayment("00000000-0000-0000-0000-000000000000"), TransactionError, "BTRA_0031"],
    [() => c.refundPayment({ referenceNumber: "nope", amount: "1.00" }), TransactionError, "BTRA_0053"],
    [() => c.refundPayment({ referenceNumber: paid.referenceNumber as string, amount: "100.00" }), TransactionError, "BTRA_0030"],
    [() => new AthMovilClient({ publicToken: "nobody", apiBaseUrl: sb.apiBaseUrl }).findPayment("x"), AuthenticationError, "BTRA_0017"],
    [() => c.transactionReport({ from: new Date(now.getTime() - 40 * 86_400_000), to: now }), ValidationError, "BTRA_0026"],
  ]
  for (const [call, cls, code] of cases) {
    const error = await failure(call())
    expect({ label, code: error.code, cls: error.constructor.name }).toEqual({ label, code, cls: cls.name })
  }
  expect(sb.getTicket(created.ecommerceId)?.authorizationCount).toBe(1)
}

const strictCases = VARIANT_DIMENSIONS.flatMap((d) => d.options.map((o) => `${d.name}=${o.name}`))

describe("each documented shape, played alone (strict mode)", () => {
  afterAll(() => sb.setVariants(null))
  it.each(strictCases)("%s", async (strict) => {
    sb.setVariants({ strict })
    await playEverything(strict)
    const [dimension] = strict.split("=")
    // The strict option was really played, and nothing else was varied.
    expect(new Set(sb.variantChoices.map((c) => `${c.dimension}=${c.option}`))).toEqual(new Set([strict]))
    expect(sb.variantChoices.some((c) => c.dimension === dimension)).toBe(true)
  })
})

describe("every shape at once, mixed per response and per field (seeded)", () => {
  afterAll(() => sb.setVariants(null))
  it.each([...VARIANT_TEST_SEEDS, "athm-5", "athm-6", "athm-7", "athm-8"])("seed %s", async (seed) => {
    sb.setVariants(seed)
    await playEverything(`seed ${seed}`)
    expect(new Set(sb.variantChoices.map((c) => c.dimension)).size).toBeGreaterThan(10)
  })
})

describe("errors at every HTTP status", () => {
  it("the same code gets the same class at 200, 4xx and 5xx", async () => {
    sb.setVariants({ strict: "error.httpStatus=any" })
    sb.reset()
    const c = client()
    const seen = new Set<number>()
    for (let i = 0; i < 40; i++) {
      const error = await failure(c.findPayment("00000000-0000-0000-0000-000000000000"))
      expect(error).toBeInstanceOf(TransactionError)
      expect(error).toMatchObject({ code: "BTRA_0031", retryable: false })
      seen.add(error.httpStatus as number)
    }
    expect([...seen].sort()).toEqual([200, 400, 401, 403, 404, 409, 500])
    expect(sb.callCount("findPayment")).toBe(40)
    sb.setVariants(null)
  })
})
