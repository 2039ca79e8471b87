/**
 * App "Pay a Business" payments and donations: the webhook announces a
 * transaction ATH keeps, so its report and search list the same one.
 */
import { startSandbox, type AthSandbox } from "../index"
import { call, completePayment, fixture, getWithBody, prTime, shapeDiff, startListener, subscribe, type Listener } from "./helpers"

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

beforeEach(() => {
  sb.reset()
  listener.received.length = 0
})

const HOUR = 3_600_000

function report(sandbox = sb) {
  const now = sandbox.now().getTime()
  return getWithBody(`${sandbox.reportBaseUrl}/transactions/v4/transactionReport`, {
    publicToken: sandbox.tokens.publicToken,
    privateToken: sandbox.tokens.privateToken,
    fromDate: prTime(new Date(now - HOUR)),
    toDate: prTime(new Date(now)),
  })
}

function search(filters: Record<string, unknown>, sandbox = sb) {
  return call("POST", `${sandbox.reportBaseUrl}/api/v4/searchTransaction`, {
    publicToken: sandbox.tokens.publicToken,
    privateToken: sandbox.tokens.privateToken,
    ...filters,
  })
}

/** The report row of the documented example, its type and values aside. */
const reportSample = () => fixture<any[]>("reports/transaction_report.django-athm-fixture.json")[1]

describe("app payments and donations in the report and search", () => {
  it("lists the transaction each PAYMENT / DONATION webhook announced, with the webhook's reference, amounts and customer", async () => {
    await subscribe(sb, listener.url)
    const payment = await completePayment(sb)
    await sb.advanceTime(1)
    sb.sendAppWebhook("payment", { amount: "12.00", phoneNumber: "7875550111", message: "Pago alquiler" })
    await sb.advanceTime(1)
    sb.sendAppWebhook("donation", { amount: "5.25", phoneNumber: "7875550122" })
    await sb.flushWebhooks()
    const [paid, donated] = listener.received.map((r) => r.body as Record<string, string>).filter((b) => b.transactionType !== "ECOMMERCE")
    expect([paid.transactionType, donated.transactionType]).toEqual(["payment", "donation"])

    const res = await report()
    expect(res.status).toBe(200)
    const rows = res.body as any[]
    expect(rows.map((r) => r.transactionType)).toEqual(["DONATION", "PAYMENT", "ECOMMERCE"])
    const [donationRow, paymentRow] = rows
    expect(paymentRow).toMatchObject({
      transactionType: "PAYMENT",
      status: "COMPLETED",
      referenceNumber: paid.referenceNumber,
      dailyTransactionID: Number(paid.dailyTransactionID),
      name: paid.name,
      phoneNumber: "(787) 555-0111",
      email: paid.email,
      message: "Pago alquiler",
      total: 12,
      tax: 0,
      subtotal: 0,
      // The usual `fee.number` guess: ATH's float32 print, as on eCommerce rows.
      fee: Math.fround(Number(paid.fee)),
      netAmount: Number(paid.netAmount),
      totalRefundAmount: 0,
      metadata1: "",
      metadata2: "",
      items: [],
    })
    expect(paymentRow.date).toBe(paid.date)
    expect(donationRow).toMatchObject({ transactionType: "DONATION", referenceNumber: donated.referenceNumber, total: 5.25, fee: Math.fround(Number(donated.fee)) })
    // The documented row shape, keys and JSON types (items aside: an app payment has none).
    expect(shapeDiff({ ...reportSample(), items: [] }, paymentRow)).toEqual([])
    expect(shapeDiff({ ...reportSample(), items: [] }, donationRow)).toEqual([])
    // The eCommerce payment's daily number comes first: payments and app income share the counter.
    expect(rows[2].referenceNumber).toBe(payment.data.referenceNumber)
    expect(new Set(rows.map((r) => r.dailyTransactionID)).size).toBe(3)

    const found = (await search({ referenceNumber: paid.referenceNumber })).body as Record<string, unknown>
    const searchSample = fixture<Record<string, unknown>>("api/search_transaction_response.legacy-v4.official.json")
    expect(shapeDiff({ ...searchSample, items: [] }, found)).toEqual([])
    expect(found).toMatchObject({ transactionType: "PAYMENT", referenceNumber: paid.referenceNumber, total: 12, totalRefundedAmount: 0, metadata1: "" })
    expect((await search({ phoneNumber: "(787) 555-0122" })).body).toMatchObject({ transactionType: "DONATION", total: 5.25 })
    expect((await search({ total: "5.25" })).body).toMatchObject({ referenceNumber: donated.referenceNumber })
  })

  it("keeps the transaction with no listener subscribed, and forgets it on reset", async () => {
    sb.sendAppWebhook("payment", { amount: "3.00" })
    expect(sb.webhookDeliveries).toHaveLength(0)
    expect(((await report()).body as any[]).map((r) => [r.transactionType, r.total])).toEqual([["PAYMENT", 3]])
    sb.reset()
    expect((await report()).body).toMatchObject({ errorcode: "BTRA_0046" })
    expect((await search({ total: "3.00" })).body).toEqual([])
  })

  it("outside the report's date range, it is not listed", async () => {
    sb.sendAppWebhook("donation", { amount: "2.00" })
    await sb.advanceTime(2 * 3600)
    expect((await report()).body).toMatchObject({ errorcode: "BTRA_0046" })
  })

  it("the simulated event is a listener check, not a transaction", async () => {
    sb.sendAppWebhook("simulated")
    expect((await report()).body).toMatchObject({ errorcode: "BTRA_0046" })
  })

  it("keeps the uppercase type whatever the variants play", async () => {
    sb.setVariants("athm-3")
    try {
      sb.sendAppWebhook("payment", { amount: "4.00" })
      sb.sendAppWebhook("donation", { amount: "1.00" })
      expect(((await report()).body as any[]).map((r) => r.transactionType).sort()).toEqual(["DONATION", "PAYMENT"])
      expect((await search({ total: "4.00" })).body).toMatchObject({ transactionType: "PAYMENT" })
    } finally {
      sb.setVariants(null)
    }
  })
})
