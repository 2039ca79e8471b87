/**
 * The legacy v4 "Services" of the www host: transaction report and search.
 * Both list COMPLETED eCommerce payments, refunds, and the app's "Pay a
 * Business" payments and donations; OPEN or cancelled tickets never reached
 * the ledger these services read.
 */
import { appTransactionRow, paymentRow, refundRow, type RowFlavour, type TransactionRowSource } from "./api-shapes"
import type { AppTransactionStore } from "./app-transactions"
import { formatPhone } from "./customers"
import { ApiError } from "./errors"
import type { Merchant } from "./merchants"
import { parseAmount } from "./money"
import { parsePrDateTime } from "./pr-time"
import type { Shapes } from "./shapes"
import type { TicketStore } from "./tickets"
import type { JsonObject } from "./validation"

const DAY_MS = 86_400_000

/** Dates have whole-second precision in every ATH format, so range checks compare seconds too. */
const toSecond = (ms: number) => ms - (ms % 1000)

/** What the v4 services read: the tickets' ledger and the app's own transactions. */
export interface ReportLedger {
  store: TicketStore
  appTransactions: AppTransactionStore
}

function rows({ store, appTransactions }: ReportLedger, merchant: Merchant, flavour: RowFlavour, fromMs: number, toMs: number): TransactionRowSource[] {
  const out: TransactionRowSource[] = []
  for (const t of store.completedPayments(merchant)) {
    const at = toSecond(t.completedAtMs as number)
    if (at >= fromMs && at <= toMs) out.push(paymentRow(t, flavour))
  }
  for (const r of store.refunds(merchant)) {
    const at = toSecond(r.atMs)
    if (at >= fromMs && at <= toMs) out.push(refundRow(r, flavour))
  }
  for (const a of appTransactions.list(merchant)) {
    const at = toSecond(a.atMs)
    if (at >= fromMs && at <= toMs) out.push(appTransactionRow(a, flavour))
  }
  // Newest first, as in the documented example.
  return out.sort((a, b) => b.sortMs - a.sortMs)
}

/**
 * GET /transactions/v4/transactionReport. An empty range answers BTRA_0046
 * rather than `[]`: the code exists for exactly that case.
 */
export function transactionReport(
  shapes: Shapes,
  ledger: ReportLedger,
  merchant: Merchant,
  body: JsonObject,
  nowMs: number,
  maxDays: number,
): unknown[] {
  const fromMs = parsePrDateTime(body.fromDate)
  if (fromMs === null) throw new ApiError("BTRA_0023", `Error with the From date: expected "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(body.fromDate ?? null)}`)
  const toMs = parsePrDateTime(body.toDate)
  if (toMs === null) throw new ApiError("BTRA_0024", `Error with the To date: expected "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(body.toDate ?? null)}`)
  if (fromMs > toSecond(nowMs)) throw new ApiError("BTRA_0047")
  if (toMs > toSecond(nowMs)) throw new ApiError("BTRA_0048")
  if (fromMs > toMs) throw new ApiError("BTRA_0025")
  if (toMs - fromMs > maxDays * DAY_MS) {
    throw new ApiError("BTRA_0026", `The difference between dates must be lower than ${maxDays} days`)
  }
  const found = rows(ledger, merchant, "report", fromMs, toMs)
  if (found.length === 0) throw new ApiError("BTRA_0046")
  return found.map((r) => r.render(shapes))
}

const SEARCH_FIELDS = ["referenceNumber", "dailyTransactionID", "name", "phoneNumber", "email", "total", "metadata1", "metadata2"] as const

type Matcher = (row: TransactionRowSource) => boolean

function matcher(field: (typeof SEARCH_FIELDS)[number], wanted: unknown): Matcher {
  if (field === "total") {
    const parsed = parseAmount(wanted)
    if (!parsed.ok) throw new ApiError("BTRA_0006", "Invalid format: total must be a decimal amount")
    return (row) => row.totalCents === parsed.cents
  }
  if (field === "dailyTransactionID") {
    const id = Number(wanted)
    if (!Number.isInteger(id)) throw new ApiError("BTRA_0006", "Invalid format: dailyTransactionID must be a number")
    return (row) => row.keys.dailyId === id
  }
  if (typeof wanted !== "string") throw new ApiError("BTRA_0006", `Invalid format: ${field} must be a string`)
  if (field === "phoneNumber") return (row) => formatPhone(row.keys.phone) === wanted
  return (row) => row.keys[field] === wanted
}

/**
 * POST /api/v4/searchTransaction: exact match on every given field. One
 * match → bare object, several → array; zero → `[]` (undocumented; an empty
 * list is the least surprising extension of "a list when several match").
 */
export function searchTransactions(shapes: Shapes, ledger: ReportLedger, merchant: Merchant, body: JsonObject): unknown {
  const matchers = SEARCH_FIELDS.filter((f) => body[f] !== undefined && body[f] !== null && body[f] !== "").map((f) =>
    matcher(f, body[f]),
  )
  if (matchers.length === 0) {
    throw new ApiError("BTRA_0006", `Invalid format: give at least one of ${SEARCH_FIELDS.join(", ")}`)
  }
  const found = rows(ledger, merchant, "search", -Infinity, Infinity)
    .filter((row) => matchers.every((m) => m(row)))
    .map((row) => row.render(shapes))
  return found.length === 1 ? found[0] : found
}
