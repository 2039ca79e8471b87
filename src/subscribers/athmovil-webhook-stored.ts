import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ATHMOVIL_WEBHOOK_STORED } from "../workflows/process-webhook-event"
import { processWebhookEventWhenFree } from "../workflows/process-webhook-event/limited-run"
import { publishAthMovilEvents } from "../workflows/events/publish"

/** Applies a stored ATH Móvil webhook after the listener has already answered ATH. */
export default async function athMovilWebhookStored({ event, container }: SubscriberArgs<{ id: string }>) {
  await processWebhookEventWhenFree(container, event.data.id)
  // What processing decided (an order, a refund, a cancelled ticket, a failure) is announced now.
  await publishAthMovilEvents(container)
}

export const config: SubscriberConfig = {
  event: ATHMOVIL_WEBHOOK_STORED,
  context: { subscriberId: "athmovil-webhook-stored" },
}
