import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { answerAthOutageWith503 } from "../../../../../ath-error"
import { liveShopperStatus, retrieveAthSession } from "../../../live-status"
import { asSessionData } from "../../../../../../providers/athmovil/session-data"
import type { ChangePhoneBodyType } from "../../../validators"

/** Sends the ATH Móvil push to another phone number while the payment waits for approval. */
export const POST = answerAthOutageWith503(async (req: MedusaRequest<ChangePhoneBodyType>, res: MedusaResponse) => {
  const session = await retrieveAthSession(req.scope, req.params.id)
  const paymentModule = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const updated = await paymentModule.updatePaymentSession({
    id: session.id,
    data: { ...session.data, phone_number: req.validatedBody.phone_number },
    amount: session.amount,
    currency_code: session.currency_code,
  })
  const view = await liveShopperStatus(req.scope, updated)
  res.json({ payment_session: { ...view, phone_last4: asSessionData(updated.data).phone_last4 ?? null } })
})
