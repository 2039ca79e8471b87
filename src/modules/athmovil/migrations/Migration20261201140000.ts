import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Issue 12 §7: a delivery with other bytes that arrives while its original (same idempotency key)
 * is still undecided is stored as its own row, waiting for that original's key (`held_key`), instead
 * of only being counted on it. Once the original is applied or ignored the held row is folded into
 * its counter; once it is rejected or unmatched the held row takes the key and is processed.
 * Existing rows are untouched (none is held).
 */
export class Migration20261201140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "athmovil_webhook_event" add column if not exists "held_key" text null;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_webhook_event_held_key" ON "athmovil_webhook_event" ("held_key") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    // A held delivery would otherwise vanish from the books: fold it into its original's counter.
    this.addSql(`
      update "athmovil_webhook_event" o
      set delivery_count = o.delivery_count + h.deliveries
      from (
        select held_key, sum(delivery_count)::int as deliveries
        from "athmovil_webhook_event"
        where held_key is not null and deleted_at is null
        group by held_key
      ) h
      where o.idempotency_key = h.held_key and o.deleted_at is null;`)
    this.addSql(`delete from "athmovil_webhook_event" where held_key is not null;`)
    this.addSql(`drop index if exists "IDX_athmovil_webhook_event_held_key";`)
    this.addSql(`alter table if exists "athmovil_webhook_event" drop column if exists "held_key";`)
  }
}
