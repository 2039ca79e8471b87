import type { AthTransactionKind } from "../types"

/** What the admin filters by: a checkout, other ATH income (payment + donation), or one of those. */
export type LedgerKindFilter = AthTransactionKind | "other" | "all"

export const LEDGER_KIND_FILTERS: readonly LedgerKindFilter[] = ["ecommerce", "other", "payment", "donation", "all"]

/** The stored kinds one filter value selects; "other" is everything that is not a checkout. */
export function kindsOf(filter: LedgerKindFilter | undefined): AthTransactionKind[] | null {
  switch (filter ?? "all") {
    case "all":
      return null
    case "other":
      return ["payment", "donation"]
    default:
      return [filter as AthTransactionKind]
  }
}

/** A date range as instants: `from` inclusive, `to` exclusive. */
export interface BooksRange {
  from?: Date
  to?: Date
}

/** Keyset position: the last row's date (ISO) and id, in the order the page was read. */
export interface BooksCursor {
  date: string
  id: string
}

export interface Where {
  sql: string
  bindings: unknown[]
}

/** Joins conditions with AND; each condition brings its own bindings. */
export function where(conditions: Array<[string, ...unknown[]] | null | undefined | false>): Where {
  const kept = conditions.filter((c): c is [string, ...unknown[]] => !!c)
  return {
    sql: kept.length ? kept.map(([sql]) => `(${sql})`).join(" AND ") : "TRUE",
    bindings: kept.flatMap(([, ...b]) => b),
  }
}

export function rangeConditions(dateSql: string, range: BooksRange): Array<[string, ...unknown[]] | null> {
  return [
    range.from ? [`${dateSql} >= CAST(? AS timestamptz)`, range.from.toISOString()] : null,
    range.to ? [`${dateSql} < CAST(? AS timestamptz)`, range.to.toISOString()] : null,
  ]
}

/** Encodes a cursor for a query string; decoding refuses anything that is not one. */
export function encodeCursor(cursor: BooksCursor | null): string | null {
  return cursor ? Buffer.from(JSON.stringify([cursor.date, cursor.id])).toString("base64url") : null
}

export function decodeCursor(value: string | undefined | null): BooksCursor | null | "invalid" {
  if (!value) return null
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"))
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === "string" &&
      !Number.isNaN(Date.parse(parsed[0])) &&
      typeof parsed[1] === "string" &&
      parsed[1].length <= 64
    ) {
      return { date: parsed[0], id: parsed[1] }
    }
  } catch {
    // fall through
  }
  return "invalid"
}
