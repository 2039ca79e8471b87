import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import type { AthTransactionStatus, UpsertTransactionInput } from "../types"
import { toAmountColumns } from "./amounts"

/**
 * SQL for the guarded ledger upsert. The rules live in SQL, not in JS, so two
 * writers racing on one `ecommerce_id` (webhook vs. poll vs. report) cannot
 * undo each other:
 * - `status` only moves forward (OPEN < CONFIRM < CANCEL/EXPIRED < COMPLETED);
 *   COMPLETED is terminal because ATH has moved the money. CANCEL and EXPIRED are
 *   both final: ATH's REST answers show either as CANCEL, so the plugin tells
 *   them apart by the clock when it first sees the ticket closed, and only ATH's
 *   own notice (a webhook write) may later turn one into the other.
 * - `refunded_total` only grows.
 * - a row whose business fields would not change is left untouched (not even
 *   `updated_at`), which is what makes a re-run of a report sync a no-op.
 */

export const TRANSACTION_TABLE = "athmovil_transaction"

export const TRANSACTION_STATUSES: readonly AthTransactionStatus[] = [
  "OPEN",
  "CONFIRM",
  "COMPLETED",
  "CANCEL",
  "EXPIRED",
]

const SYNC_SOURCES = ["medusa", "webhook", "report", "poll"]

const TRANSACTION_KINDS = ["ecommerce", "payment", "donation"]

type ColumnKind = "text" | "timestamptz" | "amount" | "json"

type LedgerField = Exclude<keyof UpsertTransactionInput, "ecommerce_id">

const FIELD_KINDS: Record<LedgerField, ColumnKind> = {
  provider_id: "text",
  kind: "text",
  reference_number: "text",
  daily_transaction_id: "text",
  status: "text",
  total: "amount",
  fee: "amount",
  net_amount: "amount",
  refunded_total: "amount",
  subtotal: "amount",
  tax: "amount",
  items: "json",
  message: "text",
  business_customer_id: "text",
  phone_last4: "text",
  currency_code: "text",
  customer_name: "text",
  customer_phone: "text",
  customer_email: "text",
  metadata1: "text",
  metadata2: "text",
  transaction_date: "timestamptz",
  payment_session_id: "text",
  payment_id: "text",
  cart_id: "text",
  order_id: "text",
  expires_at: "timestamptz",
  last_synced_at: "timestamptz",
  last_synced_via: "text",
}

/** Written alongside a real change but never count as one on their own. */
const BOOKKEEPING_FIELDS = new Set<string>(["last_synced_at", "last_synced_via"])

/** Columns that cannot be NULL, so `null` input is refused instead of failing in SQL. */
const NOT_NULL_FIELDS = new Set<string>(["provider_id", "kind", "status", "total", "refunded_total", "currency_code"])

interface PhysicalColumn {
  name: string
  sqlType: "text" | "timestamptz" | "numeric" | "jsonb"
  field: string
}

/** A validated input row: physical column name -> value to bind. */
export interface PreparedRow {
  ecommerce_id: string
  values: Record<string, unknown>
  /** Sorted provided fields; rows with the same signature share one statement. */
  signature: string
  fields: LedgerField[]
}

export interface SqlStatement {
  sql: string
  bindings: unknown[]
}

