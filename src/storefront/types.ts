import type { HttpTypes } from "@medusajs/types"

/** Medusa id of the provider as registered in the README's config (`id: "athmovil"`). */
export const ATHMOVIL_PROVIDER_ID = "pp_athmovil_athmovil"

/**
 * What the kit needs from a `@medusajs/js-sdk` instance (`new Medusa({ baseUrl, publishableKey })`).
 * Written structurally so any js-sdk 2.x instance fits, whichever copy the storefront installed.
 */
export interface AthMovilSdk {
  client: {
    fetch<T>(
      input: string,
      init?: {
        method?: string
        body?: Record<string, unknown>
        query?: Record<string, unknown>
        headers?: Record<string, string | null>
        signal?: AbortSignal | null
      }
    ): Promise<T>
  }
  store: {
    payment: {
      initiatePaymentSession(
        cart: { id: string; payment_collection?: { id: string } | null },
        body: { provider_id: string; data?: Record<string, unknown> },
        query?: object
      ): Promise<{ payment_collection: HttpTypes.StorePaymentCollection }>
    }
    cart: {
      complete(cartId: string, query?: object): Promise<HttpTypes.StoreCompleteCartResponse>
      retrieve(cartId: string, query?: Record<string, unknown>): Promise<{ cart: HttpTypes.StoreCart }>
    }
  }
}

/**
 * Which payment a kit call is about: the Medusa payment session and the cart it pays. The store's
 * session routes answer only for the owning cart. `startAthMovilPayment` returns one.
 */
export interface AthMovilPaymentRef {
  /** Medusa payment session id (`payses_…`). */
  sessionId: string
  /** The cart the session pays (`cart_…`). */
  cartId: string
}

/** What the shopper's payment is doing, as the store's status route reports it. */
export type AthMovilPaymentStatus = "pending" | "approved" | "completed" | "canceled" | "expired"

/** One answer of `GET /store/athmovil/payment-sessions/:id?cart_id=…`, in camelCase. */
export interface AthMovilSessionStatus {
  /** Medusa payment session id (`payses_…`). */
  sessionId: string
  status: AthMovilPaymentStatus
  /** Raw ATH state: OPEN, CONFIRM, COMPLETED or CANCEL. */
  athmStatus: string
  expiresAt: Date | null
  /** Seconds until the payment expires, computed by the server (0 once closed). */
  secondsLeft: number
  /** Do not ask again sooner than this. */
  retryAfterMs: number
  /** ATH Móvil reference number once the payment is completed. */
  referenceNumber: string | null
  /** The server's explanation of the status, in the language asked for (`withAthMovilLocale`). */
  message: string
  /** Stable id of `message` (`status_pending`, `status_expired`, …). */
  code?: string
  /** Last 4 digits of the phone the payment was sent to (only after a phone change). */
  phoneLast4?: string | null
}

/** Raw shape of the plugin's status route. */
export interface RawSessionStatus {
  id: string
  status: AthMovilPaymentStatus
  athm_status: string
  expires_at: string | null
  seconds_left: number
  retry_after_ms: number
  reference_number: string | null
  code?: string
  message: string
  phone_last4?: string | null
}

/**
 * @deprecated The store builds the ATH Móvil receipt from the cart; `startAthMovilPayment`
 * ignores `items`. Kept so code written for earlier versions still compiles.
 */
export interface AthMovilItem {
  name: string
  description?: string
  quantity: number
  /** Unit price in dollars, e.g. "12.50". */
  price: string | number
  tax?: string | number | null
  metadata?: string | null
  sku?: string | null
}
