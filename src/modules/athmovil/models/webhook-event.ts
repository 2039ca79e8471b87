import { model } from "@medusajs/framework/utils"

/**
 * One row per webhook delivery ATH Móvil (or the sandbox) sent us. The row is
 * written before any processing so nothing is lost if processing crashes.
 *
 * `idempotency_key` is unique; a redelivery is stored as a separate row with
 * `idempotency_key = null` and `duplicate_of_id` pointing at the original, so
 * the audit trail keeps every delivery while PostgreSQL (which allows many
 * NULLs in a unique index) guarantees a single original per key.
 */
export const AthWebhookEvent = model
  .define(
    { name: "AthWebhookEvent", tableName: "athmovil_webhook_event" },
    {
      id: model.id({ prefix: "athwh" }).primaryKey(),
      idempotency_key: model.text().unique().nullable(),
      duplicate_of_id: model.text().nullable(),
      // ecommerce | payment | donation | refund | simulated | unknown
      kind: model.text(),
      // completed | cancelled | expired
      status: model.text().nullable(),
      ecommerce_id: model.text().index().nullable(),
      reference_number: model.text().index().nullable(),
      amount: model.bigNumber().nullable(),
      // The normalised event; raw_body keeps the exact bytes for audits/replays.
      payload: model.json().nullable(),
      raw_body: model.text(),
      remote_ip: model.text().nullable(),
      received_at: model.dateTime(),
      // Set when a worker claims the event; a claim older than the lease may be
      // taken over, so a crashed worker never blocks an event forever.
      processing_started_at: model.dateTime().nullable(),
      processed_at: model.dateTime().nullable(),
      outcome: model
        .enum(["pending", "applied", "duplicate", "ignored", "unmatched", "rejected"])
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
