import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Webhook inbox at scale (issue 12 §4, §6): a `failed` outcome for events that used all their
 * attempts, a repeat counter instead of one row per redelivery, and a raw body the retention job
 * may clear. Existing rows are kept: repeats stored as rows are folded into their original's
 * counter (the rows stay until retention deletes them) and exhausted pending events become failed.
 */
export class Migration20261201100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "athmovil_webhook_event" add column if not exists "delivery_count" integer not null default 1;`)
    this.addSql(`alter table if exists "athmovil_webhook_event" add column if not exists "last_received_at" timestamptz null;`)
    this.addSql(`alter table if exists "athmovil_webhook_event" alter column "raw_body" drop not null;`)
    this.addSql(`alter table if exists "athmovil_webhook_event" drop constraint if exists "athmovil_webhook_event_outcome_check";`)
    this.addSql(`alter table if exists "athmovil_webhook_event" add constraint "athmovil_webhook_event_outcome_check" check ("outcome" in ('pending', 'applied', 'duplicate', 'ignored', 'unmatched', 'rejected', 'failed'));`)
    this.addSql(`
      update "athmovil_webhook_event" o
      set delivery_count = 1 + d.repeats, last_received_at = greatest(coalesce(o.last_received_at, o.received_at), d.last_at)
      from (
        select duplicate_of_id, count(*)::int as repeats, max(received_at) as last_at
        from "athmovil_webhook_event"
        where duplicate_of_id is not null and deleted_at is null
        group by duplicate_of_id
      ) d
      where o.id = d.duplicate_of_id and o.delivery_count = 1;`)
    this.addSql(`update "athmovil_webhook_event" set outcome = 'failed', processing_started_at = null, updated_at = now() where outcome = 'pending' and attempts >= 5 and deleted_at is null;`)
    // The admin lists failed events and the ATH Móvil page counts them in its header.
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_webhook_event_failed" ON "athmovil_webhook_event" ("received_at") WHERE outcome = 'failed' AND deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_athmovil_webhook_event_failed";`)
    this.addSql(`update "athmovil_webhook_event" set outcome = 'pending' where outcome = 'failed';`)
    this.addSql(`alter table if exists "athmovil_webhook_event" drop constraint if exists "athmovil_webhook_event_outcome_check";`)
    this.addSql(`alter table if exists "athmovil_webhook_event" add constraint "athmovil_webhook_event_outcome_check" check ("outcome" in ('pending', 'applied', 'duplicate', 'ignored', 'unmatched', 'rejected'));`)
    this.addSql(`update "athmovil_webhook_event" set raw_body = '' where raw_body is null;`)
    this.addSql(`alter table if exists "athmovil_webhook_event" alter column "raw_body" set not null;`)
    this.addSql(`alter table if exists "athmovil_webhook_event" drop column if exists "last_received_at";`)
    this.addSql(`alter table if exists "athmovil_webhook_event" drop column if exists "delivery_count";`)
  }
}
