import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AthMovilError, TimeoutError, TransactionError, ValidationError } from "../lib/athmovil"
import { buildError, isAthUnavailable } from "../providers/athmovil/errors"

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

/** Seconds a client should wait before asking again while ATH is unreachable. */
export const ATH_OUTAGE_RETRY_AFTER_SECONDS = 2

/**
 * Wraps a plugin route so an ATH outage answers 503 with Retry-After and the readable message,
 * instead of Medusa's generic 500: storefronts can tell "try again shortly" from a
 * fault in the store. Every other error goes to Medusa's error handler as before.
 */
export function answerAthOutageWith503<Req extends MedusaRequest<any>>(
  handler: (req: Req, res: MedusaResponse) => Promise<void>
) {
  return async (req: Req, res: MedusaResponse): Promise<void> => {
    try {
      await handler(req, res)
    } catch (error) {
      if (!isAthUnavailable(error) || res.headersSent) throw error
      res.setHeader("Retry-After", String(ATH_OUTAGE_RETRY_AFTER_SECONDS))
      res.status(503).json({ type: "ath_unavailable", message: error.message })
    }
  }
}