export function prepareTransactionRow(input: UpsertTransactionInput): PreparedRow {
  if (typeof input.ecommerce_id !== "string" || !input.ecommerce_id.trim()) {
    throw invalid("ecommerce_id is required")
  }
  const values: Record<string, unknown> = {}
  const fields = (Object.keys(FIELD_KINDS) as LedgerField[]).filter(
    (field) => input[field] !== undefined
  )
  for (const field of fields) {
    const value = input[field]
    if (value === null) {
      if (NOT_NULL_FIELDS.has(field)) {
        throw invalid(`${field} cannot be null`)
      }
      values[field] = null
      if (FIELD_KINDS[field] === "amount") {
        values[`raw_${field}`] = null
      }
      continue
    }
    if (field === "status" && !TRANSACTION_STATUSES.includes(value as AthTransactionStatus)) {
      throw invalid(`status must be one of ${TRANSACTION_STATUSES.join(", ")}`)
    }
    if (field === "kind" && !TRANSACTION_KINDS.includes(value as string)) {
      throw invalid(`kind must be one of ${TRANSACTION_KINDS.join(", ")}`)
    }
    if (field === "last_synced_via" && !SYNC_SOURCES.includes(value as string)) {
      throw invalid(`last_synced_via must be one of ${SYNC_SOURCES.join(", ")}`)
    }
    if (FIELD_KINDS[field] === "amount") {
      const amount = toAmountColumns(value as Parameters<typeof toAmountColumns>[0], field)
      values[field] = amount.numeric
      values[`raw_${field}`] = amount.raw
    } else if (FIELD_KINDS[field] === "timestamptz") {
      values[field] = toDate(value as Date | string, field)
    } else if (FIELD_KINDS[field] === "json") {
      if (!Array.isArray(value)) throw invalid(`${field} must be a list`)
      values[field] = JSON.stringify(value)
    } else {
      values[field] = String(value)
    }
  }
  return { ecommerce_id: input.ecommerce_id, values, fields, signature: fields.join(",") }
}

/**
 * INSERT … ON CONFLICT (ecommerce_id) DO UPDATE for rows sharing one
 * signature. Returns one row per inserted or changed ledger row with
 * `inserted` = (xmax = 0); unchanged rows are not returned.
 */
export function buildUpsertStatement(rows: PreparedRow[]): SqlStatement {
  const columns = physicalColumns(rows[0].fields)
  const insertColumns = ["id", "ecommerce_id", ...columns.map((c) => c.name)]
  const placeholders = `(?, ?, ${columns.map((c) => cast(c.sqlType)).join(", ")})`
  const bindings: unknown[] = []
  for (const row of rows) {
    bindings.push(generateEntityId(undefined, "athtx"), row.ecommerce_id)
    for (const column of columns) {
      bindings.push(row.values[column.name])
    }
  }
  const sql = `
INSERT INTO "${TRANSACTION_TABLE}" AS t (${insertColumns.map(quote).join(", ")})
VALUES ${rows.map(() => placeholders).join(", ")}
ON CONFLICT ("ecommerce_id") WHERE deleted_at IS NULL DO UPDATE
SET ${assignments(columns, "excluded")}
WHERE ${changedCondition(columns, "excluded")}
RETURNING t.id, (t.xmax = 0) AS inserted`
  return { sql, bindings }
}

/** Whether the input can create its row (a new row needs status and total). */
export function canCreateRow(row: PreparedRow): boolean {
  return row.fields.includes("status") && row.fields.includes("total")
}

/**
 * The one guarded upsert of one ledger row, on any knex-like connection: the module service
 * runs it on its own manager, the payment provider (whose container holds no athmovil module)
 * on the shared pg connection, so both write with the same statement and the same rules.
 */
export async function runTransactionUpsert(
  knex: { raw(sql: string, bindings: unknown[]): PromiseLike<unknown> },
  input: UpsertTransactionInput
): Promise<PreparedRow> {
  const row = prepareTransactionRow(input)
  const statement = canCreateRow(row) ? buildUpsertStatement([row]) : buildUpdateStatement(row)
  await knex.raw(statement.sql, statement.bindings)
  return row
}

/** The same guarded update for one existing row, when the input cannot create one. */
function buildUpdateStatement(row: PreparedRow): SqlStatement {
  const columns = physicalColumns(row.fields)
  const source = [
    `CAST(? AS text) AS "ecommerce_id"`,
    ...columns.map((c) => `${cast(c.sqlType)} AS ${quote(c.name)}`),
  ]
  const bindings = [row.ecommerce_id, ...columns.map((c) => row.values[c.name])]
  const sql = `
WITH v AS (SELECT ${source.join(", ")})
UPDATE "${TRANSACTION_TABLE}" AS t
SET ${assignments(columns, "v")}
FROM v
WHERE t.ecommerce_id = v.ecommerce_id AND t.deleted_at IS NULL
  AND ${changedCondition(columns, "v")}
RETURNING t.id`
  return { sql, bindings }
}

