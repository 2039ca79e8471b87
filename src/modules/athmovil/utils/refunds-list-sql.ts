import type { BooksRefund, RefundSource } from "../admin-views"
import { amountSql, prDateSql, REFUND_DATE_SQL, REFUND_TABLE, TRANSACTION_TABLE } from "./books-sql"
import { rangeConditions, where, type BooksCursor, type BooksRange, type Where } from "./books-filter"

export interface RefundListFilter extends BooksRange {
  source?: RefundSource
  /** One ATH Móvil account's refunds (`pp_athmovil_<id>`); absent: every account's. */
  provider_id?: string
  /** With `provider_id`: also the refunds no ledger row ties to any account (the first account's list shows them). */
  with_unclaimed?: boolean
}

/**
 * A refund belongs to its payment's account: the ledger row it is tied to or, while it waits for
 * Medusa (no row yet), the row of the payment its ATH reference names. Each branch is an index
 * lookup (primary key, reference number).
 */
const BY_REFERENCE = `SELECT 1 FROM "${TRANSACTION_TABLE}" AS a WHERE a.reference_number = r.original_reference_number AND a.deleted_at IS NULL`
const ofAccount = (withUnclaimed: boolean) => `(
  (r.transaction_id IS NOT NULL AND EXISTS (SELECT 1 FROM "${TRANSACTION_TABLE}" AS a WHERE a.id = r.transaction_id AND a.provider_id = ?))
  OR (r.transaction_id IS NULL AND EXISTS (${BY_REFERENCE} AND a.provider_id = ?))${
    withUnclaimed ? `\n  OR (r.transaction_id IS NULL AND NOT EXISTS (${BY_REFERENCE}))` : ""
  })`

/** One refund across all payments (the Refunds tab's `BooksRefund`), with its keyset position. */
export interface RefundListRow extends BooksRefund {
  /** Full-precision keyset position. */
  cursor_date: string
}

const UTC_MICROS = (e: string) => `to_char(${e} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

function refundWhere(filter: RefundListFilter, cursor: BooksCursor | null, direction: "asc" | "desc"): Where {
  return where([
    [`r.deleted_at IS NULL`],
    ...rangeConditions(REFUND_DATE_SQL, filter),
    filter.source ? [`r.source = ?`, filter.source] : null,
    filter.provider_id ? [ofAccount(!!filter.with_unclaimed), filter.provider_id, filter.provider_id] : null,
    cursor
      ? [`(${REFUND_DATE_SQL}, r.id) ${direction === "desc" ? "<" : ">"} (CAST(? AS timestamptz), ?)`, cursor.date, cursor.id]
      : null,
  ])
}

/**
 * A keyset page of refunds by date (newest first for the tab, oldest first for the export),
 * read through the refund-date index. The customer is ATH's for the refund, else the payment's.
 */
export function refundPageSql(filter: RefundListFilter, cursor: BooksCursor | null, limit: number, direction: "asc" | "desc"): Where {
  const w = refundWhere(filter, cursor, direction)
  const order = direction === "desc" ? "DESC" : "ASC"
  return {
    sql: `
SELECT r.id, ${UTC_MICROS(REFUND_DATE_SQL)} AS cursor_date, ${REFUND_DATE_SQL} AS date, ${prDateSql(REFUND_DATE_SQL)} AS date_pr,
  ${amountSql("r.amount")} AS amount, r.source, r.state, r.reference_number,
  COALESCE(r.original_reference_number, t.reference_number) AS original_reference_number,
  r.message, r.note, r.reason, r.medusa_refund_id,
  COALESCE(r.customer_name, t.customer_name) AS customer_name,
  COALESCE(r.customer_phone, t.customer_phone) AS customer_phone,
  COALESCE(r.customer_email, t.customer_email) AS customer_email,
  r.transaction_id, t.ecommerce_id, t.payment_id, t.order_id, t.kind
FROM "${REFUND_TABLE}" AS r
LEFT JOIN "${TRANSACTION_TABLE}" AS t ON t.id = r.transaction_id AND t.deleted_at IS NULL
WHERE ${w.sql}
ORDER BY ${REFUND_DATE_SQL} ${order}, r.id ${order}
LIMIT ?`,
    bindings: [...w.bindings, limit],
  }
}

/** Count and sum of every refund the filter matches (not only the page). */
export function refundTotalsSql(filter: RefundListFilter): Where {
  const w = refundWhere(filter, null, "desc")
  return {
    sql: `
SELECT count(*)::int AS count, ${amountSql("sum(r.amount)")} AS amount
FROM "${REFUND_TABLE}" AS r
WHERE ${w.sql}`,
    bindings: w.bindings,
  }
}
