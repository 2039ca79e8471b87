import { TransactionError, type AthPayment, type AthWebhookEvent } from "../../../lib/athmovil"
import { matchWebhookToSession, type MatchableSession } from "../webhook-match"

const SESSION: MatchableSession = {
  id: "payses_01ABC",
  provider_id: "pp_athmovil_athmovil",
  data: { ecommerce_id: "ec-1" },
  amount: 25,
}

const event = (over: Partial<AthWebhookEvent> = {}) =>
  ({ kind: "ecommerce", status: "completed", ecommerceId: "ec-1", metadata1: SESSION.id, total: "25.00", ...over }) as AthWebhookEvent

const ticket = (over: Partial<AthPayment> = {}) =>
  ({ ecommerceId: "ec-1", status: "COMPLETED", total: "25.00", metadata1: SESSION.id, ...over }) as AthPayment

function sources(sessions: MatchableSession[] = [SESSION], answer: AthPayment | Error = ticket()) {
  const calls: string[] = []
  return {
    calls,
    // The account whose listener (or provider) received the event.
    providerId: "pp_athmovil_athmovil",
    session: async (id: string) => sessions.find((s) => s.id === id) ?? null,
    findPayment: async (id: string) => {
      calls.push(id)
      if (answer instanceof Error) throw answer
      return answer
    },
  }
}

describe("matchWebhookToSession", () => {
  it("accepts the session named in metadata1 once ATH confirms ticket, session and total", async () => {
    const src = sources()
    const match = await matchWebhookToSession(event(), src)
    expect(match).toMatchObject({ ok: true, session: { id: SESSION.id }, ticket: { ecommerceId: "ec-1" } })
    expect(src.calls).toEqual(["ec-1"])
  })

  it.each([
    ["no metadata1", event({ metadata1: null })],
    ["metadata1 that is not a session id", event({ metadata1: "Prueba1.1" })],
    ["a session that does not exist", event({ metadata1: "payses_01NOPE" })],
    ["a session holding another ticket", event({ ecommerceId: "ec-other" })],
  ])("never asks ATH for %s", async (_name, e) => {
    const src = sources()
    const match = await matchWebhookToSession(e, src)
    expect(match).toMatchObject({ ok: false, outcome: "unmatched", askedAth: false })
    expect(src.calls).toEqual([])
  })

  it("never asks ATH for another provider's session, another ATH account's session, or one without a ticket", async () => {
    for (const s of [
      { ...SESSION, provider_id: "pp_stripe_stripe" },
      { ...SESSION, provider_id: "pp_athmovil_athmovil-b" },
      { ...SESSION, data: {} },
    ]) {
      const src = sources([s])
      expect(await matchWebhookToSession(event(), src)).toMatchObject({ ok: false, outcome: "unmatched", askedAth: false })
      expect(src.calls).toEqual([])
    }
  })

  it("refuses what ATH's answer contradicts", async () => {
    const cases: Array<[AthPayment | Error, string]> = [
      [ticket({ metadata1: "payses_01OTHER" }), "unmatched"],
      [ticket({ total: "30.00" }), "rejected"],
      [new TransactionError("unknown", { code: "BTRA_0001" } as never), "unmatched"],
    ]
    for (const [answer, outcome] of cases) {
      expect(await matchWebhookToSession(event(), sources([SESSION], answer))).toMatchObject({ ok: false, outcome, askedAth: true })
    }
    // A completed event for a ticket whose total differs from the session's amount.
    const cheaper = { ...SESSION, amount: 20 }
    expect(await matchWebhookToSession(event(), sources([cheaper]))).toMatchObject({ ok: false, outcome: "rejected" })
  })

  it("lets a legacy expired notice without ids use the ledger's sole open ticket with that total", async () => {
    const src = { ...sources(), soleOpenSessionWithTotal: async (total: string) => (total === "25.00" ? SESSION.id : null) }
    const legacy = event({ status: "expired", ecommerceId: null, metadata1: "This is metadata1" })
    expect(await matchWebhookToSession(legacy, src)).toMatchObject({ ok: true })
    expect(await matchWebhookToSession({ ...legacy, total: "3.00" }, src)).toMatchObject({ ok: false, askedAth: false })
  })
})
