import { Modules } from "@medusajs/framework/utils"
import type { IWorkflowEngineService, WorkflowExecutionDTO } from "@medusajs/framework/types"
import { RECONCILE_STEP_IDS, RECONCILE_WORKFLOW_ID } from "./workflow"
import type { ReconciliationRunView } from "../../modules/athmovil/admin-views"
import { RECONCILE_PHASES, type Container, type ReconciliationResult } from "./types"

/** A run whose last checkpoint is older than this lost its worker (restart, crash). */
const STALLED_AFTER_MS = 30 * 60 * 1000

type StepState = { definition?: { action?: string }; invoke?: { state?: string } }

function stepStates(execution: Record<string, any> | null): Map<string, string> {
  const out = new Map<string, string>()
  for (const step of Object.values((execution?.steps ?? {}) as Record<string, StepState>)) {
    const action = step.definition?.action
    if (action) out.set(action, step.invoke?.state ?? "not_started")
  }
  return out
}

function outputOf(context: Record<string, any> | null, action: string): unknown {
  const saved = context?.data?.invoke?.[action]
  // The engine keeps a step's StepResponse as { output, compensateInput }.
  return saved?.output?.output ?? saved?.output ?? null
}

function errorOf(context: Record<string, any> | null): string | null {
  const errors = (context?.errors ?? []) as Array<{ error?: { message?: string } | string }>
  const first = errors.find((e) => e.error)
  if (!first) return null
  const message = typeof first.error === "string" ? first.error : first.error?.message
  return message ? String(message).split("\n")[0] : "The reconciliation failed."
}

export function viewOf(execution: WorkflowExecutionDTO, now = Date.now()): ReconciliationRunView {
  const states = stepStates(execution.execution)
  const done = RECONCILE_PHASES.filter((p) => states.get(RECONCILE_STEP_IDS[p]) === "done").length
  const current = RECONCILE_PHASES.find((p) => states.get(RECONCILE_STEP_IDS[p]) !== "done") ?? "compare"
  const payload = (execution.context as Record<string, any> | null)?.data?.payload
  const state = String(execution.state)
  const result = state === "done" ? (outputOf(execution.context, RECONCILE_STEP_IDS.compare) as ReconciliationResult | null) : null
  const updatedAt = new Date(execution.updated_at)
  let status: ReconciliationRunView["status"] = "running"
  let error: string | null = null
  if (state === "done") {
    status = "done"
  } else if (["failed", "reverted", "compensating", "waiting_to_compensate", "timeout"].includes(state)) {
    status = "failed"
    error = errorOf(execution.context) ?? "The reconciliation failed."
  } else if (now - updatedAt.getTime() > STALLED_AFTER_MS) {
    status = "failed"
    error = "The reconciliation stopped (the server running it restarted). Run it again: it is safe to repeat."
  }
  return {
    id: execution.transaction_id,
    status,
    phase: status === "done" ? "compare" : current,
    progress: { done, total: RECONCILE_PHASES.length },
    range: payload?.from && payload?.to ? { from: payload.from, to: payload.to } : null,
    provider_id: payload?.provider_id ?? result?.provider_id ?? null,
    started_at: new Date(execution.created_at),
    updated_at: updatedAt,
    result,
    error,
  }
}

/** A run as the workflow engine stored it, or null when there is no such run. */
export async function readReconciliationRun(container: Container, id: string): Promise<ReconciliationRunView | null> {
  const engine = container.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE)
  const [execution] = await engine.listWorkflowExecutions(
    { workflow_id: RECONCILE_WORKFLOW_ID, transaction_id: id },
    { order: { created_at: "DESC" }, take: 1 }
  )
  return execution ? viewOf(execution) : null
}

/** The run still in progress, if any (the admin joins it instead of starting a second one). */
export async function findRunningReconciliation(container: Container): Promise<ReconciliationRunView | null> {
  const engine = container.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE)
  const executions = await engine.listWorkflowExecutions(
    { workflow_id: RECONCILE_WORKFLOW_ID, state: ["not_started", "invoking"] },
    { order: { created_at: "DESC" }, take: 5 }
  )
  return executions.map((e) => viewOf(e)).find((v) => v.status === "running") ?? null
}
