import { MedusaError } from "@medusajs/framework/utils"
import { NetworkError, OutcomeUnknownError, errorFromResponse } from "../../../lib/athmovil"
import { buildError } from "../errors"

const soft = (errorcode: string, operation: Parameters<typeof errorFromResponse>[2]) =>
  errorFromResponse(200, { status: "error", message: "The Token has expired", errorcode, data: null }, operation)

describe("buildError: one wording per failure, addressed to whoever must act", () => {
  it("words an expired ticket token as this payment's problem, never as the store's publicToken/privateToken", () => {
    const error = buildError("complete the payment", soft("token.expired", "authorizePayment"))
    expect(error.message).not.toMatch(/publicToken|privateToken|credentials/)
    expect(error.message).toMatch(/this payment.*token\.expired.*start a new payment/i)
    expect(error.code).toBe("payment_session_expired")
    expect(error.type).toBe(MedusaError.Types.NOT_ALLOWED)
  })

  it("names the store's tokens when ATH refuses them, and carries a stable code for every class", () => {
    const refused = buildError("start the payment", soft("BTRA_0401", "createPayment"))
    expect(refused.message).toMatch(/refused the store's publicToken\/privateToken \(BTRA_0401\) while trying to start the payment/)
    expect(refused.code).toBe("credentials_refused")
    expect(buildError("start the payment", soft("BTRA_0009", "createPayment")).code).toBe("business_inactive")
    expect(buildError("start the payment", soft("PCUS_0007", "createPayment"))).toMatchObject({ code: "phone_not_accepted", type: MedusaError.Types.INVALID_DATA })
    expect(buildError("read the payment status", new NetworkError("down", { operation: "findPayment" }))).toMatchObject({ code: "ath_unreachable" })
    const lost = buildError("start the payment", new OutcomeUnknownError("lost", { operation: "createPayment" }))
    expect(lost).toMatchObject({ code: "ath_outcome_unknown" })
    expect(lost.message).toMatch(/could not be confirmed/)
  })
})
