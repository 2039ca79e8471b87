import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The closed-tab sweep (src/workflows/recover-sessions) reads the last 48 hours of payment
 * sessions every minute. Medusa's `payment_session` has no index on `created_at`, so at a million
 * finished sessions that read was a full scan; this index makes it a range scan of the window.
 * The table is the Payment module's: the index is created only where that table exists (Medusa
 * migrates its own modules before a plugin's), and dropping it changes no data.
 */
export class Migration20261201150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`DO $$ BEGIN
  IF to_regclass('public.payment_session') IS NOT NULL THEN
    CREATE INDEX IF NOT EXISTS "IDX_athmovil_payment_session_created_at" ON "payment_session" ("created_at") WHERE deleted_at IS NULL;
  END IF;
END $$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_payment_session_created_at";`)
  }
}
