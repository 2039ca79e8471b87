import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { announceReconciliation } from "./announce"
import { computeDifferences } from "./differences"
import { fetchReport } from "./fetch-report"
import { summariseOtherIncome } from "./other-income-sync"
import { summarise } from "./run"
import { syncLedgerFromReport } from "./sync-ledger"
import { syncRefundsFromReport } from "./sync-refunds"
import type {
  FetchedReport,
  LedgerPhaseResult,
  ReconcilePhase,
  ReconcileRange,
  ReconciliationResult,
  RefundsPhaseResult,
} from "./types"

export const RECONCILE_WORKFLOW_ID = "athmovil-reconcile-report"

/** A finished run's result stays readable for a week (GET /admin/athmovil/reconciliation/:id). */
const RETENTION_SECONDS = 7 * 24 * 3600

/** Step id → phase; the status reader uses the same names. */
export const RECONCILE_STEP_IDS: Record<ReconcilePhase, string> = {
  report: "athmovil-reconcile-report-fetch",
  ledger: "athmovil-reconcile-report-ledger",
  refunds: "athmovil-reconcile-report-refunds",
  compare: "athmovil-reconcile-report-compare",
}

/*
 * Every step is async with background execution: `run()` returns as soon as the run is stored,
 * the phases continue on their own, and the engine checkpoints each finished phase in the
 * database, so any instance can answer "how far is it" and "what did it find". No compensation:
 * each phase's writes are idempotent, so a failed run is simply run again.
 */
const phase = (name: string) => ({ name, async: true, store: true, maxRetries: 0 })

const fetchStep = createStep(phase(RECONCILE_STEP_IDS.report), async (range: ReconcileRange, { container }) => {
  return new StepResponse(await fetchReport(container, range))
})

const ledgerStep = createStep(phase(RECONCILE_STEP_IDS.ledger), async (report: FetchedReport, { container }) => {
  return new StepResponse(await syncLedgerFromReport(container, report))
})

const refundsStep = createStep(
  phase(RECONCILE_STEP_IDS.refunds),
  async (input: { report: FetchedReport; ledger: LedgerPhaseResult }, { container }) => {
    return new StepResponse(await syncRefundsFromReport(container, input.report, input.ledger))
  }
)

const compareStep = createStep(
  phase(RECONCILE_STEP_IDS.compare),
  async (
    input: { range: ReconcileRange; report: FetchedReport; ledger: LedgerPhaseResult; refunds: RefundsPhaseResult },
    { container, transactionId }
  ): Promise<StepResponse<ReconciliationResult>> => {
    const compared = await computeDifferences(container, input.range, input.ledger, input.refunds)
    const otherIncome = await summariseOtherIncome(container, input.range)
    const result = summarise(input.range, input.report, input.ledger, input.refunds, compared, otherIncome)
    await announceReconciliation(container, transactionId ?? null, result)
    return new StepResponse(result)
  }
)

/** The admin's reconciliation: the same phases as `runReportReconciliation`, kept by the workflow engine. */
export const reconcileReportWorkflow = createWorkflow(
  { name: RECONCILE_WORKFLOW_ID, store: true, retentionTime: RETENTION_SECONDS },
  (range: ReconcileRange) => {
    const report = fetchStep(range)
    const ledger = ledgerStep(report)
    const refunds = refundsStep({ report, ledger })
    const result = compareStep({ range, report, ledger, refunds })
    return new WorkflowResponse(result)
  }
)
