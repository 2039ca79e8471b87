import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Several ATH Business accounts in one store (issue 16): every ledger row, webhook event and
 * monthly rollup row records its account, as Medusa's provider id (`pp_athmovil_<id>`).
 *
 * Exact and cheap at a million rows: the column arrives with a constant default, which PostgreSQL
 * stores once in the catalogue instead of rewriting every row. The plugin's own writes always name
 * the account (the ledger hand-off, webhooks, report sync, reconciliation); the default stays for
 * rows a store's own SQL inserts without one. The constant is the account existing rows belong to:
 * the one ATH Móvil provider Medusa has enabled (every store before this version, exactly), else
 * the provider most ledger rows' sessions name, else the usual `pp_athmovil_athmovil`. Rows whose
 * own payment session names another account are then set from it: normally none, so that update
 * only reads. Rows with no session (other income, report rows) of a store that already ran several
 * accounts keep the constant: check them in the admin after upgrading.
 */
const LEDGER_DATE = `(COALESCE("transaction_date", "created_at"))`

const EXISTING_ACCOUNT = `
DO $$
DECLARE account text;
BEGIN
  -- Nested, not "exists AND (SELECT …)": PL/pgSQL parses a condition whole, so the SELECT would fail
  -- on a fresh database where the Payment module has not created its tables yet (Medusa 2.18 migrates
  -- plugins first).
  IF to_regclass('payment_provider') IS NOT NULL THEN
    IF (SELECT count(*) FROM payment_provider WHERE id LIKE 'pp\\_athmovil\\_%' AND is_enabled) = 1 THEN
      SELECT id INTO account FROM payment_provider WHERE id LIKE 'pp\\_athmovil\\_%' AND is_enabled;
    END IF;
  END IF;
  IF account IS NULL AND to_regclass('payment_session') IS NOT NULL THEN
    SELECT ps.provider_id INTO account FROM "athmovil_transaction" t JOIN payment_session ps ON ps.id = t.payment_session_id
    WHERE ps.provider_id LIKE 'pp\\_athmovil\\_%' GROUP BY ps.provider_id ORDER BY count(*) DESC, ps.provider_id LIMIT 1;
  END IF;
  account := COALESCE(account, 'pp_athmovil_athmovil');
  EXECUTE format('ALTER TABLE "athmovil_transaction" ADD COLUMN IF NOT EXISTS "provider_id" text NOT NULL DEFAULT %L', account);
  EXECUTE format('ALTER TABLE "athmovil_webhook_event" ADD COLUMN IF NOT EXISTS "provider_id" text NOT NULL DEFAULT %L', account);
  EXECUTE format('ALTER TABLE "athmovil_ledger_month" ADD COLUMN IF NOT EXISTS "provider_id" text NOT NULL DEFAULT %L', account);
  IF to_regclass('payment_session') IS NOT NULL THEN
    UPDATE "athmovil_transaction" AS t SET "provider_id" = ps.provider_id FROM payment_session ps
    WHERE ps.id = t.payment_session_id AND ps.provider_id LIKE 'pp\\_athmovil\\_%' AND ps.provider_id <> t.provider_id;
    UPDATE "athmovil_webhook_event" AS e SET "provider_id" = ps.provider_id FROM payment_session ps
    WHERE ps.id = e.payment_session_id AND ps.provider_id LIKE 'pp\\_athmovil\\_%' AND ps.provider_id <> e.provider_id;
  END IF;
END $$;`

/**
 * The listener now keys events by account (`<provider_id>:<key>`). Keys ATH may still repeat get
 * the prefix too, so a repeat after the upgrade is counted, not processed again: the last week's
 * events and every undecided one (held deliveries wait for those), a bounded set at any table size.
 */
const SCOPED_KEYS = `
UPDATE "athmovil_webhook_event" SET "idempotency_key" = "provider_id" || ':' || "idempotency_key"
WHERE "idempotency_key" IS NOT NULL AND "idempotency_key" NOT LIKE 'pp\\_athmovil\\_%'
  AND ("received_at" > now() - interval '7 days' OR "outcome" IN ('pending', 'failed'));
UPDATE "athmovil_webhook_event" SET "held_key" = "provider_id" || ':' || "held_key"
WHERE "held_key" IS NOT NULL AND "held_key" NOT LIKE 'pp\\_athmovil\\_%';`

/** Migration20261202100000's rollup function, keyed by account as well (`keys`: the rollup's key before the month). */
const MONTH = `(date_trunc('month', COALESCE(r."transaction_date", r."created_at") AT TIME ZONE 'America/Puerto_Rico'))::date`
const ACCOUNT_KEYS = [`"provider_id"`, `"kind"`]
const col = (keys: string[], alias: string) => keys.map((k) => `${alias}.${k}`).join(", ")
const CONTRIBUTION = (keys: string[], table: string, sign: string) => `
    SELECT ${col(keys, "r")}, ${MONTH} AS month, ${sign} AS n, ${sign} * r."total" AS gross, ${sign} * COALESCE(r."fee", 0) AS fees,
      ${sign} * COALESCE(r."net_amount", 0) AS net, ${sign} * COALESCE(r."refunded_total", 0) AS refunded
    FROM ${table} AS r WHERE r."deleted_at" IS NULL AND r."status" = 'COMPLETED'`
