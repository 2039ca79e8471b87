import type { MedusaResponse } from "@medusajs/framework/http"
import { ATH_FAILURE_REASONS, athFailureOf, isAthFailureReason, type AthFailureReason } from "../lib/athmovil/failure-actor"
import { buildError } from "../providers/athmovil/errors"

/** Seconds a client should wait before asking again while ATH is unreachable. */
const ATH_OUTAGE_RETRY_AFTER_SECONDS = 2

/** Shopper failures that are the request's own input (the phone, the total), not the payment's state. */
const BAD_INPUT: ReadonlySet<AthFailureReason> = new Set<AthFailureReason>(["phone_invalid", "phone_not_accepted", "amount_out_of_range"])

/**
 * The one mapping of ATH failures to HTTP, for store routes, Medusa's own store routes (through the
 * store middleware) and admin routes: nobody can act now → 503 with Retry-After (ask again shortly);
 * the merchant's account or setup → 502 (the store's gateway to ATH is broken, the request was fine);
 * the shopper → 400 for their input, 409 for the payment's state.
 */
export function httpAnswerOf(reason: AthFailureReason): { status: number; retryAfterSeconds?: number } {
  switch (ATH_FAILURE_REASONS[reason]) {
    case "nobody_now":
      return { status: 503, retryAfterSeconds: ATH_OUTAGE_RETRY_AFTER_SECONDS }
    case "merchant":
      return { status: 502 }
    default:
      return { status: BAD_INPUT.has(reason) ? 400 : 409 }
  }
}

/** The ATH failure an error stands for: an ATH client error, or the provider's MedusaError carrying its reason as `code`. */
function athFailureReasonOf(error: unknown): AthFailureReason | null {
  const direct = athFailureOf(error)
  if (direct) return direct.reason
  const code = (error as { code?: unknown } | null)?.code
  return isAthFailureReason(code) ? code : null
}

/** What an admin route answers when ATH failed (`sendAthError`). */
export interface AthErrorResponse {
  type: "athmovil_error"
  code: AthFailureReason
  /** ATH's own error code, when ATH answered with one. */
  ath_code: string | null
  message: string
}

/**
 * Answers an ATH Móvil failure on an admin route: the merchant-facing English message (the
 * provider's wording; the client keeps tokens out of it), the failure's reason as `code`, ATH's own
 * code as `ath_code`, and the status of the one mapping. Never a stack. Anything that is not an ATH
 * failure is rethrown for Medusa's error handler.
 */
export function sendAthError(res: MedusaResponse<AthErrorResponse>, action: string, error: unknown): void {
  const reason = athFailureReasonOf(error)
  if (!reason) throw error
  const { status, retryAfterSeconds } = httpAnswerOf(reason)
  if (retryAfterSeconds) res.setHeader("Retry-After", String(retryAfterSeconds))
  const athCode = athFailureOf(error) ? (error as { code: string | null }).code : null
  res.status(status).json({ type: "athmovil_error", code: reason, ath_code: athCode, message: buildError(action, error).message })
}
