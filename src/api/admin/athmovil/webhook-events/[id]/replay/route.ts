import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATHMOVIL_MODULE } from "../../../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../../../modules/athmovil/service"
import type { WebhookReplayResponse } from "../../../../../../modules/athmovil/admin-views"
import { processAthMovilWebhookWorkflow } from "../../../../../../workflows/process-webhook-event"
import { webhookView } from "../../webhook-view"

/** Re-runs one stored event (it is verified with ATH again, so a replay can never apply a stale hint). */
export async function POST(req: MedusaRequest, res: MedusaResponse<WebhookReplayResponse>) {
  const athmovil = req.scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  await athmovil.resetWebhookEventForReplay(req.params.id)
  await processAthMovilWebhookWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ webhook_event: webhookView(await athmovil.retrieveAthWebhookEvent(req.params.id)) })
}
