import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { ATHMOVIL_MODULE } from "../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import { kindsOf, LEDGER_KIND_FILTERS, type LedgerKindFilter } from "../../../../modules/athmovil/utils/books-filter"
import { pagination, parseQuery } from "../query"
import { emptyTotals, ledgerTotals } from "./totals"

const Query = z.object({
  ...pagination,
  status: z.enum(["OPEN", "CONFIRM", "COMPLETED", "CANCEL", "EXPIRED"]).optional(),
  q: z.string().trim().max(64, "q must be at most 64 characters").optional(),
  from: z.coerce.date({ message: "from must be a date (YYYY-MM-DD)" }).optional(),
  to: z.coerce.date({ message: "to must be a date (YYYY-MM-DD)" }).optional(),
  payment_id: z.string().max(64).optional(),
  // Checkouts by default; "other" is other ATH income (app payments and donations), totalled apart.
  kind: z.enum(LEDGER_KIND_FILTERS as [LedgerKindFilter, ...LedgerKindFilter[]], { message: `kind must be one of ${LEDGER_KIND_FILTERS.join(", ")}` }).default("ecommerce"),
})

/** The ATH ledger: what ATH says about every ticket this store created. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { limit, offset, status, q, from, to, payment_id, kind } = parseQuery(Query, req.query)
  const where: Record<string, unknown> = {}
  const kinds = kindsOf(kind)
  if (kinds) where.kind = kinds
  if (status) where.status = status
  if (payment_id) where.payment_id = payment_id
  if (from || to) where.created_at = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) }
  if (q) {
    const digits = q.replace(/\D/g, "")
    where.$or = [
      { reference_number: q },
      { ecommerce_id: q },
      ...(digits.length >= 4 ? [{ customer_phone: { $like: `%${digits}%` } }] : []),
    ]
  }
  const athmovil = req.scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const [transactions, count] = await athmovil.listAndCountAthTransactions(where, {
    take: limit,
    skip: offset,
    order: { created_at: "DESC" },
    relations: ["refunds"],
  })
  // A status filter other than COMPLETED leaves no money to add up.
  const totals = status && status !== "COMPLETED" ? emptyTotals() : await ledgerTotals(athmovil, where)
  res.json({ transactions, count, limit, offset, totals })
}
