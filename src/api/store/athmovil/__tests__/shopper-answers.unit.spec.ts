import { ATH_FAILURE_REASONS, type AthFailureReason } from "../../../../lib/athmovil/failure-actor"
import { httpAnswerOf } from "../../../ath-error"
import { shopperAnswer } from "../shopper-answers"

describe("shopperAnswer: what a shopper reads for an error answer's code", () => {
  it("answers every ATH failure by who can act, with the one HTTP mapping", () => {
    for (const [reason, actor] of Object.entries(ATH_FAILURE_REASONS) as Array<[AthFailureReason, string]>) {
      const answer = shopperAnswer(reason, "ATH Móvil refused the store's publicToken/privateToken (BTRA_0401)…", "es")!
      expect(answer.status).toBe(httpAnswerOf(reason).status)
      expect(answer.message).not.toMatch(/publicToken|privateToken|BTRA_/)
      if (actor === "merchant") expect(answer).toMatchObject({ code: "unavailable_at_store", status: 502 })
      if (actor === "nobody_now") expect(answer).toMatchObject({ code: "try_again_shortly", status: 503, retryAfterSeconds: 2 })
      if (actor === "shopper") expect(answer.code).toBe(reason)
    }
    expect(shopperAnswer("credentials_refused", "", "en")!.message).toBe("ATH Móvil is not available at this store right now; choose another payment method.")
    expect(shopperAnswer("phone_invalid", "", "en")!.status).toBe(400)
    expect(shopperAnswer("payment_session_expired", "", "en")!.status).toBe(409)
  })

  it("says a catalogue answer again in the shopper's language, keeping its values", () => {
    expect(shopperAnswer("total_below_minimum", "ATH Móvil needs a total of at least $1.00; this cart's total is $0.50.", "es")).toEqual({
      code: "total_below_minimum",
      message: "ATH Móvil requiere un total de al menos $1.00; el total de este carrito es $0.50.",
    })
    expect(shopperAnswer("phone_missing", "ATH Móvil needs the shopper's phone number: send data.phone_number…", "es")!.message).toMatch(/^Escribe el teléfono/)
  })

  it("leaves Medusa's own answers, and a text that is not the template, as they are", () => {
    expect(shopperAnswer("invalid_state_error", "conflict", "es")).toBeNull()
    expect(shopperAnswer(undefined, "Cart not found", "es")).toBeNull()
    expect(shopperAnswer("currency_not_usd", "something else entirely", "es")).toBeNull()
  })
})
