import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The plugin's events (src/modules/athmovil/events.ts) come from an outbox written by PostgreSQL
 * in the same transaction as the fact: a checkout ticket the plugin opened reaching its first
 * final status (COMPLETED, CANCEL, EXPIRED: an update of its ledger row, which is written OPEN when
 * the payment starts; rows a report or an import inserts already final are history, not news),
 * a new refund row, a webhook event turning `failed`. Tied to the row's change, not to
 * the process that made it, so a fact is queued once however many instances (or a store's own SQL)
 * wrote it, and a rolled-back write queues nothing. The publisher takes rows with
 * FOR UPDATE SKIP LOCKED and deletes them as it emits: each is published by one instance.
 * Statement-level triggers with transition tables, like the ledger rollup (Migration20261202100000).
 */
const PAYMENT_EVENT = `
  INSERT INTO "athmovil_event_outbox" ("name", "data")
  SELECT CASE n."status" WHEN 'COMPLETED' THEN 'athmovil.payment.completed'
                         WHEN 'EXPIRED' THEN 'athmovil.payment.expired'
                         ELSE 'athmovil.payment.rejected' END,
    jsonb_build_object('id', n."id", 'ecommerce_id', n."ecommerce_id", 'status', n."status",
      'reference_number', n."reference_number", 'total', round(n."total", 2)::text, 'currency_code', n."currency_code",
      'payment_session_id', n."payment_session_id", 'payment_id', n."payment_id", 'cart_id', n."cart_id", 'order_id', n."order_id")
  FROM new_rows AS n`

export class Migration20261202110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS "athmovil_event_outbox" (
  "id" bigserial PRIMARY KEY,
  "name" text NOT NULL,
  "data" jsonb NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT now()
);`)

    this.addSql(`CREATE OR REPLACE FUNCTION "athmovil_outbox_transaction"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
${PAYMENT_EVENT}
  JOIN old_rows AS o ON o."id" = n."id"
  -- The first final status only: a later CANCEL <-> EXPIRED correction is not a new fact for the store.
  WHERE n."kind" = 'ecommerce' AND n."deleted_at" IS NULL AND n."status" IN ('COMPLETED', 'CANCEL', 'EXPIRED')
    AND o."status" NOT IN ('COMPLETED', 'CANCEL', 'EXPIRED')
  ORDER BY n."id";
  RETURN NULL;
END $$;`)

    this.addSql(`CREATE OR REPLACE FUNCTION "athmovil_outbox_refund"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "athmovil_event_outbox" ("name", "data")
  SELECT 'athmovil.refund.created',
    jsonb_build_object('id', n."id", 'amount', round(n."amount", 2)::text,
      'source', CASE n."source" WHEN 'medusa' THEN 'medusa' WHEN 'report' THEN 'report' ELSE 'ath_business_app' END,
      'reference_number', n."reference_number", 'original_reference_number', n."original_reference_number",
      'transaction_id', n."transaction_id", 'payment_id', t."payment_id", 'refund_id', n."medusa_refund_id")
  FROM new_rows AS n
  LEFT JOIN "athmovil_transaction" AS t ON t."id" = n."transaction_id"
  WHERE n."deleted_at" IS NULL
  ORDER BY n."id";
  RETURN NULL;
END $$;`)

    this.addSql(`CREATE OR REPLACE FUNCTION "athmovil_outbox_webhook"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "athmovil_event_outbox" ("name", "data")
  SELECT 'athmovil.webhook.failed',
    jsonb_build_object('id', n."id", 'kind', n."kind", 'status', n."status", 'ecommerce_id', n."ecommerce_id",
      'reference_number', n."reference_number", 'attempts', n."attempts", 'error', n."error")
  FROM new_rows AS n
  JOIN old_rows AS o ON o."id" = n."id"
  WHERE n."outcome" = 'failed' AND o."outcome" IS DISTINCT FROM 'failed' AND n."deleted_at" IS NULL
  ORDER BY n."id";
  RETURN NULL;
END $$;`)

    for (const [name, table, event, fn, referencing] of [
      ["athmovil_outbox_transaction_update", "athmovil_transaction", "UPDATE", "athmovil_outbox_transaction", "OLD TABLE AS old_rows NEW TABLE AS new_rows"],
      ["athmovil_outbox_refund_insert", "athmovil_refund", "INSERT", "athmovil_outbox_refund", "NEW TABLE AS new_rows"],
      ["athmovil_outbox_webhook_update", "athmovil_webhook_event", "UPDATE", "athmovil_outbox_webhook", "OLD TABLE AS old_rows NEW TABLE AS new_rows"],
    ]) {
      this.addSql(`DROP TRIGGER IF EXISTS "${name}" ON "${table}";`)
      this.addSql(`CREATE TRIGGER "${name}" AFTER ${event} ON "${table}" REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"();`)
    }
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_outbox_webhook_update" ON "athmovil_webhook_event";`)
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_outbox_refund_insert" ON "athmovil_refund";`)
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_outbox_transaction_update" ON "athmovil_transaction";`)
    this.addSql(`DROP FUNCTION IF EXISTS "athmovil_outbox_webhook"();`)
    this.addSql(`DROP FUNCTION IF EXISTS "athmovil_outbox_refund"();`)
    this.addSql(`DROP FUNCTION IF EXISTS "athmovil_outbox_transaction"();`)
    this.addSql(`DROP TABLE IF EXISTS "athmovil_event_outbox";`)
  }
}
