import { startSandbox, type AthSandbox } from "../index"
import {
  call,
  completePayment,
  createPayment,
  expectError,
  fixture,
  refund,
  shapeDiff,
  startListener,
  subscribe,
  type Listener,
} from "./helpers"

let sb: AthSandbox
let listener: Listener

beforeAll(async () => {
  sb = await startSandbox({ clock: "manual" })
  listener = await startListener()
})

afterAll(async () => {
  await sb.stop()
  await listener.close()
})

beforeEach(async () => {
  sb.reset()
  listener.received.length = 0
  await subscribe(sb, listener.url)
})

describe("subscription", () => {
  const subscribeBody = (overrides: Record<string, unknown>) => ({
    publicToken: sb.tokens.publicToken,
    privateToken: sb.tokens.privateToken,
    listenerURL: "https://shop.example.com/athm",
    ecommercePaymentReceivedEvent: true,
    ...overrides,
  })
  const post = (body: unknown) => call("POST", `${sb.reportBaseUrl}/transactions/webhook/post`, body)

  it("accepts https anywhere and http on loopback only", async () => {
    expect((await post(subscribeBody({}))).body).toEqual({
      status: "success",
      data: { message: "Webhook subscription updated successfully" },
    })
    expect((await post(subscribeBody({ listenerURL: "http://localhost:9000/hook" }))).status).toBe(200)
    expectError(await post(subscribeBody({ listenerURL: "http://shop.example.com/athm" })), "BTRA_0006", 400)
    expectError(await post(subscribeBody({ listenerURL: "ftp://127.0.0.1/x" })), "BTRA_0006", 400)
    expectError(await post(subscribeBody({ listenerURL: "not a url" })), "BTRA_0006", 400)
    expectError(await post(subscribeBody({ listenerURL: undefined })), "BTRA_0019", 400)
    expectError(await post(subscribeBody({ refundSentEvent: "yes" })), "BTRA_0006", 400)
    expectError(await post(subscribeBody({ privateToken: "wrong" })), "BTRA_0017", 401)
  })

  it("only sends subscribed events", async () => {
    await subscribe(sb, listener.url, { ecommercePaymentReceivedEvent: false })
    const { data } = await completePayment(sb)
    await refund(sb, data.referenceNumber, "1.00")
    await sb.flushWebhooks()
    expect(listener.received.map((r) => r.body.transactionType)).toEqual(["REFUND"])
  })

  it("logs deliveries, including failed ones", async () => {
    await completePayment(sb)
    await sb.flushWebhooks()
    expect(sb.webhookDeliveries).toHaveLength(1)
    expect(sb.webhookDeliveries[0]).toMatchObject({ url: listener.url, event: "ecommerce_completed", status: 200 })
    expect(sb.webhookDeliveries[0].body).toEqual(listener.received[0].body)

    const dead = await startListener()
    await dead.close()
    await subscribe(sb, dead.url)
    sb.reject({ ecommerceId: (await createPayment(sb)).ecommerceId })
    await sb.flushWebhooks()
    expect(sb.webhookDeliveries[1]).toMatchObject({ url: dead.url, event: "ecommerce_cancelled", status: null })
    expect(sb.webhookDeliveries[1].error).toEqual(expect.any(String))
  })
})

