import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerAthOutageWith503 } from "../../../../ath-error"
import { liveShopperStatus, retrieveAthSession } from "../../live-status"

/** Live ATH status of a payment session, for the storefront's waiting screen. */
export const GET = answerAthOutageWith503(async (req: MedusaRequest, res: MedusaResponse) => {
  const session = await retrieveAthSession(req.scope, req.params.id)
  const view = await liveShopperStatus(req.scope, session)
  res.setHeader("Cache-Control", "no-store")
  res.json({ payment_session: view })
})