const APPLY = (keys: string[], contributions: string) => `
    INSERT INTO "athmovil_ledger_month" AS m (${keys.join(", ")}, "month", "count", "gross", "fees", "net", "refunded")
    SELECT ${col(keys, "d")}, d.month, sum(d.n), sum(d.gross), sum(d.fees), sum(d.net), sum(d.refunded)
    FROM (${contributions}) AS d
    GROUP BY ${col(keys, "d")}, d.month
    HAVING sum(d.n) <> 0 OR sum(d.gross) <> 0 OR sum(d.fees) <> 0 OR sum(d.net) <> 0 OR sum(d.refunded) <> 0
    ORDER BY ${col(keys, "d")}, d.month
    ON CONFLICT (${keys.join(", ")}, "month") DO UPDATE SET
      "count" = m."count" + EXCLUDED."count", "gross" = m."gross" + EXCLUDED."gross", "fees" = m."fees" + EXCLUDED."fees",
      "net" = m."net" + EXCLUDED."net", "refunded" = m."refunded" + EXCLUDED."refunded";`
const ROLLUP_FUNCTION = (keys: string[]) => `CREATE OR REPLACE FUNCTION "athmovil_ledger_month_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN${APPLY(keys, CONTRIBUTION(keys, "new_rows", "1"))}
  ELSIF TG_OP = 'UPDATE' THEN${APPLY(keys, `${CONTRIBUTION(keys, "new_rows", "1")}\n    UNION ALL${CONTRIBUTION(keys, "old_rows", "-1")}`)}
  ELSIF TG_OP = 'DELETE' THEN${APPLY(keys, CONTRIBUTION(keys, "old_rows", "-1"))}
  ELSE
    DELETE FROM "athmovil_ledger_month";
  END IF;
  RETURN NULL;
END $$;`

export class Migration20261206100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(EXISTING_ACCOUNT)
    this.addSql(SCOPED_KEYS)
    this.addSql(`ALTER TABLE "athmovil_ledger_month" DROP CONSTRAINT IF EXISTS "athmovil_ledger_month_pkey";`)
    this.addSql(`ALTER TABLE "athmovil_ledger_month" ADD CONSTRAINT "athmovil_ledger_month_pkey" PRIMARY KEY ("provider_id", "kind", "month");`)
    this.addSql(ROLLUP_FUNCTION(ACCOUNT_KEYS))
    // Rows a session moved to another account above: the rollup is rebuilt equal to the table.
    this.addSql(`DELETE FROM "athmovil_ledger_month";`)
    this.addSql(APPLY(ACCOUNT_KEYS, CONTRIBUTION(ACCOUNT_KEYS, `"athmovil_transaction"`, "1")).trim())
    // The admin's list and totals of one account, in date order, off an index (as Migration20261201120000 for the store).
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_account_date" ON "athmovil_transaction" ("provider_id", "kind", ${LEDGER_DATE}, "id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_account_completed_totals" ON "athmovil_transaction" ("provider_id", "kind", ${LEDGER_DATE}) INCLUDE ("total", "fee", "net_amount", "refunded_total") WHERE deleted_at IS NULL AND status = 'COMPLETED';`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_webhook_event_account_received" ON "athmovil_webhook_event" ("provider_id", "received_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_webhook_event_account_received";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_account_completed_totals";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_account_date";`)
    this.addSql(`DELETE FROM "athmovil_ledger_month";`)
    this.addSql(`ALTER TABLE "athmovil_ledger_month" DROP CONSTRAINT IF EXISTS "athmovil_ledger_month_pkey";`)
    this.addSql(`ALTER TABLE "athmovil_ledger_month" DROP COLUMN IF EXISTS "provider_id";`)
    this.addSql(`ALTER TABLE "athmovil_ledger_month" ADD CONSTRAINT "athmovil_ledger_month_pkey" PRIMARY KEY ("kind", "month");`)
    this.addSql(ROLLUP_FUNCTION([`"kind"`]))
    this.addSql(APPLY([`"kind"`], CONTRIBUTION([`"kind"`], `"athmovil_transaction"`, "1")).trim())
    this.addSql(`ALTER TABLE "athmovil_webhook_event" DROP COLUMN IF EXISTS "provider_id";`)
    this.addSql(`ALTER TABLE "athmovil_transaction" DROP COLUMN IF EXISTS "provider_id";`)
  }
}
