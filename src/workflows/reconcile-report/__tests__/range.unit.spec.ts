import { MedusaError } from "@medusajs/framework/utils"
import { currentPuertoRicoDay, parseReconcileRange, previousPuertoRicoDay } from "../range"

// 2026-03-10 02:30 UTC is still March 9 in Puerto Rico (UTC-4).
const NOW = Date.UTC(2026, 2, 10, 2, 30, 0)

describe("parseReconcileRange", () => {
  it("reads whole Puerto Rico days", () => {
    const range = parseReconcileRange({ from: "2026-01-01", to: "2026-01-31" }, NOW)
    expect(range.from).toBe("2026-01-01")
    expect(new Date(range.fromMs).toISOString()).toBe("2026-01-01T04:00:00.000Z")
    expect(new Date(range.toMs).toISOString()).toBe("2026-02-01T03:59:59.000Z")
  })

  it("stops a second before now when the last day is not over (ATH refuses future dates)", () => {
    const range = parseReconcileRange({ from: "2026-03-09", to: "2026-03-09" }, NOW)
    expect(range.toMs).toBe(NOW - 1000)
  })

  it.each([
    [{ from: "2026-1-1", to: "2026-01-02" }, /from must be a date written YYYY-MM-DD/],
    [{ from: "2026-01-01" }, /to must be a date written YYYY-MM-DD/],
    [{ from: "2026-02-30", to: "2026-03-01" }, /from is not a real calendar date/],
    [{ from: "2026-01-03", to: "2026-01-02" }, /must not be after to/],
    [{ from: "2026-03-11", to: "2026-03-12" }, /must not be in the future/],
    [{ from: "2024-01-01", to: "2026-01-01" }, /at most 366 days/],
  ])("refuses %j", (input, message) => {
    let error: unknown
    try {
      parseReconcileRange(input, NOW)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(MedusaError)
    expect((error as MedusaError).type).toBe(MedusaError.Types.INVALID_DATA)
    expect((error as Error).message).toMatch(message)
  })

  it("knows yesterday and today in Puerto Rico", () => {
    expect(currentPuertoRicoDay(NOW)).toBe("2026-03-09")
    expect(previousPuertoRicoDay(NOW)).toBe("2026-03-08")
  })
})
