import { athTotalLimitBreached, sumAmounts, toAthAmount } from "../money"
import { ATH_TO_MEDUSA_STATUS, shopperStatus } from "../status-map"

describe("money conversion", () => {
  it.each([
    [10, "10.00"],
    ["45.5", "45.50"],
    [{ value: "4", precision: 20 }, "4.00"],
    [0.1 + 0.2, "0.30"],
    ["33.335", "33.34"],
    ["1500.004", "1500.00"],
  ])("turns Medusa's %j into ATH's %s", (input, expected) => {
    expect(toAthAmount(input as never)).toBe(expected)
  })

  it("knows ATH's limits, and which one a total breaks", () => {
    expect(athTotalLimitBreached("1.00")).toBeNull()
    expect(athTotalLimitBreached("1500.00")).toBeNull()
    expect(athTotalLimitBreached("0.99")).toBe("total_below_minimum")
    expect(athTotalLimitBreached("1500.01")).toBe("total_above_maximum")
  })

  it("adds without float artefacts", () => {
    expect(sumAmounts(["0.10", "0.20", "10.00"])).toBe("10.30")
    expect(sumAmounts([])).toBe("0.00")
    expect(sumAmounts(Array.from({ length: 10 }, () => "0.10"))).toBe("1.00")
    expect(sumAmounts(["1499.99", "0.01"])).toBe("1500.00")
    // Medusa's exact amounts are summed before the one rounding: 3 × 0.005 is 0.02, not 3 × 0.01.
    expect(sumAmounts(["0.005", "0.005", "0.005"])).toBe("0.02")
  })

  it("refuses what is not an amount instead of sending NaN to ATH", () => {
    expect(() => toAthAmount("x")).toThrow(/amount must be a decimal number/)
    expect(() => toAthAmount(Number.NaN)).toThrow(/amount must be a decimal number/)
    expect(() => sumAmounts(["1.00", "x"])).toThrow(/amount must be a decimal number/)
  })
})

describe("status map", () => {
  it("maps every ATH state once", () => {
    expect(ATH_TO_MEDUSA_STATUS).toEqual({ OPEN: "requires_more", CONFIRM: "pending", COMPLETED: "captured", CANCEL: "canceled" })
  })

  it("tells the shopper expired from cancelled by the clock", () => {
    const expiresAt = new Date("2026-01-01T12:10:00Z")
    expect(shopperStatus("CANCEL", expiresAt, new Date("2026-01-01T12:05:00Z"))).toBe("canceled")
    expect(shopperStatus("CANCEL", expiresAt, new Date("2026-01-01T12:10:01Z"))).toBe("expired")
    expect(shopperStatus("OPEN", expiresAt)).toBe("pending")
    expect(shopperStatus("CONFIRM", expiresAt)).toBe("approved")
    expect(shopperStatus("COMPLETED", null)).toBe("completed")
  })
})
