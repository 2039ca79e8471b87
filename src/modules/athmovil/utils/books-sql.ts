import { REFUND_TABLE } from "./refund-sql"
import { TRANSACTION_TABLE } from "./transaction-upsert-sql"

/**
 * The date the books file a ledger row under: when ATH completed it, else when the row was
 * written. Every books query (exports, other-income totals, customers) uses this one expression,
 * which is also what the (kind, date) index is built on.
 */
export const LEDGER_DATE_SQL = `COALESCE(t."transaction_date", t."created_at")`

/** A refund's date: ATH's, else when the plugin recorded it (the refund-date index's expression). */
export const REFUND_DATE_SQL = `COALESCE(r."refunded_at", r."created_at")`

/** A customer is their ATH phone number, digits only (the customer index's expression). */
export const PHONE_DIGITS_SQL = `regexp_replace(t."customer_phone", '\\D', '', 'g')`

/** Puerto Rico wall-clock time (AST, UTC−4 all year) as the accountant reads it. */
export function prDateSql(expression: string): string {
  return `to_char(${expression} AT TIME ZONE 'America/Puerto_Rico', 'YYYY-MM-DD HH24:MI:SS')`
}

/** A decimal column as a 2-decimal string, computed by PostgreSQL (never a JS number). */
export function amountSql(expression: string): string {
  return `round(COALESCE(${expression}, 0), 2)::text`
}

export { REFUND_TABLE, TRANSACTION_TABLE }
