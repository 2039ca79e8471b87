import type { AthTransactionKind, AthTransactionStatus } from "../types"
import { amountSql, LEDGER_DATE_SQL, PHONE_DIGITS_SQL, TRANSACTION_TABLE } from "./books-sql"
import { where, type Where } from "./books-filter"

/**
 * The admin's ATH ledger list (ATH Móvil page → Transactions) and its totals. Every statement is
 * bounded by an index (see Migration20261201120000), so the page costs the same at 10,000 rows
 * and at a million: rows come in date order straight off an index, the count stops at
 * COUNT_CAP, and totals are one PostgreSQL aggregate (never rows added up in JavaScript).
 */

/** The monthly rollup of completed ledger money, kept by triggers (Migration20261202100000). */
const LEDGER_MONTH_TABLE = "athmovil_ledger_month"

/** The count a page reports stops here: past it the admin narrows the dates instead of paging. */
export const COUNT_CAP = 10_000

/** Every kind the ledger holds: naming all three lets PostgreSQL range-scan (kind, date) indexes. */
const ALL_KINDS: readonly AthTransactionKind[] = ["ecommerce", "payment", "donation"]

/** Reference numbers and ecommerce ids also match by prefix from this many characters on. */
const PREFIX_MIN = 6

export interface LedgerListFilter {
  /** The ATH Móvil account (`pp_athmovil_<id>`): the admin lists one account at a time. */
  provider_id: string
  /** null: every kind. */
  kinds: readonly AthTransactionKind[] | null
  status?: AthTransactionStatus
  /** Instants on the ledger date (ATH's transaction date, else when the row was written); both inclusive. */
  from?: Date
  to?: Date
  payment_id?: string
  q?: string
}

const likePrefix = (value: string) => `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * What a search box entry matches, each branch on its own index (PostgreSQL ORs their bitmaps):
 * - a reference number or ecommerce id, whole or (from 6 characters) its beginning: what a merchant
 *   copies from the ATH Business app or a Medusa order;
 * - a phone: 4 digits are the last four (what receipts and the storefront show); 7 or more digits are
 *   the beginning of the number as ATH reports it, written any way ("(787) 555-1234" = "7875551234").
 * Prefix B-trees rather than trigrams: every entry above is a whole value or its start, the indexes stay
 * small and cheap for the webhook/poll upserts that rewrite ledger rows, and no extension is needed.
 */
function searchCondition(raw: string): [string, ...unknown[]] {
  const q = raw.trim()
  const branches: Array<[string, ...unknown[]]> = [
    [`t.reference_number = ?`, q],
    [`t.ecommerce_id = ?`, q],
  ]
  if (q.length >= PREFIX_MIN) {
    branches.push([`t.reference_number LIKE ?`, likePrefix(q)], [`t.ecommerce_id LIKE ?`, likePrefix(q)])
  }
  const digits = /^[\d\s()+.-]+$/.test(q) ? q.replace(/\D/g, "") : ""
  if (digits.length === 4) branches.push([`t.phone_last4 = ?`, digits])
  if (digits.length >= 7) {
    branches.push([`${PHONE_DIGITS_SQL} LIKE ? AND t.customer_phone IS NOT NULL`, likePrefix(digits)])
  }
  return [branches.map(([sql]) => `(${sql})`).join(" OR "), ...branches.flatMap(([, ...b]) => b)]
}

function listWhere(filter: LedgerListFilter, completedOnly: boolean): Where {
  const kinds = filter.kinds ?? ALL_KINDS
  return where([
    [`t.deleted_at IS NULL`],
    [`t.provider_id = ?`, filter.provider_id],
    [`t.kind IN (${kinds.map(() => "?").join(", ")})`, ...kinds],
    completedOnly ? [`t.status = 'COMPLETED'`] : filter.status ? [`t.status = ?`, filter.status] : null,
    filter.from ? [`${LEDGER_DATE_SQL} >= CAST(? AS timestamptz)`, filter.from.toISOString()] : null,
    filter.to ? [`${LEDGER_DATE_SQL} <= CAST(? AS timestamptz)`, filter.to.toISOString()] : null,
    filter.payment_id ? [`t.payment_id = ?`, filter.payment_id] : null,
    filter.q ? searchCondition(filter.q) : null,
  ])
}

const nullableAmount = (column: string) => `round(t."${column}", 2)::text AS ${column}`

/**
 * One page, newest first (date, then id, so equal dates keep a stable order). A search matches
 * few rows by construction (whole values, prefixes of 6+ characters, 4 or 7+ digits), so its
 * matches are gathered first through the search indexes and then sorted: left to itself, the
 * planner misjudges how rare a phone is and walks the whole date index looking for 20 of them
 * (4 s at 1M rows, see bench/RESULTS.md).
 */
export function ledgerListPageSql(filter: LedgerListFilter, limit: number, offset: number): Where {
  const w = listWhere(filter, false)
  const source = filter.q
    ? `(WITH matched AS MATERIALIZED (SELECT * FROM "${TRANSACTION_TABLE}" AS t WHERE ${w.sql}) SELECT * FROM matched)`
    : `"${TRANSACTION_TABLE}"`
  return {
    sql: `
