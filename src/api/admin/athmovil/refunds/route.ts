import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { ATHMOVIL_MODULE } from "../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import type { RefundsResponse } from "../../../../modules/athmovil/admin-views"
import { decodeCursor, encodeCursor } from "../../../../modules/athmovil/utils/books-filter"
import { REFUND_SOURCES } from "../../../../modules/athmovil/utils/refund-sql"
import { parseBooksRange } from "../exports/books-range"
import { parseQuery } from "../query"
import { AccountField, refundsAccountFilter } from "../account"

const Query = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
  cursor: z.string().max(200, "cursor must be at most 200 characters").optional(),
  source: z.enum(REFUND_SOURCES, { message: `source must be one of ${REFUND_SOURCES.join(", ")}` }).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  ...AccountField,
})

/**
 * Every ATH refund across payments, newest first (keyset pages: pass `next_cursor` back as
 * `cursor`), with where it came from (Medusa, the ATH Business app, a webhook, the report) and
 * the count and sum of everything the filter matches.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse<RefundsResponse>) {
  const { limit, cursor: rawCursor, source, provider_id, ...dates } = parseQuery(Query, req.query)
  const cursor = decodeCursor(rawCursor)
  if (cursor === "invalid") throw new MedusaError(MedusaError.Types.INVALID_DATA, "cursor is not one this list returned")
  const filter = { ...parseBooksRange(dates), source, ...refundsAccountFilter(req.scope, provider_id) }
  const athmovil = req.scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const [rows, totals] = await Promise.all([
    athmovil.listBooksRefunds(filter, { cursor, limit: limit + 1 }),
    athmovil.refundBooksTotals(filter),
  ])
  const page = rows.slice(0, limit)
  const last = rows.length > limit ? page[page.length - 1] : null
  res.json({
    refunds: page.map(({ cursor_date, ...r }) => r),
    next_cursor: encodeCursor(last ? { date: last.cursor_date, id: last.id } : null),
    totals: { currency_code: "usd", ...totals },
  })
}
