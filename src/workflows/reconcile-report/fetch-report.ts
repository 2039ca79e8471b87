import type { AthReportRow } from "../../lib/athmovil"
import { resolveAthMovil } from "../../providers/athmovil/container"
import type { Container, FetchedReport, ReconcileRange, ReportRowLite } from "./types"

function rowType(transactionType: string): ReportRowLite["type"] {
  // The client upper-cases transactionType, so "eCommerce" (django-athm's data) and "ECOMMERCE" (the docs) meet here.
  if (transactionType === "ECOMMERCE") return "ECOMMERCE"
  if (transactionType === "REFUND") return "REFUND"
  return "OTHER"
}

/** Keeps what reconciliation uses; items and tax are dropped so a stored run stays small. */
function liteRow(row: AthReportRow): ReportRowLite {
  return {
    type: rowType(row.transactionType),
    transaction_type: row.transactionType.toUpperCase(),
    status: row.status,
    reference_number: row.referenceNumber,
    date: row.date,
    daily_transaction_id: row.dailyTransactionId,
    name: row.name,
    phone: row.phoneNumber,
    email: row.email,
    message: row.message,
    total: row.total,
    fee: row.fee,
    net_amount: row.netAmount,
    refunded_total: row.totalRefundedAmount,
    metadata1: row.metadata1,
  }
}

/**
 * One day per report request: a busy store's day is a few thousand rows, so ATH's answer (parsed
 * JSON, then validated) stays a few MB, where a month in one answer held ~400 MB at 50,000 rows.
 */
const REPORT_WINDOW_DAYS = 1

/**
 * ATH's transaction report for the range, one day at a time, each day's rows cut down to what
 * reconciliation uses before the next is fetched. The client treats an empty window
 * (BTRA_0022/0046) as no rows, drops rows two windows both list, and normalises the report's
 * quirks (`totalRefundAmount`, `eCommerce`, "2021-07-08 00:36:39.0" dates, integer daily ids).
 */
export async function fetchReport(
  container: Container,
  range: ReconcileRange,
  onWindow?: (done: number, total: number) => void
): Promise<FetchedReport> {
  const { client, providerId } = resolveAthMovil(container, range.provider_id)
  let windows = 0
  const rows: ReportRowLite[] = []
  for await (const window of client.transactionReportWindows({
    from: new Date(range.fromMs),
    to: new Date(range.toMs),
    maxDaysPerWindow: REPORT_WINDOW_DAYS,
  })) {
    windows = window.total
    // Only completed money movements reconcile; anything else ATH lists is informational.
    for (const row of window.rows) {
      const lite = liteRow(row)
      if (lite.type === "OTHER" || lite.status === "COMPLETED") rows.push(lite)
    }
    onWindow?.(window.done, window.total)
  }
  return { provider_id: providerId, windows, rows }
}
