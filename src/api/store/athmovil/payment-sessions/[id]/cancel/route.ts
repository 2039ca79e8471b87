import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { shopperMessage } from "../../../../../../providers/athmovil/shopper-messages"
import { retrieveCartAthSession } from "../../../live-status"
import { speakTo } from "../../../shopper-answers"
import { CancelSessionBody, parseStoreInput } from "../../../validators"

/**
 * The shopper gives up on this ATH Móvil payment (`{ cart_id }` names the owning cart): the request
 * disappears from their phone and the session is removed, so the cart can be paid again. Medusa
 * removes it through the provider, which cancels the ticket at ATH and refuses if the shopper has
 * already paid.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { cart_id } = parseStoreInput(CancelSessionBody, req.body, "body")
  const session = await retrieveCartAthSession(req.scope, req.params.id, cart_id)
  await req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT).deletePaymentSession(session.id)
  const locale = speakTo(req, res)
  res.json({
    payment_session: {
      id: session.id,
      status: "canceled",
      code: "payment_cancelled_by_shopper",
      message: shopperMessage("payment_cancelled_by_shopper", locale),
    },
  })
}
