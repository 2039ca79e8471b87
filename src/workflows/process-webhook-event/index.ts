import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applyWebhookEventStep, claimWebhookEventStep, finishWebhookEventStep } from "./steps"

export { ATHMOVIL_WEBHOOK_STORED } from "./events"

/**
 * Applies one stored ATH Móvil webhook event, at most once: claim it, verify it with ATH and apply
 * it, record the outcome. A failure releases the claim for a retry.
 */
export const processAthMovilWebhookWorkflow = createWorkflow(
  "athmovil-process-webhook-event",
  (input: { id: string }) => {
    const event = claimWebhookEventStep(input.id)
    const result = applyWebhookEventStep(event)
    const finished = finishWebhookEventStep({ event, result })
    return new WorkflowResponse(finished)
  }
)
