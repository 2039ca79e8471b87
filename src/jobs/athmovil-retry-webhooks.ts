import type { MedusaContainer } from "@medusajs/framework/types"
import { retryPendingWebhookEvents } from "../workflows/process-webhook-event/retry-pending"

/** Retries ATH Móvil webhook events whose processing failed, a bounded number of times. */
export default async function athMovilRetryWebhooks(container: MedusaContainer) {
  await retryPendingWebhookEvents(container)
}

export const config = {
  name: "athmovil-retry-webhooks",
  schedule: "* * * * *",
}
