import { startSandbox, type AthSandbox } from "../index"
import { call, completePayment, createPayment, startListener, subscribe } from "./helpers"

let sb: AthSandbox

beforeAll(async () => {
  sb = await startSandbox({
    clock: "manual",
    merchants: [{ publicToken: "pub", privateToken: "priv", businessName: "Café <Boricua>" }],
  })
})

afterAll(() => sb.stop())

beforeEach(() => sb.reset())

async function phonePage(phone: string) {
  const res = await fetch(`${sb.url}/sandbox/phone?phone=${phone}`)
  expect(res.status).toBe(200)
  expect(res.headers.get("content-type")).toMatch(/^text\/html/)
  return res.text()
}

describe("phone page", () => {
  it("lists the pending payment with Approve and Reject buttons", async () => {
    const { ecommerceId } = await createPayment(sb, {
      total: "12.34",
      phoneNumber: "7875551234",
      items: [{ name: "Pastelillo <de guayaba>", description: "", quantity: 3, price: "4.00", tax: null, metadata: null }],
    })
    await createPayment(sb, { phoneNumber: "7875559999", metadata1: "someone-else" })
    await sb.advanceTime(100)

    const html = await phonePage("787-555-1234")
    expect(html).toContain("<title>ATH Móvil sandbox phone</title>")
    expect(html).toContain("Café &#60;Boricua&#62;")
    expect(html).toContain("$12.34")
    expect(html).toContain("Pastelillo &#60;de guayaba&#62; × 3")
    expect(html).not.toContain("<de guayaba>")
    expect(html).toContain(`data-seconds-left="500"`)
    expect(html).toContain(`data-ecommerce-id="${ecommerceId}">Approve</button>`)
    expect(html).toContain(`data-ecommerce-id="${ecommerceId}">Reject</button>`)
    expect(html.match(/<li class="payment"/g)).toHaveLength(1)
    expect(html).toMatch(/<input name="phone"[^>]*value="7875551234"/)
    expect(html).not.toMatch(/(src|href)="https?:/)
  })

  it("shows an empty state and a phone input", async () => {
    expect(await phonePage("")).toContain("Enter the phone number")
    expect(await phonePage("7870000000")).toContain("No pending payments for 7870000000")
  })

  it("drops a payment from the page once approved through the customer endpoint", async () => {
    const { ecommerceId } = await createPayment(sb, { phoneNumber: "7875551234" })
    const res = await call("POST", `${sb.url}/sandbox/customer/approve`, { ecommerceId, phoneNumber: "7875551234" })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ ecommerceId, status: "CONFIRM" })
    expect(await phonePage("7875551234")).not.toContain(ecommerceId)

    const again = await call("POST", `${sb.url}/sandbox/customer/approve`, { ecommerceId })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe("BTRA_0035")
  })

  it("rejects through the customer endpoint and sends the cancelled webhook", async () => {
    const listener = await startListener()
    try {
      await subscribe(sb, listener.url)
      const { ecommerceId } = await createPayment(sb, { phoneNumber: "7875551234" })
      const res = await call("POST", `${sb.url}/sandbox/customer/reject`, { phoneNumber: "7875551234" })
      expect(res.body).toMatchObject({ ecommerceId, status: "CANCEL", cancelledBy: "customer" })
      await sb.flushWebhooks()
      expect(listener.received.map((r) => r.body.status)).toEqual(["CANCEL"])
    } finally {
      await listener.close()
    }
    expect((await call("POST", `${sb.url}/sandbox/customer/reject`, {})).status).toBe(400)
    expect((await call("POST", `${sb.url}/sandbox/customer/reject`, { ecommerceId: "nope" })).status).toBe(404)
  })
})

