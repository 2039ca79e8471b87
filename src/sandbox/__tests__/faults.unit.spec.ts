import { startSandbox, type AthSandbox } from "../index"
import { call, completePayment, createPayment, expectError, findPayment, paymentRequest, refund } from "./helpers"

let sb: AthSandbox
const logLines: string[] = []

beforeAll(async () => {
  sb = await startSandbox({ clock: "manual", log: (line) => logLines.push(line) })
})

afterAll(() => sb.stop())

beforeEach(() => {
  sb.reset()
  logLines.length = 0
})

const pay = () => call("POST", `${sb.apiBaseUrl}/payment`, paymentRequest(sb))

describe("fault injection", () => {
  it("adds latency", async () => {
    const { ecommerceId } = await createPayment(sb)
    sb.setFault("findPayment", { latencyMs: 300, jitterMs: 50 })
    const started = performance.now()
    const res = await findPayment(sb, ecommerceId)
    expect(res.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
  })

  it("answers a 5xx without processing the request", async () => {
    sb.setFault("payment", { status: 503 })
    expectError(await pay(), "BTRA_9998", 503)
    sb.setFault("payment", { status: 500 })
    expectError(await pay(), "BTRA_9999", 500)
    expect(sb.listTickets()).toHaveLength(0)
  })

  it("answers a soft error (HTTP 200 + error envelope) without processing", async () => {
    sb.setFault("payment", { softError: { errorcode: "BTRA_9998", message: "Communication Error" } })
    const res = await pay()
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: "error", message: "Communication Error", errorcode: "BTRA_9998", data: null })
    expect(sb.listTickets()).toHaveLength(0)
  })

  it("processes the request but returns malformed JSON", async () => {
    sb.setFault("payment", { malformedJson: true })
    const res = await pay()
    expect(res.status).toBe(200)
    expect(res.body).toBeUndefined()
    expect(() => JSON.parse(res.text)).toThrow()
    expect(res.text.startsWith('{"status":"success"')).toBe(true)
    expect(sb.listTickets()).toHaveLength(1)
  })

  it("commits a payment, then drops the connection", async () => {
    sb.setFault("payment", { commitThenDrop: true })
    await expect(pay()).rejects.toThrow()
    expect(sb.listTickets()).toHaveLength(1)
    expect(sb.listTickets()[0].status).toBe("OPEN")
    expect(sb.requestLog.at(-1)).toMatchObject({ route: "payment", method: "POST", status: 0 })
    expect(logLines).toEqual(["POST /api/business-transaction/ecommerce/payment → dropped (payment)"])
  })

  it("commits a refund, then drops the connection", async () => {
    const { ecommerceId, data } = await completePayment(sb)
    sb.setFault("refund", { commitThenDrop: true, times: 1 })
    await expect(refund(sb, data.referenceNumber, "5.00")).rejects.toThrow()
    expect(sb.getTicket(ecommerceId)!.refunds.map((r) => r.amount)).toEqual(["5.00"])
    expect((await findPayment(sb, ecommerceId)).body.data.totalRefundedAmount).toBe(5)
  })

  it("commits an authorization, then drops the connection", async () => {
    const created = await createPayment(sb)
    sb.approve({ ecommerceId: created.ecommerceId })
    sb.setFault("authorization", { commitThenDrop: true })
    await expect(
      call("POST", `${sb.apiBaseUrl}/authorization`, undefined, { authorization: `Bearer ${created.authToken}` }),
    ).rejects.toThrow()
    expect(sb.getTicket(created.ecommerceId)!.status).toBe("COMPLETED")
  })

  it("applies a fault to the next N requests only", async () => {
    const { ecommerceId } = await createPayment(sb)
    sb.setFault("findPayment", { status: 502, times: 2 })
    expect((await findPayment(sb, ecommerceId)).status).toBe(502)
    expect((await findPayment(sb, ecommerceId)).status).toBe(502)
    expect((await findPayment(sb, ecommerceId)).status).toBe(200)
    expect(sb.callCount("findPayment")).toBe(3)
    expect(sb.callCount("payment")).toBe(1)
    expect(sb.callCount()).toBe(4)
  })

  it("leaves other routes alone and can be cleared", async () => {
    sb.setFault("refund", { status: 500 })
    sb.setFault("search", { status: 500 })
    expect((await pay()).status).toBe(200)
    sb.setFault("refund", null)
    sb.clearFaults()
    const { data } = await completePayment(sb)
    expect((await refund(sb, data.referenceNumber, "1.00")).status).toBe(200)
  })

  it("rejects invalid faults", () => {
    expect(() => sb.setFault("payment", { status: 404 })).toThrow(/Invalid fault/)
    expect(() => sb.setFault("payment", { times: 0 })).toThrow(/Invalid fault/)
    expect(() => sb.setFault("payment", { bogus: true } as never)).toThrow(/Invalid fault/)
  })

  it("is configurable over HTTP", async () => {
    const set = await call("POST", `${sb.url}/sandbox/control/fault`, { route: "payment", fault: { status: 504, times: 1 } })
    expect(set.status).toBe(200)
    expect((await pay()).status).toBe(504)
    expect((await pay()).status).toBe(200)
    const bad = await call("POST", `${sb.url}/sandbox/control/fault`, { route: "nope", fault: null })
    expect(bad.status).toBe(400)
  })
})
