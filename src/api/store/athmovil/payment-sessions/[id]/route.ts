import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerAthOutageWith503 } from "../../../../ath-error"
import { liveShopperStatus, retrieveCartAthSession } from "../../live-status"
import { parseStoreInput, SessionStatusQuery } from "../../validators"

/** Live ATH status of a payment session, for the storefront's waiting screen (`?cart_id=` names the owning cart). */
export const GET = answerAthOutageWith503(async (req: MedusaRequest, res: MedusaResponse) => {
  const { cart_id } = parseStoreInput(SessionStatusQuery, req.query, "query")
  const session = await retrieveCartAthSession(req.scope, req.params.id, cart_id)
  const view = await liveShopperStatus(req.scope, session)
  res.setHeader("Cache-Control", "no-store")
  res.json({ payment_session: view })
})