function physicalColumns(fields: LedgerField[]): PhysicalColumn[] {
  return fields.flatMap((field): PhysicalColumn[] => {
    const kind = FIELD_KINDS[field]
    if (kind === "amount") {
      return [
        { name: field, sqlType: "numeric", field },
        { name: `raw_${field}`, sqlType: "jsonb", field },
      ]
    }
    return [{ name: field, sqlType: kind === "json" ? "jsonb" : kind, field }]
  })
}

/** The value a column takes after the upsert, given the incoming row alias. */
function nextValue(column: PhysicalColumn, source: string, columns: PhysicalColumn[]): string {
  const incoming = `${source}.${quote(column.name)}`
  switch (column.name) {
    case "status": {
      // Same rank, other status (CANCEL vs EXPIRED): only ATH's own notice may reclassify.
      const fromWebhook = columns.some((c) => c.name === "last_synced_via")
        ? `${source}."last_synced_via" = 'webhook'`
        : "FALSE"
      return `CASE WHEN ${statusRank(incoming)} > ${statusRank("t.status")} OR ${incoming} = t.status OR (${statusRank(incoming)} = ${statusRank("t.status")} AND ${fromWebhook}) THEN ${incoming} ELSE t.status END`
    }
    case "kind":
    case "provider_id":
      // Fixed when the row is created: a checkout never turns into other income or back, nor
      // moves to another ATH account (ticket ids are the account's).
      return `t.${quote(column.name)}`
    case "refunded_total":
      return `GREATEST(t.refunded_total, ${incoming})`
    case "raw_refunded_total":
      return `CASE WHEN ${source}.refunded_total > t.refunded_total THEN ${incoming} ELSE t.raw_refunded_total END`
    default:
      return incoming
  }
}

function assignments(columns: PhysicalColumn[], source: string): string {
  return [
    ...columns.map((c) => `${quote(c.name)} = ${nextValue(c, source, columns)}`),
    `"updated_at" = now()`,
  ].join(", ")
}

function changedCondition(columns: PhysicalColumn[], source: string): string {
  const business = columns.filter((c) => !BOOKKEEPING_FIELDS.has(c.field))
  if (!business.length) {
    // Only sync bookkeeping was sent: the caller explicitly wants it recorded.
    return "TRUE"
  }
  const current = business.map((c) => `t.${quote(c.name)}`).join(", ")
  const next = business.map((c) => nextValue(c, source, columns)).join(", ")
  return `ROW(${current}) IS DISTINCT FROM ROW(${next})`
}

function statusRank(expression: string): string {
  return `(CASE ${expression} WHEN 'COMPLETED' THEN 4 WHEN 'CANCEL' THEN 3 WHEN 'EXPIRED' THEN 3 WHEN 'CONFIRM' THEN 2 WHEN 'OPEN' THEN 1 ELSE 0 END)`
}

function cast(sqlType: PhysicalColumn["sqlType"]): string {
  return `CAST(? AS ${sqlType})`
}

function quote(identifier: string): string {
  return `"${identifier}"`
}

function toDate(value: Date | string, field: string): Date {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) {
    throw invalid(`${field} must be a valid date`)
  }
  return date
}

function invalid(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

/**
 * Splits rows into statements: at most `size` rows each, one signature per
 * statement, and never the same ecommerce_id twice in one statement
 * (PostgreSQL refuses "ON CONFLICT DO UPDATE … affect row a second time").
 * Repeats go to a later round so they are applied in input order.
 */
export function planUpsertBatches(rows: PreparedRow[], size: number): PreparedRow[][] {
  const seen = new Map<string, number>()
  const rounds: Map<string, PreparedRow[]>[] = []
  for (const row of rows) {
    const round = seen.get(row.ecommerce_id) ?? 0
    seen.set(row.ecommerce_id, round + 1)
    rounds[round] ??= new Map()
    const group = rounds[round].get(row.signature) ?? []
    group.push(row)
    rounds[round].set(row.signature, group)
  }
  const batches: PreparedRow[][] = []
  for (const round of rounds) {
    for (const group of round.values()) {
      for (let i = 0; i < group.length; i += size) {
        batches.push(group.slice(i, i + size))
      }
    }
  }
  return batches
}
