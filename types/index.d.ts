/**
 * Types of medusa-payment-athmovil for a store's medusa-config.ts (type-only entry):
 *
 *   import type { AthMovilOptions } from "medusa-payment-athmovil/types"
 *   options: { publicToken: ..., ... } satisfies AthMovilOptions
 *
 * Hand-kept copy of `src/providers/athmovil/options.ts` (the build emits no declarations);
 * integration-tests/install checks that the two stay identical.
 */

/**
 * Options of the ATH Móvil payment provider, given in `medusa-config.ts` under
 * the payment module's `providers` entry
 * (`{ resolve: "medusa-payment-athmovil/providers/athmovil", id: "athmovil", options }`).
 */
export interface AthMovilOptions {
  /** Public token of the ATH Business account (ATH Business app → Settings → Development). Required. */
  publicToken: string
  /**
   * Private token of the same account. Needed for refunds, webhook subscription and the
   * transaction report; checkout works without it. Never logged or returned by any route.
   */
  privateToken?: string
  /** Seconds the shopper has to approve the payment in the ATH Móvil app: 120–600, default 600. */
  paymentTimeoutSeconds?: number
  /** Timeout of one HTTP request to ATH Móvil, in milliseconds: 1000–120000, default 15000. */
  requestTimeoutMs?: number
  /** Payments API base URL. Default: ATH Móvil production. Point it at `athmovil-sandbox` to test. */
  apiBaseUrl?: string
  /** Base URL of the www.athmovil.com services (webhook subscription, report, search). Default: production. */
  reportBaseUrl?: string
  /**
   * Secret part of the webhook listener URL (`/hooks/athmovil/<webhookSecret>`). ATH Móvil signs
   * nothing, so an unguessable URL is the first line of defence (every event is verified with
   * ATH before it changes anything). At least 24 characters; without it the listener is off.
   */
  webhookSecret?: string
  /** Public URL of this Medusa backend as ATH Móvil reaches it (HTTPS in production), used to build the webhook listener URL. */
  publicBaseUrl?: string
  /**
   * Key that encrypts the per-payment ATH auth token stored in the payment session
   * (session data is visible to the storefront). At least 32 characters. Derived from
   * `privateToken` when absent; one of the two is required. Must be the same on every instance.
   */
  encryptionKey?: string
}

