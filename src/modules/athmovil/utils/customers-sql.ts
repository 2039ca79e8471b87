import { amountSql, LEDGER_DATE_SQL, PHONE_DIGITS_SQL, TRANSACTION_TABLE } from "./books-sql"
import { where } from "./books-filter"

export interface CustomerFilter {
  /** One ATH Móvil account's customers (`pp_athmovil_<id>`); absent: every account's. */
  provider_id?: string
  /** Digits: a phone prefix. Anything else: part of the name or e-mail. */
  q?: string
  /** Phone digits of the last row of the previous page. */
  after?: string
}

/** The smallest digit string above every string starting with `prefix` (null: none). */
export function prefixUpperBound(prefix: string): string | null {
  const digits = prefix.split("")
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] !== "9") {
      digits[i] = String(Number(digits[i]) + 1)
      return digits.slice(0, i + 1).join("")
    }
  }
  return null
}

/**
 * Customers in phone order, grouped by PostgreSQL. The customer index is read in phone order, so
 * a page stops after `limit` groups instead of grouping the whole ledger; a phone prefix narrows
 * the index range. A name/e-mail search keeps whole groups (HAVING), so totals stay complete.
 */
export function customerPageSql(filter: CustomerFilter, limit: number) {
  const q = filter.q?.trim() ?? ""
  const digits = /^[\d\s()+-]+$/.test(q) ? q.replace(/\D/g, "") : ""
  const upper = digits ? prefixUpperBound(digits) : null
  const text = q && !digits ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  const w = where([
    [`t.deleted_at IS NULL AND t.status = 'COMPLETED' AND t.customer_phone IS NOT NULL`],
    filter.provider_id ? [`t.provider_id = ?`, filter.provider_id] : null,
    filter.after ? [`${PHONE_DIGITS_SQL} > ?`, filter.after] : null,
    digits ? [`${PHONE_DIGITS_SQL} >= ?`, digits] : null,
    upper ? [`${PHONE_DIGITS_SQL} < ?`, upper] : null,
  ])
  const having = text
    ? { sql: `AND bool_or(t.customer_name ILIKE ? OR t.customer_email ILIKE ?)`, bindings: [text, text] }
    : { sql: "", bindings: [] as unknown[] }
  const latest = (column: string) =>
    `(array_agg(t.${column} ORDER BY ${LEDGER_DATE_SQL} DESC) FILTER (WHERE COALESCE(t.${column}, '') <> ''))[1]`
  return {
    sql: `
SELECT ${PHONE_DIGITS_SQL} AS phone,
  ${latest("customer_name")} AS name,
  ${latest("customer_email")} AS email,
  count(*)::int AS payment_count,
  ${amountSql("sum(t.total)")} AS total_paid,
  ${amountSql("sum(t.refunded_total)")} AS total_refunded,
  min(${LEDGER_DATE_SQL}) AS first_payment_at,
  max(${LEDGER_DATE_SQL}) AS last_payment_at
FROM "${TRANSACTION_TABLE}" AS t
WHERE ${w.sql}
GROUP BY ${PHONE_DIGITS_SQL}
HAVING ${PHONE_DIGITS_SQL} <> '' ${having.sql}
ORDER BY ${PHONE_DIGITS_SQL}
LIMIT ?`,
    bindings: [...w.bindings, ...having.bindings, limit],
  }
}

/**
 * The ids of one customer's completed payments (phone digits exactly), newest first. The customer
 * index answers the equality, so reconciliation can look a refund's customer up in a ledger of any
 * size (a suffix LIKE on the phone read the whole table once per refund). The customer's rows are
 * found first (MATERIALIZED) and then sorted: otherwise the planner may walk the date index
 * backwards and filter the whole ledger for a phone it expects to be rare.
 */
export function customerPaymentIdsSql(phoneDigits: string, limit: number) {
  return {
    sql: `
WITH customer AS MATERIALIZED (
  SELECT t.id, ${LEDGER_DATE_SQL} AS date
  FROM "${TRANSACTION_TABLE}" AS t
  WHERE t.deleted_at IS NULL AND t.status = 'COMPLETED' AND t.customer_phone IS NOT NULL
    AND ${PHONE_DIGITS_SQL} = ?
)
SELECT id FROM customer ORDER BY date DESC, id DESC LIMIT ?`,
    bindings: [phoneDigits, limit],
  }
}
