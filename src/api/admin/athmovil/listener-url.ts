import { MedusaError } from "@medusajs/framework/utils"
import { validateSubscription } from "../../../lib/athmovil/validation"

export interface ListenerUrlInput {
  publicBaseUrl?: string
  webhookSecret: string
  /** The request's own origin, used only outside production when publicBaseUrl is unset. */
  requestOrigin: { protocol: string; host: string | undefined }
  /** Defaults to NODE_ENV === "production". */
  production?: boolean
}

/**
 * The one place the webhook listener URL (`<base>/hooks/athmovil/<webhookSecret>`) is built, for
 * subscribing and for showing it. ATH posts payment facts to this URL, so:
 * - in production it is never derived from the Host header (any client chooses that header; a
 *   forged one would send the store's webhooks — and their secret — elsewhere): publicBaseUrl is required;
 * - it is never plain http except to this machine: the secret travels in the path.
 * Throws a 400 naming the option and the rule.
 */
export function buildListenerUrl({
  publicBaseUrl,
  webhookSecret,
  requestOrigin,
  production = process.env.NODE_ENV === "production",
}: ListenerUrlInput): string {
  let base = publicBaseUrl
  if (!base) {
    if (production) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Set the provider option publicBaseUrl (the https:// URL ATH Móvil reaches this backend at) in medusa-config.ts: in production the webhook listener URL is never taken from the request's Host header."
      )
    }
    base = `${requestOrigin.protocol}://${requestOrigin.host ?? ""}`
  }
  let url: URL
  try {
    url = new URL(base)
  } catch {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "publicBaseUrl must be an absolute https:// URL, e.g. https://shop.example.com.")
  }
  const listenerUrl = `${url.origin}${url.pathname.replace(/\/+$/, "")}/hooks/athmovil/${webhookSecret}`
  try {
    // The client's own rule (https, or plain http to localhost / 127.0.0.1 / [::1]), asked here
    // so the refusal can name the option to fix and the admin view never shows an unusable URL.
    validateSubscription({ listenerUrl })
  } catch {
    const source = publicBaseUrl ? `publicBaseUrl (${url.protocol}//${url.host})` : `this request's origin (${url.protocol}//${url.host})`
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `ATH Móvil webhooks need an https:// listener URL (plain http:// only for localhost, 127.0.0.1 or [::1]): ${source} is not one. Set publicBaseUrl to the https:// URL of this backend.`
    )
  }
  return listenerUrl
}
