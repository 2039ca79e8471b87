import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { AccountField, adminAccount } from "../../account"
import { buildError } from "../../../../../providers/athmovil/errors"
import { buildListenerUrl } from "../../listener-url"
import { maskListenerUrl } from "../../query"

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
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const parsed = Body.safeParse(req.body ?? {})
  if (!parsed.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid body: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`
    )
  }
  // Each account subscribes its own listener URL (its own secret).
  const { client, options } = adminAccount(req.scope, parsed.data.provider_id)
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
  try {
    const result = await client.subscribeWebhooks({ listenerUrl, events: parsed.data.events })
    res.json({ listener_url: maskListenerUrl(listenerUrl, options.webhookSecret!), events: result.events, message: result.message })
  } catch (e) {
    throw buildError("subscribe the webhooks", e)
  }
}
