import { centsToFloat32, computeFeeCents, formatCents, parseAmount, parseFeeRate } from "../money"
import { formatJavaDateAst, formatPrDateTime, parsePrDateTime } from "../pr-time"

describe("money", () => {
  it("parses amounts from strings and numbers into cents", () => {
    expect(parseAmount("10")).toEqual({ ok: true, cents: 1000 })
    expect(parseAmount("2.33")).toEqual({ ok: true, cents: 233 })
    expect(parseAmount(2.3)).toEqual({ ok: true, cents: 230 })
    expect(parseAmount("0001.5")).toEqual({ ok: true, cents: 150 })
    expect(parseAmount("-1.00")).toEqual({ ok: true, cents: -100 })
    expect(parseAmount("9999.99")).toEqual({ ok: true, cents: 999_999 })
  })

  it("flags digit bounds apart from bad formats", () => {
    expect(parseAmount("1.001")).toEqual({ ok: false, reason: "digits" })
    expect(parseAmount("10000")).toEqual({ ok: false, reason: "digits" })
    expect(parseAmount(0.1 + 0.2)).toEqual({ ok: false, reason: "digits" })
    expect(parseAmount("1e3")).toEqual({ ok: false, reason: "format" })
    expect(parseAmount("")).toEqual({ ok: false, reason: "format" })
    expect(parseAmount(null)).toEqual({ ok: false, reason: "format" })
    expect(parseAmount(Number.NaN)).toEqual({ ok: false, reason: "format" })
  })

  it("formats cents", () => {
    expect([formatCents(0), formatCents(5), formatCents(2340), formatCents(-101)]).toEqual(["0.00", "0.05", "23.40", "-1.01"])
  })

  it("computes statement fees with half-up rounding", () => {
    const rate = parseFeeRate("2.50", "0.00")
    expect(rate).toEqual({ partsPerMillion: 25_000, fixedCents: 0 })
    expect(computeFeeCents(100, rate)).toBe(3) // 0.025 → 0.03
    expect(computeFeeCents(2400, rate)).toBe(60)
    expect(computeFeeCents(119, rate)).toBe(3) // 0.02975 → 0.03
    expect(computeFeeCents(110, rate)).toBe(3) // 0.0275 → 0.03
    expect(computeFeeCents(100, parseFeeRate("0", "5.00"))).toBe(100) // never above the total
    expect(() => parseFeeRate("abc", "0")).toThrow(/feePercent/)
    expect(() => parseFeeRate("101", "0")).toThrow(/exceed 100/)
    expect(() => parseFeeRate("2.5", "-1")).toThrow(/feeFixed/)
  })

  it("reproduces ATH's 32-bit float fees", () => {
    expect(centsToFloat32(60)).toBe(0.6000000238418579)
    expect(centsToFloat32(6)).toBe(Math.fround(0.06))
    expect(centsToFloat32(0)).toBe(0)
  })
})

describe("Puerto Rico time", () => {
  it("formats and parses at UTC-4 without DST", () => {
    const july = Date.UTC(2023, 6, 8, 4, 36, 39)
    const january = Date.UTC(2023, 0, 13, 20, 17, 6)
    expect(formatPrDateTime(july)).toBe("2023-07-08 00:36:39")
    expect(formatPrDateTime(january)).toBe("2023-01-13 16:17:06")
    expect(parsePrDateTime("2023-07-08 00:36:39")).toBe(july)
    expect(parsePrDateTime("2023-02-30 00:00:00")).toBeNull()
    expect(parsePrDateTime("2023-07-08T00:36:39")).toBeNull()
    expect(parsePrDateTime("2023-07-08 24:00:00")).toBeNull()
  })

  it("formats token expiry like Java's Date.toString in AST", () => {
    expect(formatJavaDateAst(Date.UTC(2022, 9, 28, 19, 21, 0))).toBe("Fri Oct 28 15:21:00 AST 2022")
  })
})
