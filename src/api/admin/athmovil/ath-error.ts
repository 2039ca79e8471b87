import type { MedusaResponse } from "@medusajs/framework/http"
import { AthMovilError, TimeoutError, TransactionError, ValidationError } from "../../../lib/athmovil"
import { buildError } from "../../../providers/athmovil/errors"

/** HTTP status for a failed ATH call: the admin's request was fine, ATH (the upstream) was not. */
function statusFor(error: AthMovilError): number {
  if (error instanceof ValidationError) return 400
  if (error instanceof TransactionError) return 409
  if (error instanceof TimeoutError) return 504
  // Rejected credentials, network, ATH outages, rate limits: a bad gateway, not a bad request.
  return 502
}

/**
 * Answers an ATH Móvil failure with a message a merchant can act on (the provider's wording; the
 * client keeps tokens out of it) and a status that says whose fault it is. Never a stack.
 * Anything that is not an ATH error is rethrown for Medusa's error handler.
 */
export function sendAthError(res: MedusaResponse, action: string, error: unknown): void {
  if (!(error instanceof AthMovilError)) throw error
  res.status(statusFor(error)).json({
    type: "athmovil_error",
    code: error.code,
    message: buildError(action, error).message,
  })
}
