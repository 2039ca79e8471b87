import type { AthWebhookView } from "../../../../modules/athmovil/admin-views"
import type { WebhookEventDTO } from "../../../../modules/athmovil/types"
import { toAthAmount } from "../../../../providers/athmovil/money"

/** The one admin view of a stored webhook event: the inbox, a replay and the order widget's timeline. */
export function webhookView(e: WebhookEventDTO): AthWebhookView {
  // The exact decimal (raw_amount), not the entity's JS number.
  const amount = e.raw_amount ?? e.amount
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    outcome: e.outcome,
    ecommerce_id: e.ecommerce_id,
    reference_number: e.reference_number,
    amount: amount === null || amount === undefined ? null : toAthAmount(amount),
    received_at: e.received_at,
    last_received_at: e.last_received_at,
    processed_at: e.processed_at,
    error: e.error,
    duplicate: !!e.duplicate_of_id,
    delivery_count: e.delivery_count ?? 1,
  }
}
