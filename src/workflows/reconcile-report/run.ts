import { announceReconciliation } from "./announce"
import { computeDifferences } from "./differences"
import { fetchReport } from "./fetch-report"
import { summariseOtherIncome } from "./other-income-sync"
import { syncLedgerFromReport } from "./sync-ledger"
import { syncRefundsFromReport } from "./sync-refunds"
import type {
  Container,
  FetchedReport,
  LedgerPhaseResult,
  ProgressListener,
  ReconcileRange,
  ReconciliationResult,
  RefundsPhaseResult,
} from "./types"

/** The run's figures, from what each phase returned (shared by the direct run and the workflow). */
export function summarise(
  range: ReconcileRange,
  report: FetchedReport,
  ledger: LedgerPhaseResult,
  refunds: RefundsPhaseResult,
  compared: { differences: ReconciliationResult["differences"]; checked_payments: number },
  otherIncome?: ReconciliationResult["other_income"]
): ReconciliationResult {
  const count = (type: string) => report.rows.filter((r) => r.type === type).length
  return {
    provider_id: report.provider_id,
    range: { from: range.from, to: range.to },
    report: {
      windows: report.windows,
      rows: report.rows.length,
      payments: count("ECOMMERCE"),
      refunds: count("REFUND"),
      other: count("OTHER"),
    },
    ledger: { matched: ledger.matched.length, inserted: ledger.inserted, updated: ledger.updated, unchanged: ledger.unchanged },
    refunds: { known: refunds.known, confirmed: refunds.confirmed, recorded: refunds.recorded, unmatched: refunds.unmatched.length },
    checked_payments: compared.checked_payments,
    differences: compared.differences,
    ...(otherIncome ? { other_income: otherIncome } : {}),
  }
}

/**
 * One reconciliation, in this process, phase after phase (the daily job and the CLI script).
 * The admin runs the same phases through `reconcileReportWorkflow` so its progress and result
 * are kept by the workflow engine. Re-running over the same range writes nothing new.
 */
export async function runReportReconciliation(
  container: Container,
  range: ReconcileRange,
  { onProgress }: { onProgress?: ProgressListener } = {}
): Promise<ReconciliationResult> {
  onProgress?.({ phase: "report", done: 0, total: 1 })
  const report = await fetchReport(container, range, (done, total) => onProgress?.({ phase: "report", done, total }))
  onProgress?.({ phase: "ledger", done: 0, total: 1 })
  const ledger = await syncLedgerFromReport(container, report)
  onProgress?.({ phase: "refunds", done: 0, total: 1 })
  const refunds = await syncRefundsFromReport(container, report, ledger)
  onProgress?.({ phase: "compare", done: 0, total: 1 })
  const compared = await computeDifferences(container, range, ledger, refunds)
  const otherIncome = await summariseOtherIncome(container, range)
  onProgress?.({ phase: "compare", done: 1, total: 1 })
  const result = summarise(range, report, ledger, refunds, compared, otherIncome)
  await announceReconciliation(container, null, result)
  return result
}
