/**
 * Everything the server says to a shopper, in English and Spanish, keyed by stable ids that the
 * answers carry as `code` (storefronts branch on the code, show the message). `{name}` marks a value.
 */
import { ATH_MAX_TOTAL, ATH_MIN_TOTAL } from "./money"

export type ShopperLocale = "en" | "es"

const EN = {
  // The shopper can act.
  phone_missing: "Enter the phone number of your ATH Móvil account (10 digits, e.g. 787-555-1234) to pay with ATH Móvil.",
  phone_invalid: "Enter the 10-digit phone number of your ATH Móvil account, e.g. 787-555-1234.",
  phone_not_accepted: "ATH Móvil does not accept this phone number. Check that it is the phone of your ATH Móvil account, or choose another payment method.",
  amount_out_of_range: "ATH Móvil cannot take a payment of this total. Choose another payment method.",
  shopper_account_restricted: "Your ATH Móvil account cannot make this payment right now. Check the ATH Móvil app, or choose another payment method.",
  over_shopper_limit: "This total is over the limits of your ATH Móvil card. Choose another card in ATH Móvil, or another payment method.",
  payment_not_approved: "The payment has not been approved in ATH Móvil yet. Approve it in the ATH Móvil app, then try again.",
  payment_expired: "The ATH Móvil payment expired before it was approved. Start a new payment to try again.",
  payment_closed: "This ATH Móvil payment was cancelled or rejected. Start a new payment to try again.",
  payment_not_found: "This ATH Móvil payment no longer exists. Start a new payment.",
  payment_failed: "ATH Móvil could not complete this payment. Start a new payment, or choose another payment method.",
  payment_session_expired: "This ATH Móvil payment ran out of time and can no longer be completed. Start a new payment.",
  payment_already_completed: "This ATH Móvil payment is already completed, so it cannot be cancelled. Ask the store for a refund instead.",
  phone_change_not_open: "The phone number can only be changed while the payment waits for approval. Start a new payment to use another phone.",
  phone_change_limit: "The phone number of an ATH Móvil payment can be changed at most {max} times. Start a new payment to send it to another phone.",
  phone_change_in_progress: "Another change of this ATH Móvil payment is in progress. Try again in a moment.",
  session_not_found: "There is no ATH Móvil payment {session_id} on this cart. Start a new payment.",
  // Nobody can act right now, or only the merchant can: never the shopper's fault.
  unavailable_at_store: "ATH Móvil is not available at this store right now; choose another payment method.",
  try_again_shortly: "ATH Móvil is not responding right now. Try again in a moment.",
  // Eligibility (GET /store/athmovil/eligibility).
  currency_not_usd: "ATH Móvil only takes payments in US dollars; this cart is in {currency}.",
  total_below_minimum: `ATH Móvil needs a total of at least $${ATH_MIN_TOTAL}; this cart's total is \${total}.`,
  total_above_maximum: `ATH Móvil accepts totals up to $${ATH_MAX_TOTAL}; this cart's total is \${total}.`,
  not_enabled_in_region: "ATH Móvil is not offered in this cart's region.",
  // The waiting screen (GET /store/athmovil/payment-sessions/:id) and the cancel route.
  status_pending: "Waiting for approval in the ATH Móvil app.",
  status_approved: "Approved in ATH Móvil. Complete the order now.",
  status_completed: "Paid with ATH Móvil.",
  status_canceled: "The ATH Móvil payment was cancelled or rejected. Start a new payment to try again.",
  status_expired: "The ATH Móvil payment expired before it was approved. Start a new payment to try again.",
  payment_cancelled_by_shopper: "The ATH Móvil payment was cancelled.",
} as const

export type ShopperMessageId = keyof typeof EN

