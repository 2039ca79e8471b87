import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { liveShopperStatus, retrieveCartAthSession } from "../../live-status"
import { speakTo } from "../../shopper-answers"
import { parseStoreInput, SessionStatusQuery } from "../../validators"

/**
 * Live ATH status of a payment session, for the storefront's waiting screen (`?cart_id=` names the
 * owning cart), worded in the shopper's language. Errors (an ATH outage: 503 + Retry-After) are
 * answered by the store middleware (`shopper-answers.ts`).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { cart_id } = parseStoreInput(SessionStatusQuery, req.query, "query")
  const session = await retrieveCartAthSession(req.scope, req.params.id, cart_id)
  const view = await liveShopperStatus(req.scope, session, speakTo(req, res))
  res.setHeader("Cache-Control", "no-store")
  res.json({ payment_session: view })
}
