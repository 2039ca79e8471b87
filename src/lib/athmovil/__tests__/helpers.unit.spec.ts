import {
  ValidationError,
  compareAmounts,
  normalisePhoneNumber,
  parseAthDate,
  subtractAmounts,
  toAmount,
} from ".."
import { toAthLocalDateTime } from "../dates"
import { firstSightings, splitReportWindows } from "../report"
import type { AthReportRow } from "../types"

function validationIssues(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as ValidationError).issues.map((i) => [i.field, i.rule])
  }
  throw new Error("expected a ValidationError")
}

describe("toAmount", () => {
  it.each<[string | number, string]>([
    [0.6000000238418579, "0.60"],
    [1, "1.00"],
    ["2.3", "2.30"],
    [2.33, "2.33"],
    [0.1 + 0.2, "0.30"],
    [1.005, "1.01"],
    [1.004, "1.00"],
    ["0.005", "0.01"],
    ["0.0049", "0.00"],
    [1500, "1500.00"],
    ["  12.50 ", "12.50"],
    [".5", "0.50"],
    ["+3", "3.00"],
    [-1.255, "-1.26"],
    ["-0.001", "0.00"],
    [1e-7, "0.00"],
    [1e21, "1000000000000000000000.00"],
    ["123456789012345678901234.99", "123456789012345678901234.99"],
    [0, "0.00"],
  ])("%p → %s", (input, out) => {
    expect(toAmount(input)).toBe(out)
  })

  it.each<unknown>(["", ".", "abc", "1,00", "1.2.3", "1e3", NaN, Infinity, null, undefined, {}])(
    "rejects %p naming the field",
    (input) => {
      expect(validationIssues(() => toAmount(input as string, "total"))).toEqual([["total", "must be a decimal amount"]])
    }
  )
})

describe("amount arithmetic in integer cents", () => {
  it("subtracts, going negative when asked", () => {
    expect(subtractAmounts("2.33", "0.06")).toBe("2.27")
    expect(subtractAmounts("1.00", "1.00")).toBe("0.00")
    expect(subtractAmounts("1.00", "1.01")).toBe("-0.01")
  })

  it("compares", () => {
    expect(compareAmounts("1.00", "1")).toBe(0)
    expect(compareAmounts("0.99", "1.00")).toBe(-1)
    expect(compareAmounts("10.00", "9.99")).toBe(1)
    expect(compareAmounts("0.6000000238418579", "0.60")).toBe(0)
  })

  it("rejects junk operands", () => {
    expect(() => subtractAmounts("1.00", "x")).toThrow(ValidationError)
    expect(() => compareAmounts("x", "1.00")).toThrow(ValidationError)
  })
})

describe("normalisePhoneNumber", () => {
  it.each<string | number>([
    "7875551234",
    "(787) 555-1234",
    "(787)555-1234",
    "787-555-1234",
    "787 555 1234",
    "787.555.1234",
    "+1 787 555 1234",
    "+17875551234",
    "1-787-555-1234",
    "17875551234",
    " 787-555-1234 ",
    7875551234,
    17875551234,
  ])("accepts %p", (input) => {
    expect(normalisePhoneNumber(input)).toBe("7875551234")
  })

  it.each<unknown>([
    "",
    "787555123",
    "78755512345",
    "27875551234",
    "+44 787 555 1234",
    "787-555-12a4",
    "(787 555-1234",
    "787--555-1234",
    0,
    -7875551234,
    7875551234.5,
    null,
    {},
  ])("rejects %p with the field and rule", (input) => {
    expect(validationIssues(() => normalisePhoneNumber(input as string, "customer.phone"))).toEqual([
      ["customer.phone", "must be a 10-digit phone number"],
    ])
  })
})

describe("parseAthDate", () => {
  it.each<[unknown, string | null]>([
    ["2023-01-13 16:17:06", "2023-01-13T16:17:06-04:00"],
    ["2021-07-08 00:36:39.0", "2021-07-08T00:36:39-04:00"],
    ["2021-07-08 00:36:39.5", "2021-07-08T00:36:39.500-04:00"],
    ["2024-12-31 23:59:59", "2024-12-31T23:59:59-04:00"],
    ["2024-02-29 12:00:00", "2024-02-29T12:00:00-04:00"],
    ["2023-01-13T20:17:06Z", "2023-01-13T16:17:06-04:00"],
    ["2023-01-13T16:17:06-04:00", "2023-01-13T16:17:06-04:00"],
    ["2023-01-13T18:17:06+0200", "2023-01-13T12:17:06-04:00"],
    [1673641026000, "2023-01-13T16:17:06-04:00"],
    ["1673641026000", "2023-01-13T16:17:06-04:00"],
    ["123412341234", "1973-11-29T05:12:21.234-04:00"],
    ["", null],
    ["   ", null],
    [null, null],
    [undefined, null],
    [0, null],
    ["2023-02-30 10:00:00", null],
    ["2023-13-01 10:00:00", null],
    ["2023-01-13 24:00:00", null],
    ["13/01/2023", null],
    ["yesterday", null],
    [1.5, null],
    [{}, null],
  ])("%p → %p", (input, out) => {
    expect(parseAthDate(input)).toBe(out)
  })

  it("crosses midnight into the previous Puerto Rico day", () => {
    expect(parseAthDate("2024-01-01T02:00:00Z")).toBe("2023-12-31T22:00:00-04:00")
    expect(toAthLocalDateTime(Date.UTC(2024, 0, 1, 2, 0, 0))).toBe("2023-12-31 22:00:00")
  })
})

describe("report windows", () => {
  const day = 86_400_000
  it("splits a range into windows that share their boundary second, so nothing falls between them", () => {
    const from = Date.UTC(2024, 0, 1)
    const windows = splitReportWindows(from, from + 65 * day + 1500, 30)
    expect(windows).toEqual([
      { fromMs: from, toMs: from + 30 * day },
      { fromMs: from + 30 * day, toMs: from + 60 * day },
      { fromMs: from + 60 * day, toMs: from + 65 * day + 1000 },
    ])
  })

  it("keeps a short or empty range in one window", () => {
    expect(splitReportWindows(5000, 9000, 30)).toEqual([{ fromMs: 5000, toMs: 9000 }])
    expect(splitReportWindows(5000, 5000, 30)).toEqual([{ fromMs: 5000, toMs: 5000 }])
  })

  it("drops only exact duplicate rows", () => {
    const row = { transactionType: "ECOMMERCE", referenceNumber: "r", total: "1.00" } as unknown as AthReportRow
    const other = { ...row, total: "2.00" }
    expect([row, other, { ...row }].filter(firstSightings())).toEqual([row, other])
  })
})