const ES: Record<ShopperMessageId, string> = {
  phone_missing: "Escribe el teléfono de tu cuenta ATH Móvil (10 dígitos, p. ej. 787-555-1234) para pagar con ATH Móvil.",
  phone_invalid: "Escribe los 10 dígitos del teléfono de tu cuenta ATH Móvil, p. ej. 787-555-1234.",
  phone_not_accepted: "ATH Móvil no acepta este número de teléfono. Verifica que sea el teléfono de tu cuenta ATH Móvil o elige otro método de pago.",
  amount_out_of_range: "ATH Móvil no puede aceptar un pago por este total. Elige otro método de pago.",
  shopper_account_restricted: "Tu cuenta ATH Móvil no puede hacer este pago ahora. Revisa la aplicación ATH Móvil o elige otro método de pago.",
  over_shopper_limit: "Este total excede los límites de tu tarjeta en ATH Móvil. Elige otra tarjeta en ATH Móvil u otro método de pago.",
  payment_not_approved: "El pago aún no ha sido aprobado en ATH Móvil. Apruébalo en la aplicación ATH Móvil y vuelve a intentarlo.",
  payment_expired: "El pago de ATH Móvil expiró antes de ser aprobado. Inicia un pago nuevo para intentarlo otra vez.",
  payment_closed: "Este pago de ATH Móvil fue cancelado o rechazado. Inicia un pago nuevo para intentarlo otra vez.",
  payment_not_found: "Este pago de ATH Móvil ya no existe. Inicia un pago nuevo.",
  payment_failed: "ATH Móvil no pudo completar este pago. Inicia un pago nuevo o elige otro método de pago.",
  payment_session_expired: "Se agotó el tiempo de este pago de ATH Móvil y ya no se puede completar. Inicia un pago nuevo.",
  payment_already_completed: "Este pago de ATH Móvil ya se completó, así que no se puede cancelar. Pide a la tienda un reembolso.",
  phone_change_not_open: "El teléfono solo se puede cambiar mientras el pago espera aprobación. Inicia un pago nuevo para usar otro teléfono.",
  phone_change_limit: "El teléfono de un pago de ATH Móvil se puede cambiar como máximo {max} veces. Inicia un pago nuevo para enviarlo a otro teléfono.",
  phone_change_in_progress: "Hay otro cambio de este pago de ATH Móvil en curso. Inténtalo de nuevo en un momento.",
  session_not_found: "No hay un pago de ATH Móvil {session_id} en este carrito. Inicia un pago nuevo.",
  unavailable_at_store: "ATH Móvil no está disponible en esta tienda en este momento; elige otro método de pago.",
  try_again_shortly: "ATH Móvil no responde en este momento. Inténtalo de nuevo en un momento.",
  currency_not_usd: "ATH Móvil solo acepta pagos en dólares estadounidenses; este carrito está en {currency}.",
  total_below_minimum: `ATH Móvil requiere un total de al menos $${ATH_MIN_TOTAL}; el total de este carrito es \${total}.`,
  total_above_maximum: `ATH Móvil acepta totales de hasta $${ATH_MAX_TOTAL}; el total de este carrito es \${total}.`,
  not_enabled_in_region: "ATH Móvil no está disponible en la región de este carrito.",
  status_pending: "Esperando la aprobación en la aplicación ATH Móvil.",
  status_approved: "Aprobado en ATH Móvil. Completa la orden ahora.",
  status_completed: "Pagado con ATH Móvil.",
  status_canceled: "El pago de ATH Móvil fue cancelado o rechazado. Inicia un pago nuevo para intentarlo otra vez.",
  status_expired: "El pago de ATH Móvil expiró antes de ser aprobado. Inicia un pago nuevo para intentarlo otra vez.",
  payment_cancelled_by_shopper: "El pago de ATH Móvil fue cancelado.",
}

export const SHOPPER_MESSAGES: Record<ShopperLocale, Record<ShopperMessageId, string>> = { en: EN, es: ES }

export type MessageValues = Record<string, string | number>

export function isShopperMessageId(value: unknown): value is ShopperMessageId {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(EN, value)
}

/** The names of a template's `{placeholders}`, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1])
}

export function shopperMessage(id: ShopperMessageId, locale: ShopperLocale, values: MessageValues = {}): string {
  return SHOPPER_MESSAGES[locale][id].replace(/\{([a-z_]+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name])
  )
}

/**
 * The values an English text of `id` was rendered with, or null when `text` is not that template.
 * Medusa's error handler answers only `{ code, type, message }`, so a store answer raised inside
 * Medusa's own routes (the provider's `initiatePayment`) reaches the store middleware as that text:
 * the values are read back from it to say the same in the shopper's language.
 */
export function valuesIn(id: ShopperMessageId, text: string): MessageValues | null {
  const template = EN[id]
  const names = placeholdersOf(template)
  const pattern = template
    .split(/\{[a-z_]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("(.+?)")
  const match = new RegExp(`^${pattern}$`).exec(text)
  if (!match) return null
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1]]))
}
