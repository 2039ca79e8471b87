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
 * ATH could not be reached or did not answer in time: nothing changed that the caller can see, and
 * asking again shortly is the remedy. The plugin's own routes answer it with 503 and Retry-After;
 * through Medusa's routes it stays a 500 carrying the same message.
 */
export class AthUnavailableError extends MedusaError {
  constructor(message: string) {
    super(MedusaError.Types.UNEXPECTED_STATE, message)
    this.name = "AthUnavailableError"
  }
}

/** Also true for an AthUnavailableError from another copy of this module (source vs build). */
export function isAthUnavailable(error: unknown): error is AthUnavailableError {
  return error instanceof AthUnavailableError || (error instanceof Error && error.name === "AthUnavailableError")
}

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
    return new AthUnavailableError(
      `ATH Móvil did not answer in time while trying to ${action}, and its current state could not be confirmed. Nothing was retried; check again in a moment.`
    )
  }
  if (
    error instanceof TimeoutError ||
    error instanceof NetworkError ||
    error instanceof ServerError ||
    error instanceof RateLimitError
  ) {
    return new AthUnavailableError(
      `ATH Móvil is not reachable right now (${error.code ?? error.name}) while trying to ${action}; please try again.`
    )
  }
  return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `ATH Móvil: could not ${action}: ${error.message}`)
}