describe("event bodies", () => {
  it("uses the original payment's referenceNumber in refund webhooks unless told otherwise", async () => {
    const { data } = await completePayment(sb)
    const first = await refund(sb, data.referenceNumber, "2.00", "first")
    sb.setWebhookBehaviour({ refundWebhookReference: "refund" })
    const second = await refund(sb, data.referenceNumber, "3.00", "second")
    await sb.flushWebhooks()
    const refunds = listener.received.map((r) => r.body).filter((b) => b.transactionType === "REFUND")
    expect(refunds.map((b) => [b.referenceNumber, b.total, b.message, b.dailyTransactionID])).toEqual([
      [data.referenceNumber, "2.00", "first", "2"],
      [second.body.data.refund.referenceNumber, "3.00", "second", "3"],
    ])
    expect(first.body.data.refund.referenceNumber).not.toBe(data.referenceNumber)
  })

  it("sends refunds made in the business app too", async () => {
    const { ecommerceId, data } = await completePayment(sb)
    const r = sb.refundOutsideApi({ referenceNumber: data.referenceNumber, amount: "4.00", message: "counter" })
    expect(r).toMatchObject({ amount: "4.00", via: "business-app", originalReferenceNumber: data.referenceNumber })
    expect(sb.getTicket(ecommerceId)!.totalRefundedAmount).toBe("4.00")
    await sb.flushWebhooks()
    expect(listener.received.at(-1)!.body).toMatchObject({ transactionType: "REFUND", total: "4.00", message: "counter" })
    expect(() => sb.refundOutsideApi({ referenceNumber: data.referenceNumber, amount: "99.00" })).toThrow(/refund failed/)
    expect(() => sb.refundOutsideApi({ referenceNumber: "nope", amount: "1.00" })).toThrow(/ReferenceNumber not found/)
  })

  it("sends the legacy generation on request", async () => {
    sb.setWebhookBehaviour({ generation: "legacy" })
    const { data } = await completePayment(sb, { total: "3.00", subtotal: "2.00", tax: "1.00" })
    sb.reject({ ecommerceId: (await createPayment(sb)).ecommerceId })
    await sb.flushWebhooks()
    const [completed, cancelled] = listener.received.map((r) => r.body)
    // The 2020 README shows the same keys for completed, cancelled and expired.
    const legacy = fixture("webhooks/ecommerce_expired.official.json")
    expect(shapeDiff(legacy, completed)).toEqual(["$.items: expected 2 elements, got 1"])
    expect(shapeDiff(legacy.items[0], completed.items[0])).toEqual([])
    expect(completed).toMatchObject({
      transactionType: "ecommerce",
      status: "completed",
      total: "3.00",
      subtotal: "2.00",
      fee: "0.08",
      netAmount: "2.92",
      referenceNumber: data.referenceNumber,
      dailyTransactionID: "0001",
      phoneNumber: "7875551234",
    })
    expect(completed).not.toHaveProperty("ecommerceId")
    expect(cancelled).toMatchObject({ transactionType: "ecommerce", status: "cancelled", referenceNumber: "" })
    expect(cancelled).not.toHaveProperty("ecommerceId")
  })

  it("can start in the legacy generation", async () => {
    const legacy = await startSandbox({ clock: "manual", webhookGeneration: "legacy" })
    try {
      await subscribe(legacy, listener.url)
      await completePayment(legacy)
      await legacy.flushWebhooks()
      expect(listener.received.at(-1)!.body.transactionType).toBe("ecommerce")
    } finally {
      await legacy.stop()
    }
  })
})

describe("delivery switches", () => {
  it("duplicates each event", async () => {
    sb.setWebhookBehaviour({ duplicate: 3 })
    const { ecommerceId } = await completePayment(sb)
    await sb.flushWebhooks()
    expect(listener.received).toHaveLength(3)
    expect(new Set(listener.received.map((r) => JSON.stringify(r.body))).size).toBe(1)
    expect(listener.received[0].body.ecommerceId).toBe(ecommerceId)
  })

  it("delays deliveries", async () => {
    sb.setWebhookBehaviour({ delayMs: 1500 })
    const started = performance.now()
    await completePayment(sb)
    expect(listener.received).toHaveLength(0)
    expect(sb.webhookDeliveries).toHaveLength(0)
    await listener.waitFor(1, 5000)
    expect(listener.received[0].at - started).toBeGreaterThanOrEqual(1450)
  }, 10_000)

  it("flush delivers delayed events at once", async () => {
    sb.setWebhookBehaviour({ delayMs: 60_000 })
    await completePayment(sb)
    expect(listener.received).toHaveLength(0)
    await sb.flushWebhooks()
    expect(listener.received).toHaveLength(1)
  })

  it("holds events and delivers them in reverse order on flush", async () => {
    sb.setWebhookBehaviour({ reorder: true })
    const { data } = await completePayment(sb)
    sb.reject({ ecommerceId: (await createPayment(sb)).ecommerceId })
    await refund(sb, data.referenceNumber, "1.00")
    await new Promise((r) => setTimeout(r, 50))
    expect(listener.received).toHaveLength(0)
    await sb.flushWebhooks()
    expect(listener.received.map((r) => `${r.body.transactionType}/${r.body.status}`)).toEqual([
      "REFUND/COMPLETED",
      "ECOMMERCE/CANCEL",
      "ECOMMERCE/COMPLETED",
    ])
  })

  it("is configurable over HTTP and validated", async () => {
    const res = await call("POST", `${sb.url}/sandbox/control/webhooks`, { duplicate: 2 })
    expect(res.status).toBe(200)
    await completePayment(sb)
    const flushed = await call("POST", `${sb.url}/sandbox/control/webhooks/flush`)
    expect(flushed.body).toEqual({ delivered: 2 })
    const log = await call("GET", `${sb.url}/sandbox/control/webhooks`)
    expect(log.body.deliveries).toHaveLength(2)
    expect((await call("POST", `${sb.url}/sandbox/control/webhooks`, { duplicate: 0 })).status).toBe(400)
    expect(() => sb.setWebhookBehaviour({ generation: "2030" as never })).toThrow(/Invalid webhook behaviour/)
  })

  it("reset forgets subscriptions, behaviour and the delivery log", async () => {
    sb.setWebhookBehaviour({ duplicate: 2 })
    await completePayment(sb)
    await sb.flushWebhooks()
    sb.reset()
    expect(sb.webhookDeliveries).toHaveLength(0)
    await completePayment(sb)
    await sb.flushWebhooks()
    expect(listener.received).toHaveLength(2)
  })
})
