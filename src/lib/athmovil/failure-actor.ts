import { AthMovilError, RequestAbortedError, ValidationError } from "./errors"
import type { AthOperation } from "./types"

/** Who can fix an ATH Móvil failure: the shopper, the merchant (store owner), or nobody until ATH recovers. */
export type AthFailureActor = "shopper" | "merchant" | "nobody_now"

/** Stable ids of ATH failures, grouped by who acts. Storefronts and admins branch on these, never on ATH's text. */
export const ATH_FAILURE_REASONS = {
  // The shopper: starting a new payment, another phone, another card or another payment method helps.
  phone_invalid: "shopper",
  phone_not_accepted: "shopper",
  amount_out_of_range: "shopper",
  shopper_account_restricted: "shopper",
  over_shopper_limit: "shopper",
  payment_not_approved: "shopper",
  payment_expired: "shopper",
  payment_closed: "shopper",
  payment_not_found: "shopper",
  payment_failed: "shopper",
  /** The ticket's own auth token (15 min, one payment) is expired or refused: that payment is over, the store's tokens are fine. */
  payment_session_expired: "shopper",
  // The merchant: only someone with access to the store's ATH Business account or configuration can fix these.
  credentials_refused: "merchant",
  business_inactive: "merchant",
  business_not_eligible: "merchant",
  ticket_of_another_business: "merchant",
  refund_refused: "merchant",
  request_refused: "merchant",
  // Nobody right now: ATH is down, slow or busy; asking again shortly is the remedy.
  ath_unreachable: "nobody_now",
  ath_outcome_unknown: "nobody_now",
} as const satisfies Record<string, AthFailureActor>

export type AthFailureReason = keyof typeof ATH_FAILURE_REASONS

export interface AthFailure {
  actor: AthFailureActor
  reason: AthFailureReason
}

/** What a failure is classified from: an ATH error, or the client's request hook event (`AthRequestEvent`). */
export interface AthFailureFacts {
  /** The error class's name: AuthenticationError, ValidationError, TimeoutError, … */
  name: string
  code: string | null | undefined
  operation: AthOperation | null | undefined
  /** Fields named by a ValidationError's issues (the client's own checks name the phone field). */
  fields?: readonly string[]
  /** A write whose answer never came: ATH may have acted on it. */
  outcomeUnknown?: boolean
}

/** API.md §2, by who can act on each code. Codes not listed fall back on the error class. */
const REASON_BY_CODE: Record<string, AthFailureReason> = {
  PCUS_0007: "phone_not_accepted",
  BTRA_0001: "amount_out_of_range",
  BTRA_0004: "amount_out_of_range",
  BTRA_0013: "amount_out_of_range",
  BTRA_0002: "shopper_account_restricted",
  BTRA_0003: "shopper_account_restricted",
  BTRA_0012: "shopper_account_restricted",
  BTRA_0044: "over_shopper_limit",
  BTRA_0045: "over_shopper_limit",
  BTRA_0032: "payment_not_approved",
  BTRA_0039: "payment_expired",
  BTRA_0035: "payment_closed",
  BTRA_0036: "payment_closed",
  BTRA_0037: "payment_closed",
  BTRA_0041: "payment_closed",
  BTRA_0007: "payment_not_found",
  BTRA_0014: "payment_not_found",
  BTRA_0031: "payment_not_found",
  BTRA_0053: "payment_not_found",
  "5010": "payment_not_found",
  BTRA_0005: "payment_failed",
  // Legacy v2–v4 codes name the store's publicToken/privateToken themselves (revoked, missing, mixed accounts).
  "3010": "credentials_refused",
  "3020": "credentials_refused",
  "3030": "credentials_refused",
  "3040": "credentials_refused",
  "3050": "credentials_refused",
  "3060": "credentials_refused",
  "3070": "credentials_refused",
  BTRA_0009: "business_inactive",
  BTRA_0010: "business_inactive",
  BTRA_0027: "business_not_eligible",
  BTRA_0050: "business_not_eligible",
  BTRA_0008: "ticket_of_another_business",
  BTRA_0011: "ticket_of_another_business",
  BTRA_0043: "ticket_of_another_business",
  "5020": "ticket_of_another_business",
  // Report and customer lookups of the admin: nothing a shopper meets.
  BTRA_0022: "request_refused",
  BTRA_0046: "request_refused",
  BTRA_0049: "request_refused",
  BTRA_0030: "refund_refused",
  "7010": "refund_refused",
  "7040": "refund_refused",
  BTRA_0015: "ath_unreachable",
  BTRA_0016: "ath_unreachable",
  BTRA_0033: "ath_unreachable",
  BTRA_0034: "ath_unreachable",
  BTRA_9998: "ath_unreachable",
  BTRA_9999: "ath_unreachable",
}

/** Calls made with the ticket's own Bearer auth_token (API.md §1 #3, #4); every other call uses the store's tokens. */
const TICKET_TOKEN_OPERATIONS: ReadonlySet<AthOperation> = new Set<AthOperation>(["authorizePayment", "updatePhoneNumber"])

const UNREACHABLE_NAMES = new Set(["TimeoutError", "NetworkError", "ServerError", "RateLimitError", "AbortError"])

function reasonOf(f: AthFailureFacts): AthFailureReason {
  if (f.outcomeUnknown || f.name === "OutcomeUnknownError") return "ath_outcome_unknown"
  if (f.name === "AuthenticationError" && !(f.code && REASON_BY_CODE[f.code])) {
    return f.operation && TICKET_TOKEN_OPERATIONS.has(f.operation) ? "payment_session_expired" : "credentials_refused"
  }
  const byCode = f.code ? REASON_BY_CODE[f.code] : undefined
  if (byCode) return byCode
  if (f.name === "ValidationError") {
    // The client's own phone check (CLIENT_VALIDATION) names the field: a typo the shopper can fix.
    return (f.fields ?? []).some((field) => /phone/i.test(field)) ? "phone_invalid" : "request_refused"
  }
  if (f.name === "TransactionError") return "payment_failed"
  if (UNREACHABLE_NAMES.has(f.name)) return "ath_unreachable"
  return "request_refused"
}

/** The one classification of ATH failures by who can fix them (API.md §2 codes, error classes, and the call that met them). */
export function classifyAthFailure(facts: AthFailureFacts): AthFailure {
  const reason = reasonOf(facts)
  return { actor: ATH_FAILURE_REASONS[reason], reason }
}

/** The classification of a thrown error; null when it is not an ATH Móvil error. */
export function athFailureOf(error: unknown): AthFailure | null {
  if (!(error instanceof AthMovilError)) return null
  return classifyAthFailure({
    name: error.name,
    code: error.code,
    operation: error.operation,
    fields: error instanceof ValidationError ? error.issues.map((i) => i.field) : undefined,
    outcomeUnknown: error instanceof RequestAbortedError && error.outcomeUnknown,
  })
}

export function isAthFailureReason(value: unknown): value is AthFailureReason {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ATH_FAILURE_REASONS, value)
}
