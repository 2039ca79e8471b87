import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import type { WebhookSubscribeResponse } from "../../../../../modules/athmovil/admin-views"
import { sendAthError, type AthErrorResponse } from "../../../../ath-error"
import { AccountField, adminAccount } from "../../account"
import { recordSubscription } from "../../go-live/subscription"
import { buildListenerUrl } from "../../listener-url"
import { maskListenerUrl } from "../../query"
import { parseBody } from "../../body"

const Body = z
  .object({
    events: z
      .object({
        paymentReceived: z.boolean(),
        refundSent: z.boolean(),
        donationReceived: z.boolean(),
        ecommercePaymentReceived: z.boolean(),
        ecommercePaymentCancelled: z.boolean(),
        ecommercePaymentExpired: z.boolean(),
      })
      .partial()
      .strict()
      .optional(),
    ...AccountField,
  })
  .strict()

/**
 * Points ATH Móvil's webhooks at this store's listener (`<publicBaseUrl>/hooks/athmovil/<webhookSecret>`;
 * https only, see `buildListenerUrl`).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse<WebhookSubscribeResponse | AthErrorResponse>) {
  const body = parseBody(Body, req.body)
  // Each account subscribes its own listener URL (its own secret).
  const { client, options, providerId } = adminAccount(req.scope, body.provider_id)
  const missing = [
    !options.webhookSecret && "webhookSecret",
    !options.privateToken && "privateToken",
  ].filter(Boolean)
  if (missing.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Cannot subscribe ATH Móvil webhooks: set the provider option(s) ${missing.join(", ")} in medusa-config.ts.`
    )
  }
  const listenerUrl = buildListenerUrl({
    publicBaseUrl: options.publicBaseUrl,
    webhookSecret: options.webhookSecret!,
    requestOrigin: { protocol: req.protocol, host: req.get("host") },
  })
  let result
  try {
    result = await client.subscribeWebhooks({ listenerUrl, events: body.events })
  } catch (e) {
    sendAthError(res, "subscribe the webhooks", e)
    return
  }
  // Outside the try: ATH accepted, so a failure to record is ours, not ATH's.
  await recordSubscription(req.scope, { providerId, listenerUrl, webhookSecret: options.webhookSecret!, events: { ...result.events } })
  res.json({ listener_url: maskListenerUrl(listenerUrl, options.webhookSecret!), events: result.events, message: result.message })
}
