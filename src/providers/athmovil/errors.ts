import { MedusaError } from "@medusajs/framework/utils"
import {
  AthMovilError,
  AuthenticationError,
  NetworkError,
  OutcomeUnknownError,
  ServerError,
  TimeoutError,
  TransactionError,
  ValidationError,
} from "../../lib/athmovil"
import { athFailureOf, type AthFailure } from "../../lib/athmovil/failure-actor"
import { shopperMessage, type MessageValues, type ShopperMessageId } from "./shopper-messages"

/** Merchant-facing English: precise and actionable. Shoppers get the catalogue's text for the same code instead. */
function merchantMessage(action: string, error: AthMovilError, failure: AthFailure): string {
  const code = error.code ?? error.name
  switch (failure.reason) {
    case "credentials_refused":
      return `ATH Móvil refused the store's publicToken/privateToken (${code}) while trying to ${action}. Check the credentials: the publicToken/privateToken options of the ATH Móvil provider in medusa-config.ts.`
    case "business_inactive":
      return `ATH Móvil says the store's business account is not active (${code}) while trying to ${action}. Check the account in the ATH Business app or with ATH Móvil.`
    case "payment_session_expired":
      return `ATH Móvil refused this payment's own authorization token (${code}) while trying to ${action}: the payment's time at ATH Móvil is over. The store's tokens are fine; the shopper must start a new payment.`
    case "ath_outcome_unknown":
      return `ATH Móvil did not answer in time while trying to ${action}, and its current state could not be confirmed. Nothing was retried; check again in a moment.`
    case "ath_unreachable":
      return `ATH Móvil is not reachable right now (${code}) while trying to ${action}; please try again.`
    default:
      return `ATH Móvil: could not ${action}: ${error.message}`
  }
}

/** Medusa's error type, which sets the status where Medusa answers itself (its own routes, the admin's). */
function medusaTypeOf(error: AthMovilError, failure: AthFailure): string {
  if (error instanceof ValidationError && failure.actor !== "nobody_now") return MedusaError.Types.INVALID_DATA
  if (error instanceof TransactionError || failure.reason === "payment_session_expired") return MedusaError.Types.NOT_ALLOWED
  return MedusaError.Types.UNEXPECTED_STATE
}

/**
 * One error builder for the provider: every ATH failure reaches Medusa as a MedusaError whose
 * `code` is the failure's stable reason (`classifyAthFailure`) and whose message is the
 * merchant's. Store routes answer shoppers by that code in their language (`api/store/athmovil/shopper-answers.ts`).
 * The client already keeps tokens out of messages.
 */
export function buildError(action: string, error: unknown): MedusaError {
  if (error instanceof MedusaError) return error
  const failure = athFailureOf(error)
  if (!failure) {
    const message = error instanceof Error ? error.message : String(error)
    return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `ATH Móvil: could not ${action}: ${message}`)
  }
  const athError = error as AthMovilError
  return new MedusaError(medusaTypeOf(athError, failure), merchantMessage(action, athError, failure), failure.reason)
}

/**
 * An error meant for the shopper, from the catalogue: its `code` is the message id, its message the
 * English text, which the store middleware says again in the shopper's language.
 */
export function shopperError(type: string, id: ShopperMessageId, values: MessageValues = {}): MedusaError {
  return new MedusaError(type, shopperMessage(id, "en", values), id)
}

/** Errors after which a write may or may not have taken effect at ATH: settle them by reading, never by sending again. */
export function outcomeUnknown(e: unknown): e is AthMovilError {
  return e instanceof OutcomeUnknownError || e instanceof TimeoutError || e instanceof NetworkError || e instanceof ServerError
}

/**
 * Also worth a fresh read: ATH refused because the ticket moved on meanwhile (another instance
 * authorized or cancelled it, or the token outlived the ticket).
 */
export function mayHaveRaced(e: unknown): e is AthMovilError {
  return outcomeUnknown(e) || e instanceof TransactionError || e instanceof AuthenticationError
}
