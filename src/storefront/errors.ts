/**
 * Errors of the storefront kit. Every failure a storefront should react to is an
 * `AthMovilPaymentError` with a stable `code`; pick the shopper-facing text by code
 * (see `athMovilErrorMessage`) instead of showing `message`, which is written for developers.
 */

/** Stable codes of `AthMovilPaymentError`, one per thing the storefront does differently. */
export type AthMovilErrorCode =
  /** The phone number is not a 10-digit number; nothing was sent. */
  | "invalid_phone"
  /** The shopper rejected (or the store cancelled) the payment in ATH Móvil. Start a new payment. */
  | "rejected"
  /** The shopper did not approve before the payment expired. Start a new payment. */
  | "expired"
  /** The `signal` passed by the storefront was aborted. */
  | "aborted"
  /** The store could not be reached for about 30 s (network down, server errors). */
  | "network"
  /** The store refused the request (e.g. 400 or 404); `status` and the server's message are kept. */
  | "request_failed"
  /**
   * ATH Móvil cannot take payments at this store right now (a problem only the store can fix;
   * the store answered 502). Offer another payment method; retrying does not help.
   */
  | "unavailable"
  /** The cart could not be completed because the payment is still waiting for approval. */
  | "not_approved"

/** Base class: `instanceof AthMovilPaymentError` catches every error of the kit. */
export class AthMovilPaymentError extends Error {
  /** What happened, for code paths and translations. */
  readonly code: AthMovilErrorCode
  /** HTTP status of the store's answer when there was one. */
  readonly status?: number
  /**
   * The store's own answer, written for the shopper in the language the kit asked for
   * (`withAthMovilLocale`); absent when no store answer came (network, a proxy's error page).
   */
  readonly serverMessage?: string

  constructor(code: AthMovilErrorCode, message: string, options: { status?: number; cause?: unknown; serverMessage?: string } = {}) {
    super(message)
    this.name = "AthMovilPaymentError"
    this.code = code
    if (options.status !== undefined) this.status = options.status
    if (options.serverMessage !== undefined) this.serverMessage = options.serverMessage
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause
    Object.setPrototypeOf(this, new.target.prototype)
  }
}

/** The shopper rejected the payment in ATH Móvil, or it was cancelled. A new payment is needed. */
export class AthMovilRejectedError extends AthMovilPaymentError {
  constructor(message = "ATH Móvil payment rejected or cancelled (CANCEL)") {
    super("rejected", message)
    this.name = "AthMovilRejectedError"
  }
}

/** The payment expired before the shopper approved it. A new payment is needed. */
export class AthMovilExpiredError extends AthMovilPaymentError {
  constructor(message = "ATH Móvil payment expired before approval (CANCEL, timeout)") {
    super("expired", message)
    this.name = "AthMovilExpiredError"
  }
}

/** The storefront aborted the wait through its `AbortSignal`. The ATH payment itself is untouched. */
export class AthMovilAbortedError extends AthMovilPaymentError {
  constructor(message = "ATH Móvil wait aborted (AbortSignal)") {
    super("aborted", message)
    this.name = "AthMovilAbortedError"
  }
}

/** The phone number failed local validation. */
export class AthMovilInvalidPhoneError extends AthMovilPaymentError {
  constructor(message = "ATH Móvil phone_number: 10 digits required, e.g. 787-555-1234") {
    super("invalid_phone", message)
    this.name = "AthMovilInvalidPhoneError"
  }
}

/** Shopper-facing texts by code, in English and Spanish. */
export const ATHMOVIL_ERROR_MESSAGES: Record<"en" | "es", Record<AthMovilErrorCode, string>> = {
  en: {
    invalid_phone: "Enter the 10-digit phone number of your ATH Móvil account, e.g. 787-555-1234.",
    rejected: "The payment was rejected in ATH Móvil. You can try again.",
    expired: "The payment expired before it was approved in ATH Móvil. You can try again.",
    aborted: "The payment was cancelled.",
    network: "We cannot reach the store right now. Check your connection and try again.",
    request_failed: "The payment could not be processed. Please try again.",
    unavailable: "ATH Móvil is not available at this store right now; choose another payment method.",
    not_approved: "The payment has not been approved in ATH Móvil yet.",
  },
  es: {
    invalid_phone: "Escribe los 10 dígitos del teléfono de tu cuenta ATH Móvil, p. ej. 787-555-1234.",
    rejected: "El pago fue rechazado en ATH Móvil. Puedes intentarlo de nuevo.",
    expired: "El pago expiró antes de ser aprobado en ATH Móvil. Puedes intentarlo de nuevo.",
    aborted: "El pago fue cancelado.",
    network: "No podemos conectar con la tienda. Revisa tu conexión e inténtalo de nuevo.",
    request_failed: "No se pudo procesar el pago. Inténtalo de nuevo.",
    unavailable: "ATH Móvil no está disponible en esta tienda en este momento; elige otro método de pago.",
    not_approved: "El pago aún no ha sido aprobado en ATH Móvil.",
  },
}

/**
 * The text to show a shopper for any error thrown by the kit, or for a bare code
 * (`athMovilErrorMessage({ code: "invalid_phone" }, "es")`), in English (`"en"`, default) or
 * Spanish (`"es"`): the store's own answer when it gave one (it says what the shopper can do, in
 * the language the kit asked for), else the kit's text for the code. Anything else gets the
 * generic "could not be processed" text.
 */
export function athMovilErrorMessage(error: unknown, locale: "en" | "es" = "en"): string {
  const messages = ATHMOVIL_ERROR_MESSAGES[locale] ?? ATHMOVIL_ERROR_MESSAGES.en
  const serverMessage = (error as { serverMessage?: unknown } | null | undefined)?.serverMessage
  if (typeof serverMessage === "string" && serverMessage) return serverMessage
  const code = (error as { code?: unknown } | null | undefined)?.code
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(messages, code)
    ? messages[code as AthMovilErrorCode]
    : messages.request_failed
}
