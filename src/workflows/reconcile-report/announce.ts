import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import { ATHMOVIL_EVENTS, type AthMovilReconciliationFinishedData } from "../../modules/athmovil/events"
import type AthMovilModuleService from "../../modules/athmovil/service"
import { publishAthMovilEvents } from "../events/publish"
import type { Container, ReconciliationResult } from "./types"

/**
 * Queues and publishes `athmovil.reconciliation.finished` for a run that just finished (the
 * workflow's last step, or a direct run by the nightly job or the CLI): its range, how many report
 * rows it read and its differences counted by kind.
 */
export async function announceReconciliation(container: Container, runId: string | null, result: ReconciliationResult) {
  const differences: Record<string, number> = {}
  for (const d of result.differences) differences[d.kind] = (differences[d.kind] ?? 0) + 1
  const data: AthMovilReconciliationFinishedData = {
    id: runId,
    from: result.range.from,
    to: result.range.to,
    report_rows: result.report.rows,
    differences,
    total_differences: result.differences.length,
  }
  await container
    .resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    .queueEvent({ name: ATHMOVIL_EVENTS.RECONCILIATION_FINISHED, data: { ...data } })
  await publishAthMovilEvents(container)
}
