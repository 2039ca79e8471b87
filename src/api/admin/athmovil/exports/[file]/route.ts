import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { IWorkflowEngineService } from "@medusajs/framework/types"
import { stringify } from "csv-stringify"
import { z } from "zod"
import { ATHMOVIL_MODULE } from "../../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../../modules/athmovil/service"
import { LEDGER_KIND_FILTERS, type BooksRange } from "../../../../../modules/athmovil/utils/books-filter"
import { REFUND_SOURCES } from "../../../../../modules/athmovil/utils/refund-sql"
import { TRANSACTION_STATUSES } from "../../../../../modules/athmovil/utils/transaction-upsert-sql"
import {
  readReconciliationRun,
  RECONCILE_WORKFLOW_ID,
  type ReconciliationResult,
} from "../../../../../workflows/reconcile-report"
import { toPuertoRicoIso } from "../../../../../lib/athmovil/dates"
import { parseQuery } from "../../query"
import { AccountField, adminAccount, refundsAccountFilter } from "../../account"
import { parseBooksRange } from "../books-range"
import { BATCH, keyset, pump, type Rows } from "../stream-rows"

const TRANSACTION_COLUMNS = [
  { key: "date_pr", header: "date (AST)" },
  { key: "kind", header: "kind" },
  { key: "status", header: "status" },
  { key: "reference_number", header: "reference" },
  { key: "ecommerce_id", header: "ecommerce_id" },
  { key: "order_id", header: "order" },
  { key: "customer_name", header: "customer" },
  { key: "customer_phone", header: "phone" },
  { key: "customer_email", header: "email" },
  { key: "subtotal", header: "subtotal" },
  { key: "tax", header: "IVU" },
  { key: "total", header: "total" },
  { key: "fee", header: "fee" },
  { key: "net_amount", header: "net" },
  { key: "refunded_total", header: "refunded" },
]

const REFUND_COLUMNS = [
  { key: "date_pr", header: "date (AST)" },
  { key: "source", header: "source" },
  { key: "state", header: "status" },
  { key: "reference_number", header: "reference" },
  { key: "original_reference_number", header: "payment reference" },
  { key: "order_id", header: "order" },
  { key: "customer_name", header: "customer" },
  { key: "customer_phone", header: "phone" },
  { key: "customer_email", header: "email" },
  { key: "amount", header: "refunded" },
  { key: "message", header: "ATH message" },
  { key: "note", header: "note" },
  { key: "reason", header: "reason" },
]

const DIFFERENCE_COLUMNS = [
  { key: "date", header: "date (AST)" },
  { key: "category", header: "category" },
  { key: "kind", header: "kind" },
  { key: "reference_number", header: "reference" },
  { key: "order_id", header: "order" },
  { key: "customer_name", header: "customer" },
  { key: "ath_amount", header: "ATH amount" },
  { key: "medusa_amount", header: "Medusa amount" },
  { key: "message", header: "message" },
]

const Dates = { from: z.string().optional(), to: z.string().optional() }
const TransactionsQuery = z.object({
  ...Dates,
  ...AccountField,
  kind: z.enum(LEDGER_KIND_FILTERS as [string, ...string[]], { message: `kind must be one of ${LEDGER_KIND_FILTERS.join(", ")}` }).default("all"),
  status: z.enum(TRANSACTION_STATUSES as [string, ...string[]], { message: `status must be one of ${TRANSACTION_STATUSES.join(", ")}` }).optional(),
})
const RefundsQuery = z.object({
  ...Dates,
  ...AccountField,
  source: z.enum(REFUND_SOURCES, { message: `source must be one of ${REFUND_SOURCES.join(", ")}` }).optional(),
})
const DifferencesQuery = z.object({ ...Dates, run: z.string().regex(/^athrec_\w+$/, "run must be a reconciliation id").optional() })

function inRange(date: string | null, range: BooksRange): boolean {
  if (!date) return !range.from && !range.to
  const ms = Date.parse(date)
  return (!range.from || ms >= range.from.getTime()) && (!range.to || ms < range.to.getTime())
}

const prDate = (date: string | null) => {
  if (!date) return ""
  const ms = Date.parse(date)
  return Number.isNaN(ms) ? date : toPuertoRicoIso(ms).slice(0, 19).replace("T", " ")
}

