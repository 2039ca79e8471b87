import { toPaymentError } from "./transport"
import type { AthMovilSdk } from "./types"

/** Why a cart cannot be paid with ATH Móvil (stable `code`, shopper-facing `message`). */
export interface AthMovilIneligibleReason {
  code: "currency_not_usd" | "total_below_minimum" | "total_above_maximum" | "not_enabled_in_region"
  /** In the requested language (`locale`, else the browser's `Accept-Language`). */
  message: string
}

export interface AthMovilEligibility {
  eligible: boolean
  /** Empty when `eligible`. */
  reasons: AthMovilIneligibleReason[]
}

/**
 * Whether the cart can be paid with ATH Móvil right now (USD, total 1.00–1500.00, provider
 * enabled in the cart's region), from `GET /store/athmovil/eligibility`. Ask again whenever the
 * cart's total or region changes; show the reasons next to the disabled option.
 *
 * @throws AthMovilPaymentError `request_failed` (404 unknown cart, 400 bad id) or `aborted`.
 */
export async function getAthMovilEligibility(
  sdk: AthMovilSdk,
  cartId: string,
  options: { locale?: "en" | "es"; signal?: AbortSignal | null } = {}
): Promise<AthMovilEligibility> {
  try {
    const body = await sdk.client.fetch<AthMovilEligibility>("/store/athmovil/eligibility", {
      method: "GET",
      query: { cart_id: cartId, ...(options.locale ? { locale: options.locale } : {}) },
      signal: options.signal ?? null,
    })
    return { eligible: body.eligible === true, reasons: Array.isArray(body.reasons) ? body.reasons : [] }
  } catch (e) {
    throw toPaymentError(e, options.signal)
  }
}
