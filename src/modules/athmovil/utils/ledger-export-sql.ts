import type { AthTransactionStatus } from "../types"
import { amountSql, LEDGER_DATE_SQL, prDateSql, TRANSACTION_TABLE } from "./books-sql"
import { kindsOf, rangeConditions, where, type BooksCursor, type BooksRange, type LedgerKindFilter, type Where } from "./books-filter"

export interface LedgerBooksFilter extends BooksRange {
  /** One ATH Móvil account (`pp_athmovil_<id>`); absent: every account's rows. */
  provider_id?: string
  kind?: LedgerKindFilter
  status?: AthTransactionStatus
}

/** One ledger row as the accountant's transactions.csv (and the other-income lists) show it. */
export interface LedgerBooksRow {
  id: string
  cursor_date: string
  date: Date
  date_pr: string
  kind: string
  status: string
  reference_number: string | null
  ecommerce_id: string
  order_id: string | null
  payment_id: string | null
  customer_name: string | null
  customer_phone: string | null
  customer_email: string | null
  subtotal: string | null
  tax: string | null
  total: string
  fee: string | null
  net_amount: string | null
  refunded_total: string
}

export interface LedgerBooksTotals {
  count: number
  subtotal: string
  tax: string
  gross: string
  fees: string
  net: string
  refunded: string
}

const UTC_MICROS = `to_char(${LEDGER_DATE_SQL} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

const nullableAmount = (column: string) => `round(t."${column}", 2)::text`

function ledgerWhere(filter: LedgerBooksFilter, cursor: BooksCursor | null): Where {
  const kinds = kindsOf(filter.kind)
  return where([
    [`t.deleted_at IS NULL`],
    filter.provider_id ? [`t.provider_id = ?`, filter.provider_id] : null,
    kinds ? [`t.kind IN (${kinds.map(() => "?").join(", ")})`, ...kinds] : null,
    filter.status ? [`t.status = ?`, filter.status] : null,
    ...rangeConditions(LEDGER_DATE_SQL, filter),
    cursor ? [`(${LEDGER_DATE_SQL}, t.id) > (CAST(? AS timestamptz), ?)`, cursor.date, cursor.id] : null,
  ])
}

/** A keyset batch in date order (oldest first, as books are kept). */
export function ledgerPageSql(filter: LedgerBooksFilter, cursor: BooksCursor | null, limit: number): Where {
  const w = ledgerWhere(filter, cursor)
  return {
    sql: `
SELECT t.id, ${UTC_MICROS} AS cursor_date, ${LEDGER_DATE_SQL} AS date, ${prDateSql(LEDGER_DATE_SQL)} AS date_pr,
  t.kind, t.status, t.reference_number, t.ecommerce_id, t.order_id, t.payment_id,
  t.customer_name, t.customer_phone, t.customer_email,
  ${nullableAmount("subtotal")} AS subtotal, ${nullableAmount("tax")} AS tax,
  ${amountSql("t.total")} AS total, ${nullableAmount("fee")} AS fee, ${nullableAmount("net_amount")} AS net_amount,
  ${amountSql("t.refunded_total")} AS refunded_total
FROM "${TRANSACTION_TABLE}" AS t
WHERE ${w.sql}
ORDER BY ${LEDGER_DATE_SQL}, t.id
LIMIT ?`,
    bindings: [...w.bindings, limit],
  }
}

/**
 * Money of the completed rows the filter matches, added up by PostgreSQL: what ATH collected,
 * its fees, the net paid out, refunds, and the subtotal/IVU the receipts carried.
 */
export function ledgerTotalsSql(filter: LedgerBooksFilter): Where {
  const w = ledgerWhere({ ...filter, status: "COMPLETED" }, null)
  return {
    sql: `
SELECT count(*)::int AS count,
  ${amountSql("sum(t.subtotal)")} AS subtotal, ${amountSql("sum(t.tax)")} AS tax,
  ${amountSql("sum(t.total)")} AS gross, ${amountSql("sum(t.fee)")} AS fees,
  ${amountSql("sum(t.net_amount)")} AS net, ${amountSql("sum(t.refunded_total)")} AS refunded
FROM "${TRANSACTION_TABLE}" AS t
WHERE ${w.sql}`,
    bindings: w.bindings,
  }
}
