import { tryNormalisePhoneNumber } from "../../lib/athmovil/phone"

/**
 * The returning shopper's ATH Móvil phone, kept in the `data` of the customer's ATH Móvil
 * account holder (Medusa's per-provider record of a customer: `account_holder`, linked to the
 * customer, handed to `initiatePayment` as `context.account_holder` by
 * `createPaymentSessionsWorkflow`).
 *
 * Why an account holder and not the customer's `metadata`: a logged-in shopper can rewrite their
 * own `metadata` through `POST /store/customers/me`, so a phone there would be what a storefront
 * wrote. No store route writes an account holder's `data`: only the payment module does, with what
 * this provider returns. And why not Medusa's payment methods (`savePaymentMethod` /
 * `listPaymentMethods`): they expect a provider vault holding cards or mandates; ATH Móvil has
 * none, a phone is not a payment method ATH can charge without the shopper approving in the app.
 *
 * The phone is written only by the `athmovil-remember-phone` subscriber, after an order is placed,
 * from ATH's own search answer for the completed payment (never from the session's data).
 */
export const SAVED_PHONE_KEY = "athmovil_phone"
/** When the payment whose phone is saved was captured: an older order never overwrites a newer one. */
export const SAVED_PHONE_PAID_AT_KEY = "athmovil_phone_paid_at"

export interface SavedAthPhone {
  /** The Medusa customer the account holder belongs to. */
  customerId: string
  phone: string
}

/** The saved phone in an account holder's `data`, if it is a 10-digit number. */
function savedPhoneOf(accountHolder: unknown): string | null {
  const data = (accountHolder as { data?: unknown } | null | undefined)?.data
  if (!data || typeof data !== "object") return null
  return tryNormalisePhoneNumber((data as Record<string, unknown>)[SAVED_PHONE_KEY])
}

/**
 * The saved phone of the customer creating the payment session: the workflow passes that
 * customer (`context.customer`, the logged-in actor) and its ATH account holder together.
 */
export function savedPhoneFromContext(context: { customer?: { id?: unknown } | null; account_holder?: unknown } | undefined | null): SavedAthPhone | null {
  const customerId = context?.customer?.id
  const phone = savedPhoneOf(context?.account_holder)
  return typeof customerId === "string" && customerId && phone ? { customerId, phone } : null
}

/**
 * What the account holder's `data` becomes when a phone is saved: only the provider's own keys,
 * each checked (the payment module stores the provider's answer as-is).
 */
export function accountHolderDataWithPhone(data: unknown): Record<string, unknown> {
  const current = data && typeof data === "object" ? (data as Record<string, unknown>) : {}
  const phone = tryNormalisePhoneNumber(current[SAVED_PHONE_KEY])
  const paidAt = current[SAVED_PHONE_PAID_AT_KEY]
  const paidAtOk = typeof paidAt === "string" && !Number.isNaN(new Date(paidAt).getTime())
  return phone ? { [SAVED_PHONE_KEY]: phone, ...(paidAtOk ? { [SAVED_PHONE_PAID_AT_KEY]: paidAt } : {}) } : {}
}

/** "(•••) •••-1234": the only form of a phone the store shows a storefront. */
export function maskPhone(phone: string): string {
  return `(•••) •••-${phone.slice(-4)}`
}
