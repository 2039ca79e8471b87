import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { ATHMOVIL_MODULE } from "../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import { COUNT_CAP } from "../../../../modules/athmovil/utils/transactions-list-sql"
import type { TransactionsResponse } from "../../../../modules/athmovil/admin-views"
import { parseQuery } from "../query"
import { displayStatus } from "../../../../providers/athmovil/status-map"
import { ledgerFilter, LedgerFilterQuery } from "./filter"

const Query = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(20),
  // Pages reach as far as the count does; past it the dates narrow the list (keeps every page an index read).
  offset: z.coerce
    .number()
    .int()
    .min(0, "offset must be 0 or more")
    .max(COUNT_CAP, `offset must be at most ${COUNT_CAP}: narrow the dates or the search to reach older rows`)
    .default(0),
  ...LedgerFilterQuery,
})

/**
 * The ATH ledger, newest first: what ATH says about every ticket this store created. `count` is
 * exact up to 10,000 (`count_capped: true` beyond); the money of the same filter is
 * GET /admin/athmovil/transactions/totals, exact at any size.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse<TransactionsResponse>) {
  const { limit, offset, ...query } = parseQuery(Query, req.query)
  const athmovil = req.scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const { rows, count, count_capped } = await athmovil.listLedgerPage(ledgerFilter(req.scope, query), { limit, offset })
  // The badge is decided here, from PostgreSQL's 2-decimal amounts: the admin never compares money.
  const transactions = rows.map((row) => ({ ...row, display_status: displayStatus(row.status, row.total, row.refunded_total) }))
  res.json({ transactions, count, count_capped, limit, offset })
}
