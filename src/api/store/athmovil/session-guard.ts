import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { normalisePhoneNumber } from "../../../lib/athmovil"
import { resolveAthMovil } from "../../../providers/athmovil/container"
import { buildError } from "../../../providers/athmovil/errors"
import { StorefrontSessionInputSchema } from "../../../providers/athmovil/session-data"

/**
 * Medusa deletes a collection's existing sessions (cancelling the shopper's open ATH ticket)
 * before it asks the provider to start the new one, so storefront data the provider would refuse
 * is refused here first: bad input changes nothing. Same rules and messages as the provider.
 */
export function athMovilSessionInputGuard(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = (req.body ?? {}) as { provider_id?: unknown; data?: Record<string, unknown> }
  let providerId: string
  try {
    providerId = resolveAthMovil(req.scope).providerId
  } catch {
    return next()
  }
  if (body.provider_id !== providerId || !body.data || typeof body.data !== "object") return next()
  const { phone_number, items, cart_id } = body.data
  const parsed = StorefrontSessionInputSchema.safeParse({ phone_number, items, cart_id })
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `data.${i.path.join(".")}: ${i.message}`)
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ATH Móvil payment data: ${reasons.join("; ")}`))
  }
  const phone = parsed.data.phone_number
  if (phone === "") {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "ATH Móvil needs the shopper's phone number: send data.phone_number (10 digits, e.g. 787-555-1234) when creating the payment session."
      )
    )
  }
  if (phone !== undefined) {
    try {
      normalisePhoneNumber(phone, "data.phone_number")
    } catch (e) {
      return next(buildError("use that phone number", e))
    }
  }
  next()
}
