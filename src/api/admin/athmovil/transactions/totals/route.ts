import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { ATHMOVIL_MODULE } from "../../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../../modules/athmovil/service"
import type { TransactionTotalsResponse } from "../../../../../modules/athmovil/admin-views"
import { parseQuery } from "../../query"
import { ledgerFilter, LedgerFilterQuery } from "../filter"

const Query = z.object(LedgerFilterQuery)

/**
 * Money of every completed ledger row the list's filter matches (not just a page): what ATH
 * collected, its fees, the net paid out and what was refunded. One PostgreSQL aggregate in
 * numeric, exact at any size; 2-decimal strings.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse<TransactionTotalsResponse>) {
  const query = parseQuery(Query, req.query)
  const athmovil = req.scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const totals = await athmovil.ledgerListTotals(ledgerFilter(req.scope, query))
  res.json({ totals: { currency_code: "usd", ...totals } })
}
