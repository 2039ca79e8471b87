import { model } from "@medusajs/framework/utils"

/**
 * One row per distinct webhook event ATH Móvil (or the sandbox) sent us. The row is
 * written before any processing so nothing is lost if processing crashes.
 *
 * `idempotency_key` is unique; a redelivery of the same event only raises its
 * original's `delivery_count` and `last_received_at` (ATH repeats every notice a few
 * times, so one row per delivery would grow the table for nothing). Rows with
 * `duplicate_of_id` are repeats stored that way before version 2026-12; the retention
 * job deletes them. An original that ended `rejected` or `unmatched` gives its key up
 * to the next delivery, so an early forged notice cannot swallow ATH's genuine one; a delivery
 * with other bytes that arrives while the original is still undecided is held (`held_key`)
 * until it is, then counted (applied/ignored original) or processed under the key (rejected/unmatched).
 */
export const AthWebhookEvent = model
  .define(
    { name: "AthWebhookEvent", tableName: "athmovil_webhook_event" },
    {
      id: model.id({ prefix: "athwh" }).primaryKey(),
      // The account whose listener URL received it (pp_athmovil_<id>): processed with that account only.
      provider_id: model.text(),
      idempotency_key: model.text().unique().nullable(),
      duplicate_of_id: model.text().nullable(),
      // A delivery with other bytes that came while the original holding this key was undecided:
      // it waits for that verdict, then takes the key or is counted (`placeDelivery` in the service).
      held_key: model.text().index().nullable(),
      // ecommerce | payment | donation | refund | simulated | unknown
      kind: model.text(),
      // completed | cancelled | expired
      status: model.text().nullable(),
      ecommerce_id: model.text().index().nullable(),
      reference_number: model.text().index().nullable(),
      amount: model.bigNumber().nullable(),
      // The normalised event; raw_body keeps the exact bytes for audits/replays.
      payload: model.json().nullable(),
      // Cleared by the retention job (webhookRetentionDays) once the event is processed.
      raw_body: model.text().nullable(),
      remote_ip: model.text().nullable(),
      received_at: model.dateTime(),
      // How often ATH delivered this event (1 = once) and when it last did.
      delivery_count: model.number().default(1),
      last_received_at: model.dateTime().nullable(),
      // Set when a worker claims the event; a claim older than the lease may be
      // taken over, so a crashed worker never blocks an event forever.
      processing_started_at: model.dateTime().nullable(),
      processed_at: model.dateTime().nullable(),
      outcome: model
        // failed: every attempt failed (ATH unreachable…); out of the retry job, waits for an admin replay.
        .enum(["pending", "applied", "duplicate", "ignored", "unmatched", "rejected", "failed"])
        .default("pending"),
      error: model.text().nullable(),
      attempts: model.number().default(0),
      payment_session_id: model.text().nullable(),
      payment_id: model.text().nullable(),
    }
  )
  .indexes([
    // Lets a sweeper find events still waiting for a worker without a scan.
    { on: ["received_at"], where: "outcome = 'pending'" },
  ])
