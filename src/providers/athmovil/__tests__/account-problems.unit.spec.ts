import type { AthRequestEvent } from "../../../lib/athmovil"
import { accountProblemOf, accountProblemReporter } from "../account-problems"

const failed = (over: Partial<AthRequestEvent>): AthRequestEvent => ({
  operation: "payment",
  method: "POST",
  url: "https://payments.athmovil.com/api/business-transaction/ecommerce/payment",
  attempt: 1,
  durationMs: 12,
  httpStatus: 200,
  outcome: "error",
  ...over,
})

describe("account problems (what only the merchant can fix)", () => {
  it("names refused tokens and an inactive business, and nothing a shopper or a retry can fix", () => {
    expect(accountProblemOf(failed({ errorCode: "BTRA_0401", errorName: "AuthenticationError" }))).toEqual({
      reason: "credentials_refused",
      code: "BTRA_0401",
      operation: "payment",
    })
    expect(accountProblemOf(failed({ errorCode: "BTRA_0009", errorName: "ValidationError", operation: "findPayment" }))).toEqual({
      reason: "business_inactive",
      code: "BTRA_0009",
      operation: "findPayment",
    })
    expect(accountProblemOf(failed({ errorCode: "BTRA_0007", errorName: "TransactionError" }))).toBeNull()
    expect(accountProblemOf(failed({ errorCode: null, errorName: "TimeoutError" }))).toBeNull()
    expect(accountProblemOf(failed({ outcome: "ok" }))).toBeNull()
  })

  it("does not blame the store's tokens when one payment's own auth token expired (per-payment, the shopper starts again)", () => {
    for (const errorCode of ["token.expired", "BTRA_0402", "BTRA_0401"]) {
      expect(accountProblemOf(failed({ errorCode, errorName: "AuthenticationError", operation: "authorizePayment" }))).toBeNull()
      expect(accountProblemOf(failed({ errorCode, errorName: "AuthenticationError", operation: "updatePhoneNumber" }))).toBeNull()
    }
    expect(accountProblemOf(failed({ errorCode: "BTRA_0010", errorName: "ValidationError", operation: "createPayment" }))).toEqual({
      reason: "business_inactive",
      code: "BTRA_0010",
      operation: "createPayment",
    })
  })

  it("queues one event per problem every 10 minutes, and again after a failed write", async () => {
    const queued: unknown[][] = []
    let fail = false
    const knex = {
      raw: (_sql: string, bindings: unknown[]) => {
        if (fail) return Promise.reject(new Error("connection lost"))
        queued.push(bindings)
        return Promise.resolve()
      },
    }
    let clock = 0
    const report = accountProblemReporter(() => knex, () => "pp_athmovil_athmovil", () => clock)
    const refused = failed({ errorCode: "BTRA_0401", errorName: "AuthenticationError" })
    report(refused)
    report(refused)
    report(failed({ errorCode: "BTRA_0009", errorName: "ValidationError" }))
    clock += 9 * 60_000
    report(refused)
    expect(queued.map((b) => [b[0], JSON.parse(b[1] as string).reason])).toEqual([
      ["athmovil.account.problem", "credentials_refused"],
      ["athmovil.account.problem", "business_inactive"],
    ])
    clock += 2 * 60_000
    fail = true
    report(refused)
    await new Promise((r) => setImmediate(r))
    fail = false
    report(refused)
    expect(queued).toHaveLength(3)
  })

  it("names the ATH Business account the problem is with (a store may have several)", async () => {
    const queued: string[] = []
    const knex = { raw: (_sql: string, bindings: unknown[]) => (queued.push(bindings[1] as string), Promise.resolve()) }
    accountProblemReporter(() => knex, () => "pp_athmovil_brand-b")(failed({ errorCode: "BTRA_0401", errorName: "AuthenticationError" }))
    expect(JSON.parse(queued[0])).toEqual({ reason: "credentials_refused", code: "BTRA_0401", operation: "payment", provider_id: "pp_athmovil_brand-b" })
  })
})
