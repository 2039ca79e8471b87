import type { AthMovilSdk } from "./types"

/** The languages the store answers shoppers in. */
export type AthMovilLocale = "en" | "es"

/**
 * The same sdk, with every call the kit makes asking the store to answer in `locale` (`?locale=`,
 * which Medusa reads as the request's locale): status texts, and the error messages the kit keeps as
 * `serverMessage`. Without it the store follows the browser's `Accept-Language`.
 *
 * ```ts
 * const sdkEs = withAthMovilLocale(sdk, "es")
 * await startAthMovilPayment(sdkEs, cart, { phoneNumber })
 * ```
 */
export function withAthMovilLocale(sdk: AthMovilSdk, locale: AthMovilLocale): AthMovilSdk {
  return {
    client: {
      fetch: (input, init = {}) => sdk.client.fetch(input, { ...init, query: { ...init.query, locale } }),
    },
    store: {
      payment: {
        initiatePaymentSession: (cart, body, query) => sdk.store.payment.initiatePaymentSession(cart, body, { ...query, locale }),
      },
      cart: {
        complete: (cartId, query) => sdk.store.cart.complete(cartId, { ...query, locale }),
        retrieve: (cartId, query) => sdk.store.cart.retrieve(cartId, { ...query, locale }),
      },
    },
  }
}
