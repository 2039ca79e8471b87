/**
 * React entry of the plugin (`import … from "medusa-payment-athmovil/react"`), on top of the
 * storefront kit. React 18 or 19 (optional peer); no JSX runtime needed.
 *
 * ```tsx
 * <AthMovilPaymentButton sdk={sdk} cart={cart} locale="es" complete={placeOrderAction} />
 * const ath = useAthMovilPayment({ sdk, cart })  // headless: ath.start(phone), ath.secondsLeft, …
 * export const paymentInfoMap = { pp_athmovil_athmovil: athMovilPaymentInfo }
 * ```
 *
 * This module has no directive itself: `athMovilPaymentInfo` stays usable from server
 * components, while the hooks and the button come from "use client" modules.
 */
export { AthMovilPaymentButton, type AthMovilPaymentButtonProps, type AthMovilPaymentButtonRenderProps } from "./payment-button"
export { useAthMovilPayment, type UseAthMovilPayment } from "./use-athmovil-payment"
export { useAthMovilEligibility, type UseAthMovilEligibility } from "./use-athmovil-eligibility"
export { useAthMovilSavedPhone, type UseAthMovilSavedPhone } from "./use-athmovil-saved-phone"
export {
  createAthMovilPaymentController,
  type AthMovilPaymentController,
  type AthMovilPaymentOptions,
  type AthMovilPaymentState,
  type AthMovilPaymentStatus,
  type AthMovilPendingAction,
} from "./controller"
export { athMovilPaymentInfo, AthMovilIcon } from "./payment-info"
export { ATHMOVIL_BUTTON_STRINGS, type AthMovilButtonStrings } from "./strings"
export { ATHMOVIL_PROVIDER_ID, type AthMovilEligibility, type AthMovilIneligibleReason } from "../storefront"
