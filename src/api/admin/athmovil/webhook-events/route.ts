import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { ATHMOVIL_MODULE } from "../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import type { WebhookEventsResponse } from "../../../../modules/athmovil/admin-views"
import { pagination, parseQuery } from "../query"
import { AccountField, adminAccount } from "../account"
import { webhookView } from "./webhook-view"

const Query = z.object({
  ...pagination,
  ...AccountField,
  outcome: z.enum(["pending", "applied", "duplicate", "ignored", "unmatched", "rejected", "failed"]).optional(),
  kind: z.enum(["ecommerce", "payment", "donation", "refund", "simulated", "unknown"]).optional(),
  ecommerce_id: z.string().max(64).optional(),
  payment_id: z.string().max(64).optional(),
})

/** Every ATH Móvil webhook delivery with what became of it, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse<WebhookEventsResponse>) {
  const { limit, offset, provider_id, ...filters } = parseQuery(Query, req.query)
  // One account's inbox: the events its listener URL received.
  const where = {
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
    provider_id: adminAccount(req.scope, provider_id).providerId,
  }
  const [events, count] = await req.scope
    .resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    .listAndCountAthWebhookEvents(where, { take: limit, skip: offset, order: { received_at: "DESC" } })
  res.json({ webhook_events: events.map(webhookView), count, limit, offset })
}
