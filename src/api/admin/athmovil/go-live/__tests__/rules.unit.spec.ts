import {
  FIXES,
  clockCheck,
  recoveryJobCheck,
  reportJobCheck,
  simulatedEventCheck,
  subscriptionCheck,
  tokenCheck,
  type GoLiveCheck,
  type JobRunRecord,
} from "../rules"

const ALL_EVENTS = {
  paymentReceived: true,
  refundSent: true,
  donationReceived: true,
  ecommercePaymentReceived: true,
  ecommercePaymentCancelled: true,
  ecommercePaymentExpired: true,
}
const at = new Date("2026-12-06T18:00:00Z")
const run = (over: Partial<JobRunRecord>): JobRunRecord => ({ at, ok: true, age_seconds: 30, detail: {}, ...over })
const verdict = (c: GoLiveCheck) => [c.ok, c.fix_id]

describe("go-live rules", () => {
  it("every red names one fix sentence, every green none", () => {
    for (const sentence of Object.values(FIXES)) {
      expect(sentence).toMatch(/^[A-Z`].*[.]$/)
      expect(sentence.split(/[.!?] [A-Z]/)).toHaveLength(1)
    }
    const r = tokenCheck("public_token", "rejected", "ATH Móvil refused the credentials")
    expect(r).toMatchObject({ ok: false, fix: FIXES.public_token_rejected, detail: "ATH Móvil refused the credentials" })
    expect(tokenCheck("public_token", "ok", null)).toMatchObject({ ok: true, fix: null, fix_id: null })
  })

  it("tokens: accepted, missing, refused, unreachable", () => {
    expect(verdict(tokenCheck("private_token", "ok", null))).toEqual([true, null])
    expect(verdict(tokenCheck("private_token", "not_configured", null))).toEqual([false, "private_token_missing"])
    expect(verdict(tokenCheck("private_token", "rejected", null))).toEqual([false, "private_token_rejected"])
    expect(verdict(tokenCheck("public_token", "unreachable", null))).toEqual([false, "ath_unreachable"])
  })

  it("subscription: none, another URL, events off, in force", () => {
    const record = { at, listener_url: "https://shop.example/hooks/athmovil/••••cdef", listener_fingerprint: "f1", events: ALL_EVENTS }
    expect(verdict(subscriptionCheck(null, "f1"))).toEqual([false, "webhooks_not_subscribed"])
    expect(verdict(subscriptionCheck(record, "f2"))).toEqual([false, "webhooks_other_url"])
    expect(verdict(subscriptionCheck(record, null))).toEqual([false, "webhooks_other_url"])
    const off = subscriptionCheck({ ...record, events: { ...ALL_EVENTS, refundSent: false } }, "f1")
    expect(verdict(off)).toEqual([false, "webhooks_events_off"])
    expect(off.detail).toContain("Off: refundSent.")
    const ok = subscriptionCheck(record, "f1")
    expect(ok).toMatchObject({ ok: true, at: at.toISOString() })
    expect(ok.detail).toContain("https://shop.example/hooks/athmovil/••••cdef")
  })

  it("test event: none, older than the subscription, after it", () => {
    expect(verdict(simulatedEventCheck(null, at))).toEqual([false, "simulated_send"])
    expect(verdict(simulatedEventCheck(new Date(at.getTime() - 1000), at))).toEqual([false, "simulated_send"])
    expect(simulatedEventCheck(new Date(at.getTime() + 1000), at)).toMatchObject({ ok: true, at: "2026-12-06T18:00:01.000Z" })
    expect(verdict(simulatedEventCheck(at, null))).toEqual([true, null])
  })

  it("recovery job: never, failed, older than 5 minutes, recent", () => {
    expect(verdict(recoveryJobCheck(null))).toEqual([false, "recovery_not_running"])
    const failed = recoveryJobCheck(run({ ok: false, detail: { error: "ATH Móvil did not answer" } }))
    expect(verdict(failed)).toEqual([false, "recovery_failed"])
    expect(failed.detail).toContain("ATH Móvil did not answer")
    expect(verdict(recoveryJobCheck(run({ age_seconds: 301 })))).toEqual([false, "recovery_not_running"])
    expect(verdict(recoveryJobCheck(run({ age_seconds: 299 })))).toEqual([true, null])
  })

  it("report job: never, skipped, failed, a missed night, last night", () => {
    expect(verdict(reportJobCheck(null))).toEqual([false, "report_not_running"])
    expect(verdict(reportJobCheck(run({ detail: { skipped: "no privateToken" } })))).toEqual([false, "report_needs_private_token"])
    expect(verdict(reportJobCheck(run({ ok: false, detail: { error: "boom" } })))).toEqual([false, "report_failed"])
    expect(verdict(reportJobCheck(run({ age_seconds: 27 * 3600 })))).toEqual([false, "report_not_running"])
    const ok = reportJobCheck(run({ age_seconds: 3 * 3600, detail: { summary: "2026-12-05: 3 payments, 0 refunds; no differences" } }))
    expect(ok).toMatchObject({ ok: true, detail: "The last run (3 h ago) succeeded: 2026-12-05: 3 payments, 0 refunds; no differences." })
  })

  it("clock: within 60 s either way is green, beyond is red, unreadable is red", () => {
    const local = new Date("2026-12-06T18:00:00Z")
    const ath = (s: number) => ({ athTime: new Date(local.getTime() + s * 1000), localTime: local })
    expect(clockCheck(ath(-1)).detail).toBe("This server's clock agrees with ATH Móvil's.")
    expect(verdict(clockCheck(ath(60)))).toEqual([true, null])
    expect(verdict(clockCheck(ath(-60)))).toEqual([true, null])
    const behind = clockCheck(ath(61))
    expect(verdict(behind)).toEqual([false, "clock_skew"])
    expect(behind.detail).toBe("This server's clock is 61 s behind ATH Móvil's.")
    expect(clockCheck(ath(-90)).detail).toBe("This server's clock is 90 s ahead of ATH Móvil's.")
    expect(verdict(clockCheck({ error: "timeout" }))).toEqual([false, "ath_unreachable"])
  })
})
