import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * What the go-live check reads that no other row records: per ATH account (Medusa provider id),
 * the last webhook subscription and each job's last run (`utils/account-activity-sql.ts`). One row
 * per (account, name), overwritten: a heartbeat, not a history, so it never grows.
 * The partial index lets the check find an account's latest SIMULATED event without reading the inbox.
 */
export class Migration20261206120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS "athmovil_account_activity" (
  "provider_id" text NOT NULL,
  "name" text NOT NULL,
  "at" timestamptz NOT NULL DEFAULT now(),
  "ok" boolean NOT NULL,
  "detail" jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY ("provider_id", "name")
);`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_athmovil_webhook_event_simulated" ON "athmovil_webhook_event" ("provider_id", "received_at") WHERE "kind" = 'simulated';`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_webhook_event_simulated";`)
    this.addSql(`DROP TABLE IF EXISTS "athmovil_account_activity";`)
  }
}
