import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { ATHMOVIL_MODULE } from "../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import type { CustomersResponse } from "../../../../modules/athmovil/admin-views"
import { parseQuery } from "../query"
import { AccountField, adminAccount } from "../account"

const Query = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
  q: z.string().trim().max(64, "q must be at most 64 characters").optional(),
  after: z.string().regex(/^\d{1,20}$/, "after must be the phone digits of the previous page's last customer").optional(),
  ...AccountField,
})

/**
 * ATH customers (django-athm's `Client`): one row per ATH phone number with its completed
 * payments, totals paid and refunded, and first/last payment. `q` is a phone prefix (digits) or
 * part of a name or e-mail. Pages follow the phone order: pass `next_after` back as `after`.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse<CustomersResponse>) {
  const { limit, q, after, provider_id } = parseQuery(Query, req.query)
  const athmovil = req.scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const rows = await athmovil.listCustomers({ q: q || undefined, after, provider_id: adminAccount(req.scope, provider_id).providerId }, limit + 1)
  const page = rows.slice(0, limit)
  res.json({
    customers: page.map((c) => ({ ...c, currency_code: "usd" })),
    next_after: rows.length > limit ? page[page.length - 1].phone : null,
  })
}
