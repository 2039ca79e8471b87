import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listAthMovilAccounts } from "../../../providers/athmovil/container"
import { readStorefrontSessionInput } from "../../../providers/athmovil/storefront-input"

/**
 * Medusa deletes a collection's existing sessions (cancelling the shopper's open ATH ticket)
 * before it asks the provider to start the new one, so storefront data the provider would refuse
 * or drop is refused here first: bad input changes nothing. The rule is the provider's own.
 */
export function athMovilSessionInputGuard(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = (req.body ?? {}) as { provider_id?: unknown; data?: Record<string, unknown> }
  let athProviders: string[]
  try {
    athProviders = listAthMovilAccounts(req.scope).map((a) => a.providerId)
  } catch {
    return next()
  }
  if (!athProviders.includes(body.provider_id as string) || !body.data || typeof body.data !== "object") return next()
  try {
    readStorefrontSessionInput(body.data, { unknownKeys: "refuse" })
  } catch (e) {
    return next(e)
  }
  next()
}
