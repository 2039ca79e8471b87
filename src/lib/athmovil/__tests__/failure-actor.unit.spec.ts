import { readFileSync } from "fs"
import { join } from "path"
import { OutcomeUnknownError, RequestAbortedError, TimeoutError, errorFromResponse, normalisePhoneNumber } from ".."
import { athFailureOf, classifyAthFailure } from "../failure-actor"
import type { AthOperation } from "../types"

const envelope = (errorcode: string) => ({ status: "error", message: "text", errorcode, data: null })
const failureOf = (code: string, operation: AthOperation = "createPayment", httpStatus: number | null = 200) =>
  athFailureOf(errorFromResponse(httpStatus, envelope(code), operation))

/** Every code of API.md §2 (and the legacy numeric ones), with who can act on it and why. */
const TABLE: Array<[string, string, string]> = [
  ["token.invalid.header", "merchant", "credentials_refused"],
  ["token.expired", "merchant", "credentials_refused"],
  ["BTRA_0001", "shopper", "amount_out_of_range"],
  ["BTRA_0002", "shopper", "shopper_account_restricted"],
  ["BTRA_0003", "shopper", "shopper_account_restricted"],
  ["BTRA_0004", "shopper", "amount_out_of_range"],
  ["BTRA_0005", "shopper", "payment_failed"],
  ["BTRA_0006", "merchant", "request_refused"],
  ["BTRA_0007", "shopper", "payment_not_found"],
  ["BTRA_0008", "merchant", "ticket_of_another_business"],
  ["BTRA_0009", "merchant", "business_inactive"],
  ["BTRA_0010", "merchant", "business_inactive"],
  ["BTRA_0011", "merchant", "ticket_of_another_business"],
  ["BTRA_0012", "shopper", "shopper_account_restricted"],
  ["BTRA_0013", "shopper", "amount_out_of_range"],
  ["BTRA_0014", "shopper", "payment_not_found"],
  ["BTRA_0015", "nobody_now", "ath_unreachable"],
  ["BTRA_0016", "nobody_now", "ath_unreachable"],
  ["BTRA_0017", "merchant", "credentials_refused"],
  ["BTRA_0018", "merchant", "request_refused"],
  ["BTRA_0019", "merchant", "request_refused"],
  ["BTRA_0020", "merchant", "request_refused"],
  ["BTRA_0021", "merchant", "request_refused"],
  ["BTRA_0022", "merchant", "request_refused"],
  ["BTRA_0023", "merchant", "request_refused"],
  ["BTRA_0024", "merchant", "request_refused"],
  ["BTRA_0025", "merchant", "request_refused"],
  ["BTRA_0026", "merchant", "request_refused"],
  ["BTRA_0027", "merchant", "business_not_eligible"],
  ["BTRA_0028", "merchant", "request_refused"],
  ["BTRA_0029", "merchant", "request_refused"],
  ["BTRA_0030", "merchant", "refund_refused"],
  ["BTRA_0031", "shopper", "payment_not_found"],
  ["BTRA_0032", "shopper", "payment_not_approved"],
  ["BTRA_0033", "nobody_now", "ath_unreachable"],
  ["BTRA_0034", "nobody_now", "ath_unreachable"],
  ["BTRA_0035", "shopper", "payment_closed"],
  ["BTRA_0036", "shopper", "payment_closed"],
  ["BTRA_0037", "shopper", "payment_closed"],
  ["BTRA_0038", "merchant", "request_refused"],
  ["BTRA_0039", "shopper", "payment_expired"],
  ["BTRA_0040", "merchant", "request_refused"],
  ["BTRA_0041", "shopper", "payment_closed"],
  ["BTRA_0042", "merchant", "request_refused"],
  ["BTRA_0043", "merchant", "ticket_of_another_business"],
  ["BTRA_0044", "shopper", "over_shopper_limit"],
  ["BTRA_0045", "shopper", "over_shopper_limit"],
  ["BTRA_0046", "merchant", "request_refused"],
  ["BTRA_0047", "merchant", "request_refused"],
  ["BTRA_0048", "merchant", "request_refused"],
  ["BTRA_0049", "merchant", "request_refused"],
  ["BTRA_0050", "merchant", "business_not_eligible"],
  ["BTRA_0051", "merchant", "request_refused"],
  ["BTRA_0052", "merchant", "request_refused"],
  ["BTRA_0053", "shopper", "payment_not_found"],
  ["BTRA_0401", "merchant", "credentials_refused"],
  ["BTRA_0402", "merchant", "credentials_refused"],
  ["BTRA_0403", "merchant", "credentials_refused"],
  ["BTRA_9998", "nobody_now", "ath_unreachable"],
  ["BTRA_9999", "nobody_now", "ath_unreachable"],
  ["PCUS_0007", "shopper", "phone_not_accepted"],
  ["3010", "merchant", "credentials_refused"],
  ["3020", "merchant", "credentials_refused"],
  ["3030", "merchant", "credentials_refused"],
  ["3040", "merchant", "credentials_refused"],
  ["3050", "merchant", "credentials_refused"],
  ["3060", "merchant", "credentials_refused"],
  ["3070", "merchant", "credentials_refused"],
  ["4010", "merchant", "request_refused"],
  ["5010", "shopper", "payment_not_found"],
  ["5020", "merchant", "ticket_of_another_business"],
  ["7010", "merchant", "refund_refused"],
  ["7020", "merchant", "request_refused"],
  ["7030", "merchant", "request_refused"],
  ["7040", "merchant", "refund_refused"],
]

