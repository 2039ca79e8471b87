import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { PaymentResponse } from "../../../../../modules/athmovil/admin-views"
import { buildPaymentView } from "../payment-view"

/**
 * What the order widget shows for one Medusa payment: ATH's state, reference, fee and net,
 * refunds (with their ATH reference and where they came from) and the webhooks about it.
 * A payment of another provider answers `is_athmovil: false`, so the widget can hide itself.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse<PaymentResponse>) {
  res.json({ payment: await buildPaymentView(req.scope, req.params.payment_id) })
}