SELECT t.id, t.ecommerce_id, t.kind, t.reference_number, t.daily_transaction_id, t.status,
  ${amountSql("t.total")} AS total, ${nullableAmount("subtotal")}, ${nullableAmount("tax")},
  ${nullableAmount("fee")}, ${nullableAmount("net_amount")}, ${amountSql("t.refunded_total")} AS refunded_total,
  t.currency_code, t.customer_name, t.customer_phone, t.customer_email, t.phone_last4, t.transaction_date,
  t.payment_session_id, t.payment_id, t.cart_id, t.order_id, t.expires_at, t.last_synced_at, t.last_synced_via,
  t.created_at, t.updated_at
FROM ${source} AS t
${filter.q ? "" : `WHERE ${w.sql}
`}ORDER BY ${LEDGER_DATE_SQL} DESC, t.id DESC
LIMIT ? OFFSET ?`,
    bindings: [...w.bindings, limit, offset],
  }
}

/** How many rows the filter matches, counted up to COUNT_CAP + 1 (so "more than the cap" is known). */
export function ledgerListCountSql(filter: LedgerListFilter): Where {
  const w = listWhere(filter, false)
  return {
    sql: `
SELECT count(*)::int AS count FROM (
  SELECT 1 FROM "${TRANSACTION_TABLE}" AS t WHERE ${w.sql} LIMIT ${COUNT_CAP + 1}
) AS matched`,
    bindings: w.bindings,
  }
}

/**
 * Money of every completed row the filter matches (not only the page), added up by PostgreSQL
 * in numeric: what ATH collected, its fees, the net paid out and what was refunded. A status
 * filter other than COMPLETED matches no completed row, so its totals are zero.
 */
export function ledgerListTotalsSql(filter: LedgerListFilter): Where {
  const none = filter.status && filter.status !== "COMPLETED" ? " AND FALSE" : ""
  if (!filter.from && !filter.to && !filter.payment_id && !filter.q) {
    // All time: the monthly rollup PostgreSQL keeps beside the ledger (Migration20261202100000),
    // ~36 rows a kind for three years, instead of every completed row.
    const kinds = filter.kinds ?? ALL_KINDS
    return {
      sql: `
SELECT COALESCE(sum(m."count"), 0)::int AS count,
  ${amountSql(`sum(m."gross")`)} AS gross, ${amountSql(`sum(m."fees")`)} AS fees,
  ${amountSql(`sum(m."net")`)} AS net, ${amountSql(`sum(m."refunded")`)} AS refunded
FROM "${LEDGER_MONTH_TABLE}" AS m
WHERE m."provider_id" = ? AND m."kind" IN (${kinds.map(() => "?").join(", ")})${none}`,
      bindings: [filter.provider_id, ...kinds],
    }
  }
  const w = listWhere(filter, true)
  return {
    sql: `
SELECT count(*)::int AS count,
  ${amountSql("sum(t.total)")} AS gross, ${amountSql("sum(t.fee)")} AS fees,
  ${amountSql("sum(t.net_amount)")} AS net, ${amountSql("sum(t.refunded_total)")} AS refunded
FROM "${TRANSACTION_TABLE}" AS t
WHERE ${w.sql}${none}`,
    bindings: w.bindings,
  }
}