describe("control endpoints", () => {
  it("reports health", async () => {
    const res = await call("GET", `${sb.url}/sandbox/health`)
    expect(res.body).toEqual({ status: "ok", clock: "manual", now: sb.now().toISOString() })
  })

  it("advances time", async () => {
    const before = sb.now().getTime()
    const res = await call("POST", `${sb.url}/sandbox/control/advance-time`, { seconds: 90 })
    expect(res.status).toBe(200)
    expect(sb.now().getTime() - before).toBe(90_000)
    expect((await call("POST", `${sb.url}/sandbox/control/advance-time`, { seconds: -1 })).status).toBe(400)
    expect((await call("POST", `${sb.url}/sandbox/control/advance-time`, "nope")).status).toBe(400)
  })

  it("lists and fetches tickets", async () => {
    const a = await createPayment(sb, { phoneNumber: "7875550001" })
    const b = await completePayment(sb, { phoneNumber: "7875550002" })
    const all = await call("GET", `${sb.url}/sandbox/control/tickets`)
    expect(all.body.map((t: any) => t.ecommerceId)).toEqual([a.ecommerceId, b.ecommerceId])
    const open = await call("GET", `${sb.url}/sandbox/control/tickets?status=OPEN&phone=7875550001`)
    expect(open.body.map((t: any) => t.ecommerceId)).toEqual([a.ecommerceId])
    const one = await call("GET", `${sb.url}/sandbox/control/tickets/${b.ecommerceId}`)
    expect(one.body).toMatchObject({ ecommerceId: b.ecommerceId, status: "COMPLETED", fee: "0.60", referenceNumber: b.data.referenceNumber })
    expect((await call("GET", `${sb.url}/sandbox/control/tickets/nope`)).status).toBe(404)
    expect((await call("GET", `${sb.url}/sandbox/control/tickets?status=DONE`)).status).toBe(400)
  })

  it("refunds as the business app would", async () => {
    const { ecommerceId, data } = await completePayment(sb)
    const res = await call("POST", `${sb.url}/sandbox/control/refund`, { referenceNumber: data.referenceNumber, amount: "2.50" })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ amount: "2.50", via: "business-app" })
    expect(sb.getTicket(ecommerceId)!.totalRefundedAmount).toBe("2.50")
    const over = await call("POST", `${sb.url}/sandbox/control/refund`, { referenceNumber: data.referenceNumber, amount: 100 })
    expect(over.status).toBe(409)
    expect(over.body.code).toBe("BTRA_0030")
  })

  it("sends app events, exposes request counts and seeds data", async () => {
    const listener = await startListener()
    try {
      await subscribe(sb, listener.url)
      expect((await call("POST", `${sb.url}/sandbox/control/app-event`, { kind: "donation", amount: "7.00" })).status).toBe(200)
      expect((await call("POST", `${sb.url}/sandbox/control/app-event`, { kind: "tip" })).status).toBe(400)
      await sb.flushWebhooks()
      expect(listener.received.map((r) => [r.body.transactionType, r.body.total])).toEqual([["donation", "7.00"]])
    } finally {
      await listener.close()
    }
    await createPayment(sb)
    const counts = await call("GET", `${sb.url}/sandbox/control/requests`)
    expect(counts.body.counts).toMatchObject({ payment: 1, subscribe: 1, findPayment: 0 })
    expect(counts.body.requestLog.filter((e: any) => e.route === "control").length).toBeGreaterThanOrEqual(2)

    const to = new Date(sb.now().getTime() - 1000)
    const seeded = await call("POST", `${sb.url}/sandbox/control/seed`, {
      count: 10,
      from: new Date(to.getTime() - 86_400_000).toISOString(),
      to: to.toISOString(),
    })
    expect(seeded.body).toEqual({ seeded: 10 })
    expect(sb.listTickets().filter((t) => t.status === "COMPLETED")).toHaveLength(10)
  })

  it("resets everything", async () => {
    await createPayment(sb)
    sb.setFault("payment", { status: 500 })
    const res = await call("POST", `${sb.url}/sandbox/control/reset`)
    expect(res.body).toEqual({ ok: true })
    expect(sb.listTickets()).toHaveLength(0)
    expect((await call("POST", `${sb.apiBaseUrl}/payment`, { publicToken: "pub" })).status).toBe(400)
    expect(sb.requestLog.map((e) => e.route)).toEqual(["control", "payment"])
  })
})
