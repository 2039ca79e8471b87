import { otherIncomeFromReport, otherIncomeKey, otherIncomeKind, otherIncomeRow } from "../other-income"

const row = {
  transactionType: "PAYMENT",
  referenceNumber: " 215070443-abc ",
  total: "12.00",
  fee: "0.72",
  netAmount: "11.28",
  totalRefundedAmount: "0.00",
  date: "2026-12-01T08:00:00-04:00",
  dailyTransactionId: "0007",
  name: "Ana Ortiz",
  phoneNumber: "7875550111",
  email: null,
  metadata1: "",
}

describe("other ATH income", () => {
  it("is ATH's PAYMENT and DONATION in any casing, nothing else", () => {
    expect(["payment", "DONATION", "Payment"].map(otherIncomeKind)).toEqual(["payment", "donation", "payment"])
    expect(["ECOMMERCE", "REFUND", "simulated", null].map(otherIncomeKind)).toEqual([null, null, null, null])
  })

  it("never takes a checkout for other income: a row carrying our metadata1 is not one", () => {
    expect(otherIncomeFromReport({ ...row, metadata1: "payses_01" })).toBeNull()
    expect(otherIncomeFromReport({ ...row, referenceNumber: " " })).toBeNull()
    expect(otherIncomeFromReport(row)).toMatchObject({ kind: "payment", total: "12.00" })
  })

  it("is one ledger row per ATH reference; only ATH's own word makes it count", () => {
    const fact = otherIncomeFromReport(row)!
    expect(otherIncomeKey(fact.referenceNumber)).toBe("ref:215070443-abc")
    expect(otherIncomeRow(fact, true, "report", "pp_athmovil_athmovil")).toMatchObject({
      ecommerce_id: "ref:215070443-abc",
      kind: "payment",
      status: "COMPLETED",
      reference_number: "215070443-abc",
      customer_name: "Ana Ortiz",
      last_synced_via: "report",
    })
    const claimed = otherIncomeRow(fact, false, "webhook", "pp_athmovil_athmovil")
    expect(claimed.status).toBe("OPEN")
    expect(claimed.refunded_total).toBeUndefined()
  })
})
