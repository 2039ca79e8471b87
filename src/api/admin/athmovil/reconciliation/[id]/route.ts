import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { ReconciliationResponse } from "../../../../../modules/athmovil/admin-views"
import { readReconciliationRun } from "../../../../../workflows/reconcile-report"

/** A run's status, progress (phases done) and, once done, its differences. */
export async function GET(req: MedusaRequest, res: MedusaResponse<ReconciliationResponse>) {
  const run = await readReconciliationRun(req.scope, req.params.id)
  if (!run) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No reconciliation with id ${req.params.id}`)
  res.setHeader("Cache-Control", "no-store")
  res.json({ reconciliation: run })
}