describe("classifyAthFailure: who can fix each ATH failure", () => {
  it.each(TABLE)("%s on the payment creation → %s (%s)", (code, actor, reason) => {
    expect(failureOf(code)).toEqual({ actor, reason })
  })

  it("covers every code API.md §2 lists", () => {
    const api = readFileSync(join(__dirname, "../../../../../shared/athm/API.md"), "utf8")
    const section = api.slice(api.indexOf("## 2. Error codes"), api.indexOf("B2C-only codes"))
    const listed = new Set<string>()
    for (const m of section.matchAll(/\| `?(token\.[a-z.]+|BTRA_\d{4}|PCUS_\d{4})`?(?: \/ (\d{4}))? \|/g)) {
      listed.add(m[1])
      if (m[2]) listed.add(`BTRA_${m[2]}`)
    }
    listed.add("PCUS_0007")
    const covered = new Set(TABLE.map(([code]) => code))
    expect([...listed].filter((c) => !covered.has(c))).toEqual([])
    expect(listed.size).toBeGreaterThan(55)
  })

  it("words a refused ticket token as that payment's problem, not the store's credentials", () => {
    for (const code of ["token.expired", "token.invalid.header", "BTRA_0017", "BTRA_0401", "BTRA_0402", "BTRA_0403"]) {
      expect(failureOf(code, "authorizePayment")).toEqual({ actor: "shopper", reason: "payment_session_expired" })
      expect(failureOf(code, "updatePhoneNumber")).toEqual({ actor: "shopper", reason: "payment_session_expired" })
      expect(failureOf(code, "findPayment")).toEqual({ actor: "merchant", reason: "credentials_refused" })
      expect(failureOf(code, "refundPayment")).toEqual({ actor: "merchant", reason: "credentials_refused" })
    }
    // The legacy codes name the store's own publicToken/privateToken, whatever the call.
    expect(failureOf("3010", "authorizePayment")).toEqual({ actor: "merchant", reason: "credentials_refused" })
  })

  it("falls back on the class for codes ATH never documented, and on HTTP for bodies without one", () => {
    expect(athFailureOf(errorFromResponse(401, { message: "no" }, "createPayment"))).toEqual({ actor: "merchant", reason: "credentials_refused" })
    expect(athFailureOf(errorFromResponse(503, "<html>", "findPayment"))).toEqual({ actor: "nobody_now", reason: "ath_unreachable" })
    expect(athFailureOf(errorFromResponse(429, {}, "findPayment"))).toEqual({ actor: "nobody_now", reason: "ath_unreachable" })
    expect(athFailureOf(errorFromResponse(400, { errorcode: "BTRA_7777" }, "createPayment"))).toEqual({ actor: "merchant", reason: "request_refused" })
    expect(athFailureOf(errorFromResponse(404, { errorcode: "XYZ" }, "findPayment"))).toEqual({ actor: "merchant", reason: "request_refused" })
  })

  it("tells a lost answer from an outage, a phone typo from a bad request, and ignores what is not ATH's", () => {
    expect(athFailureOf(new TimeoutError("slow", { operation: "findPayment" }))).toEqual({ actor: "nobody_now", reason: "ath_unreachable" })
    expect(athFailureOf(new OutcomeUnknownError("lost", { operation: "createPayment" }))).toEqual({ actor: "nobody_now", reason: "ath_outcome_unknown" })
    expect(athFailureOf(new RequestAbortedError("aborted", true, { operation: "refundPayment" }))).toEqual({ actor: "nobody_now", reason: "ath_outcome_unknown" })
    expect(athFailureOf(new RequestAbortedError("aborted", false, { operation: "findPayment" }))).toEqual({ actor: "nobody_now", reason: "ath_unreachable" })
    let typo: unknown
    try {
      normalisePhoneNumber("123", "data.phone_number")
    } catch (e) {
      typo = e
    }
    expect(athFailureOf(typo)).toEqual({ actor: "shopper", reason: "phone_invalid" })
    expect(athFailureOf(new Error("boom"))).toBeNull()
    expect(classifyAthFailure({ name: "AuthenticationError", code: null, operation: "authorizePayment" }).reason).toBe("payment_session_expired")
  })
})
