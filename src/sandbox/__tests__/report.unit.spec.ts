import { startSandbox, type AthSandbox } from "../index"
import { call, completePayment, expectError, fixture, getWithBody, prTime, refund, shapeDiff } from "./helpers"

let sb: AthSandbox

beforeAll(async () => {
  sb = await startSandbox({ clock: "manual" })
})

afterAll(() => sb.stop())

beforeEach(() => sb.reset())

const DAY = 86_400_000

function report(fromDate: string, toDate: string) {
  return getWithBody(`${sb.reportBaseUrl}/transactions/v4/transactionReport`, {
    publicToken: sb.tokens.publicToken,
    privateToken: sb.tokens.privateToken,
    fromDate,
    toDate,
  })
}

function search(filters: Record<string, unknown>) {
  return call("POST", `${sb.reportBaseUrl}/api/v4/searchTransaction`, {
    publicToken: sb.tokens.publicToken,
    privateToken: sb.tokens.privateToken,
    ...filters,
  })
}

describe("transaction report", () => {
  it("seeds exactly the refunds asked for: none at share 0, one per payment at share 1, whatever the day", () => {
    for (const day of ["2026-12-06", "2026-12-07", "2027-01-15"]) {
      const from = new Date(`${day}T04:00:00Z`)
      const range = { from, to: new Date(from.getTime() + 3_600_000) }
      sb.reset()
      sb.seedReportTransactions(20, { ...range, refundShare: 0 })
      expect(sb.listTickets().filter((t) => t.refunds.length > 0)).toHaveLength(0)
      sb.reset()
      sb.seedReportTransactions(20, { ...range, refundShare: 1 })
      expect(sb.listTickets().filter((t) => t.refunds.length === 1)).toHaveLength(20)
    }
    expect(() => sb.seedReportTransactions(1, { from: new Date(0), to: new Date(1000), refundShare: 1.5 })).toThrow(/refundShare must be between 0 and 1/)
  })

  it("lists 50,000 seeded payments and their refunds over 30 days", async () => {
    const to = new Date(sb.now().getTime() - 60_000)
    const from = new Date(to.getTime() - 30 * DAY)
    sb.seedReportTransactions(50_000, { from, to })
    const refunds = sb.listTickets().reduce((n, t) => n + t.refunds.length, 0)
    expect(refunds).toBeGreaterThan(2_000)
    expect(refunds).toBeLessThan(3_000)

    const res = await report(prTime(from), prTime(to))
    expect(res.status).toBe(200)
    const rows = res.body as any[]
    expect(rows.filter((r) => r.transactionType === "ECOMMERCE").length).toBe(50_000)
    expect(rows.filter((r) => r.transactionType === "REFUND").length).toBe(refunds)
    expect(rows.length).toBe(50_000 + refunds)

    const sample = fixture<any[]>("reports/transaction_report.django-athm-fixture.json")[1]
    const payment = rows.find((r) => r.transactionType === "ECOMMERCE")
    expect(shapeDiff(sample, payment)).toEqual([])
    const refundRow = rows.find((r) => r.transactionType === "REFUND")
    expect(shapeDiff({ ...sample, items: [] }, refundRow)).toEqual([])

    // Plain loops: jest's toEqual on 50,000-element arrays costs seconds.
    const badDates = rows.filter((r) => !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0$/.test(r.date)).length
    expect(badDates).toBe(0)
    const outOfOrder = rows.filter((r, i) => i > 0 && r.date > rows[i - 1].date).length
    expect(outOfOrder).toBe(0)
    expect(rows.at(-1).date >= `${prTime(from)}.0`).toBe(true)
    expect(rows[0].date <= `${prTime(to)}.0`).toBe(true)
  }, 60_000)

  it("filters by range and reports refunds with their own reference", async () => {
    const { data } = await completePayment(sb, { total: "20.00" })
    await sb.advanceTime(3600)
    const r = await refund(sb, data.referenceNumber, "5.00", "partial")
    await sb.advanceTime(60)

    const all = await report(prTime(new Date(sb.now().getTime() - 2 * 3600_000)), prTime(sb.now()))
    expect(all.body.map((row: any) => [row.transactionType, row.referenceNumber, row.total, row.totalRefundAmount])).toEqual([
      ["REFUND", r.body.data.refund.referenceNumber, 5, 0],
      ["ECOMMERCE", data.referenceNumber, 20, 5],
    ])
    expect(all.body[1]).toMatchObject({ dailyTransactionID: 1, fee: 0.5, netAmount: 19.5, phoneNumber: "(787) 555-1234" })

    const refundOnly = await report(prTime(new Date(sb.now().getTime() - 30 * 60_000)), prTime(sb.now()))
    expect(refundOnly.body.map((row: any) => row.transactionType)).toEqual(["REFUND"])
  })

  it("accepts a 31-day range but not a longer one, with a configurable limit", async () => {
    await completePayment(sb)
    const now = sb.now().getTime()
    expect((await report(prTime(new Date(now - 31 * DAY)), prTime(new Date(now)))).status).toBe(200)
    expectError(await report(prTime(new Date(now - 31 * DAY - 1000)), prTime(new Date(now))), "BTRA_0026", 400)

    const narrow = await startSandbox({ clock: "manual", reportMaxDays: 7 })
    try {
      const res = await getWithBody(`${narrow.reportBaseUrl}/transactions/v4/transactionReport`, {
        ...narrow.tokens,
        fromDate: prTime(new Date(narrow.now().getTime() - 8 * DAY)),
        toDate: prTime(narrow.now()),
      })
      expectError(res, "BTRA_0026", 400)
      expect(res.body.message).toBe("The difference between dates must be lower than 7 days")
    } finally {
      await narrow.stop()
    }
  })
})

