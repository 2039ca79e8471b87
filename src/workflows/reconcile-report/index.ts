export { reconcileReportWorkflow, RECONCILE_WORKFLOW_ID } from "./workflow"
export { runReportReconciliation } from "./run"
export { parseReconcileRange, previousPuertoRicoDay, currentPuertoRicoDay, MAX_RANGE_DAYS } from "./range"
export { readReconciliationRun, findRunningReconciliation } from "./status"
export { applyReconciliationFix } from "./fixes"
export type {
  Difference,
  DifferenceFix,
  DifferenceKind,
  ReconcilePhase,
  ReconcileRange,
  ReconciliationResult,
  ProgressListener,
} from "./types"
export { RECONCILE_PHASES } from "./types"
