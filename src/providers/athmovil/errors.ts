import { MedusaError } from "@medusajs/framework/utils"
import {
  AthMovilError,
  AuthenticationError,
  NetworkError,
  OutcomeUnknownError,
  RateLimitError,
  ServerError,
  TimeoutError,
  TransactionError,
  ValidationError,
} from "../../lib/athmovil"

/**
 * One error builder for the provider: every failure reaches Medusa (and so the Store and
 * Admin APIs) as a MedusaError with a message a shopper or merchant can act on. The client
 * already keeps tokens out of messages.
 */
export function buildError(action: string, error: unknown): MedusaError {
  if (error instanceof MedusaError) return error
  if (!(error instanceof AthMovilError)) {
    const message = error instanceof Error ? error.message : String(error)
    return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `ATH Móvil: could not ${action}: ${message}`)
  }
  if (error instanceof ValidationError) {
    return new MedusaError(MedusaError.Types.INVALID_DATA, `ATH Móvil: could not ${action}: ${error.message}`)
  }
  if (error instanceof TransactionError) {
    return new MedusaError(MedusaError.Types.NOT_ALLOWED, `ATH Móvil: could not ${action}: ${error.message}`)
  }
  if (error instanceof AuthenticationError) {
    return new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `ATH Móvil rejected the merchant credentials while trying to ${action} (${error.code ?? "auth"}). Check the publicToken/privateToken options.`
    )
  }
  if (error instanceof OutcomeUnknownError) {
    return new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `ATH Móvil did not answer in time while trying to ${action}, and its current state could not be confirmed. Nothing was retried; check again in a moment.`
    )
  }
  if (
    error instanceof TimeoutError ||
    error instanceof NetworkError ||
    error instanceof ServerError ||
    error instanceof RateLimitError
  ) {
    return new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `ATH Móvil is not reachable right now (${error.code ?? error.name}) while trying to ${action}; please try again.`
    )
  }
  return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `ATH Móvil: could not ${action}: ${error.message}`)
}
