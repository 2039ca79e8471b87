import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId, MedusaError, Modules } from "@medusajs/framework/utils"
import type { IWorkflowEngineService } from "@medusajs/framework/types"
import { z } from "zod"
import type {
  ReconciliationBusyResponse,
  ReconciliationResponse,
  ReconciliationsResponse,
} from "../../../../modules/athmovil/admin-views"
import {
  RECONCILE_WORKFLOW_ID,
  findRunningReconciliation,
  parseReconcileRange,
  readReconciliationRun,
} from "../../../../workflows/reconcile-report"
import { viewOf } from "../../../../workflows/reconcile-report/status"
import { parseBody } from "../body"
import { parseQuery } from "../query"
import { AccountField, adminAccount } from "../account"

const DAY = z.string({ message: "is required: a date written YYYY-MM-DD" })
const Body = z.object({ from: DAY, to: DAY, ...AccountField }).strict()

/**
 * Starts a reconciliation of ATH's transaction report with the ledger and Medusa for whole
 * Puerto Rico days. It runs in the background through the workflow engine, which stores each
 * phase's result in the database: poll GET /admin/athmovil/reconciliation/:id (any instance can
 * answer). One run at a time; a second request gets 409 with the run in progress.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse<ReconciliationResponse | ReconciliationBusyResponse>) {
  const body = parseBody(Body, req.body)
  // One account's report against that account's ledger and payments.
  const range = { ...parseReconcileRange(body), provider_id: adminAccount(req.scope, body.provider_id).providerId }
  const running = await findRunningReconciliation(req.scope)
  if (running) {
    res.status(409).json({
      type: "conflict",
      message: `A reconciliation is already running (${running.id}); wait for it to finish.`,
      reconciliation: running,
    })
    return
  }
  const id = generateEntityId(undefined, "athrec")
  const engine = req.scope.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE)
  // Returns once the run is stored; its phases go on in the background (async steps).
  await engine.run(RECONCILE_WORKFLOW_ID, { input: range, transactionId: id, throwOnError: false })
  const run = await readReconciliationRun(req.scope, id)
  if (!run) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `The reconciliation ${id} started but the workflow engine did not store it.`)
  res.status(202).json({ reconciliation: run })
}

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(50, "limit must be at most 50").default(10),
  ...AccountField,
})

/** One account's recent runs (the first account's by default), newest first, without their difference lists. */
export async function GET(req: MedusaRequest, res: MedusaResponse<ReconciliationsResponse>) {
  const { limit, provider_id } = parseQuery(ListQuery, req.query)
  const account = adminAccount(req.scope, provider_id)
  const isDefault = account === adminAccount(req.scope, undefined)
  const engine = req.scope.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE)
  // Runs keep a week (the engine's retention): the newest hundred hold every account's recent ones.
  const executions = await engine.listWorkflowExecutions(
    { workflow_id: RECONCILE_WORKFLOW_ID },
    { order: { created_at: "DESC" }, take: 100 }
  )
  res.json({
    reconciliations: executions
      .map((e) => viewOf(e))
      // Runs from before accounts existed were the first account's.
      .filter((view) => view.provider_id === account.providerId || (view.provider_id === null && isDefault))
      .slice(0, limit)
      .map(({ result, ...rest }) => ({ ...rest, difference_count: result ? result.differences.length : null })),
  })
}