describe("search", () => {
  it("returns an object for one match, an array for several and [] for none", async () => {
    const a = await completePayment(sb, { metadata1: "order-1", metadata2: "shared", total: "10.00" })
    await completePayment(sb, { metadata1: "order-2", metadata2: "shared", total: "12.50" })
    await completePayment(sb, { metadata1: "order-3", metadata2: "other" })

    const one = await search({ referenceNumber: a.data.referenceNumber })
    expect(one.status).toBe(200)
    expect(Array.isArray(one.body)).toBe(false)
    expect(one.body).toMatchObject({ transactionType: "ECOMMERCE", metadata1: "order-1", totalRefundedAmount: 0, dailyTransactionID: 1 })

    const several = await search({ metadata2: "shared" })
    expect(several.body.map((r: any) => r.metadata1).sort()).toEqual(["order-1", "order-2"])

    expect((await search({ metadata2: "shared", total: "12.50" })).body.metadata1).toBe("order-2")
    expect((await search({ dailyTransactionID: "0003" })).body.metadata1).toBe("order-3")
    expect((await search({ phoneNumber: "(787) 555-1234", metadata1: "order-3" })).body.metadata1).toBe("order-3")

    const none = await search({ metadata1: "missing" })
    expect(none.status).toBe(200)
    expect(none.body).toEqual([])
  })

  it("finds refunds by their own reference number", async () => {
    const { data } = await completePayment(sb)
    const r = await refund(sb, data.referenceNumber, "1.00")
    const res = await search({ referenceNumber: r.body.data.refund.referenceNumber })
    expect(res.body).toMatchObject({ transactionType: "REFUND", total: 1 })
  })

  it("needs both tokens and at least one filter", async () => {
    expectError(await search({}), "BTRA_0006", 400)
    expectError(await search({ total: "abc" }), "BTRA_0006", 400)
    expectError(
      await call("POST", `${sb.reportBaseUrl}/api/v4/searchTransaction`, { publicToken: sb.tokens.publicToken, metadata1: "x" }),
      "BTRA_0019",
      400,
    )
  })
})
