import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import type { AthWebhookEvent } from "../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import { resolveAthMovil } from "../../providers/athmovil/container"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { WebhookEventDTO } from "../../modules/athmovil/types"
import { ATHMOVIL_WEBHOOK_STORED } from "./events"
import { handlerFor, type HandlerResult } from "./handlers"

/** Outcomes that leave an event for a later attempt or a person: its held deliveries keep waiting. */
const UNDECIDED = new Set(["pending", "failed"])

/** Takes the event for this worker; compensation releases it so a later run can retry. */
export const claimWebhookEventStep = createStep(
  "athmovil-claim-webhook-event",
  async (id: string, { container }) => {
    const claimed = await container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE).claimWebhookEvent(id)
    return new StepResponse(claimed, claimed?.id ?? null)
  },
  async (claimedId, { container }) => {
    if (!claimedId) return
    await container
      .resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
      .finishWebhookEvent(claimedId, { outcome: "pending", error: "Processing failed; will be retried." })
  }
)

/** Verifies the event against ATH and applies it (one handler per event kind). */
export const applyWebhookEventStep = createStep(
  "athmovil-apply-webhook-event",
  async (event: WebhookEventDTO | null, { container }) => {
    if (!event?.payload) return new StepResponse(null)
    const payload = event.payload as unknown as AthWebhookEvent
    // The account is the one whose listener stored the event, never one the body names.
    return new StepResponse(await handlerFor(payload)(container, payload, resolveAthMovil(container, event.provider_id)))
  }
)

export const finishWebhookEventStep = createStep(
  "athmovil-finish-webhook-event",
  async (input: { event: WebhookEventDTO | null; result: HandlerResult | null }, { container }) => {
    if (!input.event || !input.result) return new StepResponse(null)
    const finished = await container
      .resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
      .finishWebhookEvent(input.event.id, {
        outcome: input.result.outcome,
        error: input.result.error ?? null,
        payment_session_id: input.result.payment_session_id ?? null,
        payment_id: input.result.payment_id ?? null,
      })
    if (!UNDECIDED.has(finished.outcome)) await handOnHeldDeliveries(container, finished.id)
    return new StepResponse(finished)
  }
)

/**
 * Deliveries with other bytes that arrived while this event was undecided now learn its verdict
 * (the module's claim decides: a repeat of an applied/ignored event is counted; after a rejected or
 * unmatched one, the first takes the key and is verified with ATH itself). Emitted like a fresh
 * delivery; if this process dies first, the retry job finds them, as they are no longer waiting.
 */
async function handOnHeldDeliveries(container: { resolve<T>(key: string): T }, id: string) {
  const held = await container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE).listHeldWebhookEventIds(id)
  if (held.length === 0) return
  await container
    .resolve<IEventBusModuleService>(Modules.EVENT_BUS)
    .emit(held.map((heldId) => ({ name: ATHMOVIL_WEBHOOK_STORED, data: { id: heldId } })), { internal: true })
}
