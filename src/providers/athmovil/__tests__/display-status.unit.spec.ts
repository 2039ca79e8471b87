import { displayStatus } from "../status-map"

describe("displayStatus (the admin's badge, decided on the server)", () => {
  it.each([
    ["COMPLETED", "25.00", "0.00", "completed"],
    ["COMPLETED", "25.00", "0.01", "partially_refunded"],
    ["COMPLETED", "25.00", "24.99", "partially_refunded"],
    ["COMPLETED", "25.00", "25.00", "refunded"],
    ["COMPLETED", "0.10", "0.10", "refunded"],
    // 0.1 + 0.2 is 0.30000000000000004 in floats: amounts are compared as decimals.
    ["COMPLETED", "0.30", "0.30", "refunded"],
    ["EXPIRED", "25.00", "0.00", "expired"],
    ["CANCEL", "25.00", "0.00", "cancelled"],
    ["OPEN", "25.00", "0.00", "pending"],
    ["CONFIRM", "25.00", "0.00", "pending"],
  ])("%s %s refunded %s → %s", (status, total, refunded, expected) => {
    expect(displayStatus(status, total, refunded)).toBe(expected)
  })

  it("tells an expiry from a cancellation by the ticket's deadline when it has one", () => {
    const now = Date.parse("2026-12-02T12:00:00Z")
    expect(displayStatus("CANCEL", "25.00", "0.00", "2026-12-02T11:59:00Z", now)).toBe("expired")
    expect(displayStatus("CANCEL", "25.00", "0.00", "2026-12-02T12:05:00Z", now)).toBe("cancelled")
  })
})