/** The newest finished reconciliation (or the one asked for): its differences, then other ATH income apart. */
async function differences(req: MedusaRequest, run: string | undefined, range: BooksRange): Promise<Rows> {
  let id = run
  if (!id) {
    const engine = req.scope.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE)
    const [latest] = await engine.listWorkflowExecutions(
      { workflow_id: RECONCILE_WORKFLOW_ID, state: "done" } as never,
      { order: { created_at: "DESC" }, take: 1 }
    )
    id = latest?.transaction_id
  }
  const view = id ? await readReconciliationRun(req.scope, id) : null
  if (run && !view) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reconciliation ${run} was not found`)
  return differenceRows(view?.result ?? null, range)
}

async function* differenceRows(result: ReconciliationResult | null, range: BooksRange): Rows {
  if (!result) return
  for (const d of result.differences) {
    if (!inRange(d.date, range)) continue
    yield { ...d, date: prDate(d.date), category: "checkout" }
  }
  for (const o of result.other_income?.items ?? []) {
    if (!inRange(o.date, range)) continue
    yield {
      date: prDate(o.date),
      category: "other_income",
      kind: `${o.kind}${o.confirmed ? "" : " (not confirmed by ATH)"}`,
      reference_number: o.reference_number,
      order_id: "",
      customer_name: o.customer_name,
      ath_amount: o.total,
      medusa_amount: "",
      message: o.confirmed ? "Other ATH income: no order." : "Reported by a webhook; ATH's report does not list it.",
    }
  }
}

/**
 * The accountant's exports: transactions.csv, refunds.csv and differences.csv for a range of
 * Puerto Rico days (`from`/`to`, YYYY-MM-DD, `to` inclusive), dates in AST. Rows are read from
 * PostgreSQL in keyset batches and streamed through csv-stringify with backpressure, so memory
 * stays flat at any size; amounts are PostgreSQL's 2-decimal strings.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const file = req.params.file
  const athmovil = req.scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  let rows: Rows
  let columns: Array<{ key: string; header: string }>
  let range: BooksRange
  if (file === "transactions.csv") {
    const q = parseQuery(TransactionsQuery, req.query)
    range = parseBooksRange(q)
    // One account's books (the first account's by default), like the Transactions tab.
    const filter = { ...range, provider_id: adminAccount(req.scope, q.provider_id).providerId, kind: q.kind as never, status: q.status as never }
    rows = keyset((cursor) => athmovil.listLedgerBooksRows(filter, { cursor, limit: BATCH })) as Rows
    columns = TRANSACTION_COLUMNS
  } else if (file === "refunds.csv") {
    const q = parseQuery(RefundsQuery, req.query)
    range = parseBooksRange(q)
    const filter = { ...range, source: q.source, ...refundsAccountFilter(req.scope, q.provider_id) }
    rows = keyset((cursor) => athmovil.listBooksRefunds(filter, { cursor, limit: BATCH, direction: "asc" })) as unknown as Rows
    columns = REFUND_COLUMNS
  } else if (file === "differences.csv") {
    const q = parseQuery(DifferencesQuery, req.query)
    range = parseBooksRange(q)
    rows = await differences(req, q.run, range)
    columns = DIFFERENCE_COLUMNS
  } else {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No export named ${file}: use transactions.csv, refunds.csv or differences.csv`)
  }

  const day = (d: Date | undefined) => (d ? toPuertoRicoIso(d.getTime()).slice(0, 10) : "all")
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="athmovil-${file.replace(".csv", "")}-${day(range.from)}-${day(range.to ? new Date(range.to.getTime() - 1) : undefined)}.csv"`)
  res.setHeader("Cache-Control", "no-store")
  const csv = stringify({ header: true, columns, cast: { date: (d) => d.toISOString() } })
  csv.pipe(res)
  try {
    await pump(csv, rows)
    csv.end()
  } catch (e) {
    // Headers are out: cut the download short so it cannot pass for a complete file.
    req.scope
      .resolve<{ error(m: string): void }>(ContainerRegistrationKeys.LOGGER)
      .error(`ATH Móvil export ${file} failed: ${e instanceof Error ? e.message : String(e)}`)
    csv.destroy()
    res.destroy()
  }
}
