import { toPaymentError } from "./transport"
import type { AthMovilSdk } from "./types"

/**
 * Where the phone the store would send the ATH Móvil request to comes from, when the shopper
 * types none: `saved` (the phone ATH Móvil reported for this logged-in customer's last completed
 * payment), the cart's `shipping_address` or `billing_address`, or the `customer` record.
 */
export type AthMovilPhoneSource = "saved" | "shipping_address" | "billing_address" | "customer"

export interface AthMovilSavedPhone {
  /** e.g. "(•••) •••-1234"; null when the store has no phone to offer: ask the shopper for one. */
  phoneMasked: string | null
  source: AthMovilPhoneSource | null
}

/**
 * The phone to prefill (masked — the full number never leaves the store), from
 * `GET /store/athmovil/phone?cart_id=`. It is exactly the phone the store uses when the payment
 * is started without one (`startAthMovilPayment(sdk, cart, {})`). A saved phone is only answered
 * to the cart's own logged-in customer: call it with the sdk that holds the customer's login.
 *
 * @throws AthMovilPaymentError `request_failed` (404 unknown cart, 400 bad id) or `aborted`.
 */
export async function getAthMovilSavedPhone(
  sdk: AthMovilSdk,
  cartId: string,
  options: { signal?: AbortSignal | null } = {}
): Promise<AthMovilSavedPhone> {
  try {
    const body = await sdk.client.fetch<{ phone_masked?: unknown; source?: unknown }>("/store/athmovil/phone", {
      method: "GET",
      query: { cart_id: cartId },
      signal: options.signal ?? null,
    })
    const masked = typeof body.phone_masked === "string" && body.phone_masked ? body.phone_masked : null
    return { phoneMasked: masked, source: masked ? ((body.source as AthMovilPhoneSource) ?? null) : null }
  } catch (e) {
    throw toPaymentError(e, options.signal)
  }
}
