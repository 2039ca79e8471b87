import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { UpsertTransactionRow } from "../../modules/athmovil/types"
import { resolveAthMovil } from "../../providers/athmovil/container"
import { otherIncomeFromReport, otherIncomeRow } from "./other-income"
import type { Container, FetchedReport, LedgerPhaseResult, OtherIncomeItem, OtherIncomeSummary, ReconcileRange } from "./types"

/** Rows reconciliation lists by name; the totals always cover every row. */
const MAX_LISTED = 500

/**
 * The report's completed PAYMENT and DONATION rows become (or confirm) other-ATH-income ledger
 * rows: ATH's report is its own word, so they count from here on.
 */
export async function syncOtherIncomeFromReport(
  container: Container,
  report: FetchedReport
): Promise<NonNullable<LedgerPhaseResult["other_income"]>> {
  const rows: UpsertTransactionRow[] = []
  for (const r of report.rows) {
    if (r.status !== "COMPLETED") continue
    const fact = otherIncomeFromReport({
      transactionType: r.transaction_type,
      referenceNumber: r.reference_number,
      total: r.total,
      fee: r.fee,
      netAmount: r.net_amount,
      totalRefundedAmount: r.refunded_total,
      date: r.date,
      dailyTransactionId: r.daily_transaction_id,
      name: r.name,
      phoneNumber: r.phone,
      email: r.email,
      metadata1: r.metadata1,
    })
    if (fact) rows.push(otherIncomeRow(fact, true, "report", report.provider_id))
  }
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const written = rows.length ? await athmovil.upsertTransactions(rows) : { inserted: 0, updated: 0, unchanged: 0 }
  return written
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

/**
 * Other ATH income of the range as the ledger now holds it: PostgreSQL's totals of what ATH
 * confirmed, and the rows (confirmed, and webhook-only ones ATH has not listed) in date order.
 */
export async function summariseOtherIncome(container: Container, range: ReconcileRange): Promise<OtherIncomeSummary> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  // The reconciled account's income only.
  const filter = {
    provider_id: resolveAthMovil(container, range.provider_id).providerId,
    kind: "other" as const,
    from: new Date(range.fromMs),
    to: new Date(range.toMs + 1000),
  }
  const [totals, rows] = await Promise.all([
    athmovil.ledgerBooksTotals(filter),
    athmovil.listLedgerBooksRows(filter, { cursor: null, limit: MAX_LISTED + 1 }),
  ])
  const items: OtherIncomeItem[] = rows
    .filter((r) => r.status === "COMPLETED" || r.status === "OPEN")
    .slice(0, MAX_LISTED)
    .map((r) => ({
      kind: r.kind as OtherIncomeItem["kind"],
      reference_number: r.reference_number,
      total: r.total,
      fee: r.fee,
      net_amount: r.net_amount,
      date: iso(r.date),
      customer_name: r.customer_name,
      confirmed: r.status === "COMPLETED",
    }))
  return {
    count: totals.count,
    gross: totals.gross,
    fees: totals.fees,
    net: totals.net,
    unconfirmed: items.filter((i) => !i.confirmed).length,
    items,
    truncated: rows.length > MAX_LISTED,
  }
}
