import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { ATH_PRODUCTION_API_BASE_URL, ATH_PRODUCTION_REPORT_BASE_URL } from "../../../../lib/athmovil"
import type { SettingsResponse } from "../../../../modules/athmovil/admin-views"
import { listAthMovilAccounts } from "../../../../providers/athmovil/container"
import { usesAthProductionApi } from "../../../../providers/athmovil/options"
import { AccountField, adminAccount } from "../account"
import { buildListenerUrl } from "../listener-url"
import { maskListenerUrl, parseQuery } from "../query"
import { checkTokens } from "./token-check"

const Query = z.object({
  ...AccountField,
  token_check: z.enum(["true", "false"], { message: "token_check must be true or false" }).default("true"),
})

/** Origin and path only: a URL in the config could carry credentials or a query we must not echo. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`
  } catch {
    return "(invalid URL)"
  }
}

/**
 * Which ATH Móvil options are set, without any secret: tokens and the webhook secret appear only
 * as booleans, the listener URL with its secret masked. `token_check` asks ATH whether the tokens
 * work, with calls that change nothing.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse<SettingsResponse>) {
  const { token_check, provider_id } = parseQuery(Query, req.query)
  const { client, options, providerId } = adminAccount(req.scope, provider_id)
  // Shown only when subscribing would use it; otherwise listener_url_problem says what to set.
  let listenerUrl: string | null = null
  let listenerUrlProblem: string | null = null
  if (options.webhookSecret) {
    try {
      listenerUrl = maskListenerUrl(
        buildListenerUrl({
          publicBaseUrl: options.publicBaseUrl,
          webhookSecret: options.webhookSecret,
          requestOrigin: { protocol: req.protocol, host: req.get("host") },
        }),
        options.webhookSecret
      )
    } catch (e) {
      listenerUrlProblem = e instanceof Error ? e.message : String(e)
    }
  }
  res.json({
    // Every account of the store (the admin's switcher), the first being the default.
    accounts: listAthMovilAccounts(req.scope).map((a) => ({ provider_id: a.providerId })),
    settings: {
      provider_id: providerId,
      public_token_configured: !!options.publicToken,
      private_token_configured: !!options.privateToken,
      webhook_secret_configured: !!options.webhookSecret,
      encryption_key_configured: !!options.encryptionKey,
      api_base_url: safeUrl(options.apiBaseUrl ?? ATH_PRODUCTION_API_BASE_URL),
      report_base_url: safeUrl(options.reportBaseUrl ?? ATH_PRODUCTION_REPORT_BASE_URL),
      uses_production: usesAthProductionApi(options),
      public_base_url: options.publicBaseUrl ? safeUrl(options.publicBaseUrl) : null,
      payment_timeout_seconds: options.paymentTimeoutSeconds,
      request_timeout_ms: options.requestTimeoutMs,
      listener_url: listenerUrl,
      listener_url_problem: listenerUrlProblem,
      features: {
        refunds: !!options.privateToken,
        report: !!options.privateToken,
        webhooks: !!(options.privateToken && options.webhookSecret),
      },
    },
    token_check: token_check === "true" ? await checkTokens(client, !!options.privateToken) : null,
  })
}
