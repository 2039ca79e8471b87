/**
 * Storefront kit for ATH Móvil checkouts with `@medusajs/js-sdk`
 * (`import … from "medusa-payment-athmovil/storefront"`). Framework-free and browser-safe:
 * pass it your sdk instance.
 *
 * ```ts
 * const payment = await startAthMovilPayment(sdk, cart, { phoneNumber: "787-555-1234" })
 * await waitForAthMovilApproval(sdk, payment, { onTick: ({ secondsLeft }) => show(secondsLeft) })
 * const order = await completeAthMovilCheckout(sdk, cart.id, { sessionId: payment.sessionId })
 * const reference = await getAthMovilReferenceNumber(sdk, payment)
 * ```
 */
export {
  startAthMovilPayment,
  waitForAthMovilApproval,
  completeAthMovilCheckout,
  changeAthMovilPhone,
  cancelAthMovilPayment,
  getAthMovilPaymentStatus,
  getAthMovilReferenceNumber,
  type StartedAthMovilPayment,
  type AthMovilTick,
} from "./payment"
export {
  AthMovilPaymentError,
  AthMovilRejectedError,
  AthMovilExpiredError,
  AthMovilAbortedError,
  AthMovilInvalidPhoneError,
  ATHMOVIL_ERROR_MESSAGES,
  athMovilErrorMessage,
  type AthMovilErrorCode,
} from "./errors"
export { withAthMovilLocale, type AthMovilLocale } from "./locale"
export { normaliseAthMovilPhone, formatAthMovilPhone, formatAthMovilCountdown } from "./phone"
export { getAthMovilEligibility, type AthMovilEligibility, type AthMovilIneligibleReason } from "./eligibility"
export { getAthMovilSavedPhone, type AthMovilSavedPhone, type AthMovilPhoneSource } from "./saved-phone"
export {
  ATHMOVIL_PROVIDER_ID,
  type AthMovilSdk,
  type AthMovilPaymentRef,
  type AthMovilSessionStatus,
  type AthMovilPaymentStatus,
  type AthMovilItem,
} from "./types"
