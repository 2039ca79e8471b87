import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ATHMOVIL_WEBHOOK_STORED, processAthMovilWebhookWorkflow } from "../workflows/process-webhook-event"

/** Applies a stored ATH Móvil webhook after the listener has already answered ATH. */
export default async function athMovilWebhookStored({ event, container }: SubscriberArgs<{ id: string }>) {
  await processAthMovilWebhookWorkflow(container).run({ input: { id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: ATHMOVIL_WEBHOOK_STORED,
  context: { subscriberId: "athmovil-webhook-stored" },
}
