import { parseSyncArgs, renderSummary, scriptArgs } from "../athmovil-sync"

describe("athmovil-sync arguments", () => {
  it.each([
    [["--from", "2026-01-01", "--to", "2026-01-31"], { from: "2026-01-01", to: "2026-01-31", unknown: [] }],
    [["--", "--from=2026-01-01", "--to=2026-01-31"], { from: "2026-01-01", to: "2026-01-31", unknown: [] }],
    [["2026-01-05"], { from: "2026-01-05", to: "2026-01-05", unknown: [] }],
    [[], { from: undefined, to: undefined, unknown: [] }],
    [["--since", "x"], { from: "x", to: "x", unknown: ["--since"] }],
    [["--provider", "pp_athmovil_brand-b", "2026-01-05"], { from: "2026-01-05", to: "2026-01-05", provider: "pp_athmovil_brand-b", unknown: [] }],
  ])("%j", (args, expected) => {
    expect(parseSyncArgs(args)).toEqual(expected)
  })
})

describe("athmovil-sync command line", () => {
  it("takes the words after the script path from the real command line", () => {
    const argv = ["node", "medusa", "exec", "./src/scripts/athmovil-sync.ts", "--", "--from", "2026-01-01", "--to", "2026-01-31"]
    expect(parseSyncArgs(scriptArgs(argv, []))).toMatchObject({ from: "2026-01-01", to: "2026-01-31" })
    expect(scriptArgs(["node", "jest"], ["2026-01-02"])).toEqual(["2026-01-02"])
  })
})

describe("athmovil-sync summary", () => {
  it("prints the figures and one line per difference", () => {
    const text = renderSummary({
      provider_id: "pp_athmovil_athmovil",
      range: { from: "2026-01-01", to: "2026-01-31" },
      report: { windows: 2, rows: 3, payments: 2, refunds: 1, other: 0 },
      ledger: { matched: 2, inserted: 0, updated: 1, unchanged: 1 },
      refunds: { known: 0, confirmed: 0, recorded: 1, unmatched: 0 },
      checked_payments: 2,
      differences: [
        {
          id: "refund_missing_in_medusa:pay_1",
          kind: "refund_missing_in_medusa",
          reference_number: "215070443-402894c185ab1be40185acfe61c2000b",
          ecommerce_id: null,
          payment_id: "pay_1",
          payment_session_id: null,
          order_id: "order_1",
          ath_amount: "7.00",
          medusa_amount: "0.00",
          date: null,
          customer_name: null,
          ath_refunds: [],
          message: "",
          fix: { kind: "create_refund", payment_id: "pay_1", amount: "7.00" },
        },
      ],
    })
    expect(text).toContain("ATH Móvil reconciliation 2026-01-01 → 2026-01-31")
    expect(text).toMatch(/report windows\s+2/)
    expect(text).toMatch(/refund_missing_in_medusa\s+215070443-402894c185ab1be40185acfe61c2000b\s+7\.00\s+0\.00\s+create_refund/)
  })
})
