import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * All-time ledger totals (the ATH Móvil page's header as it opens) in constant time: a monthly
 * rollup of the completed ledger rows, kept by PostgreSQL itself. At 1M rows the exact SUM was an
 * index-only scan of every completed checkout (0.35–0.44 s, bench/RESULTS.md); the rollup holds
 * one row per (kind, Puerto Rico month), ~36 per kind for three years.
 *
 * Statement-level triggers with transition tables keep it: every write to the ledger — the
 * module's upserts (INSERT … ON CONFLICT fires both the insert and the update trigger), soft
 * deletes, a store's own SQL — adds its rows' contribution and takes away what they held before,
 * in the same transaction, so the rollup can never drift from the table. A write that changes no
 * completed money (a sync timestamp, an OPEN ticket) touches no rollup row, so the ledger's
 * frequent bookkeeping writes do not queue on it; rows are taken in (kind, month) order.
 * Upgrade-safe: the rollup is filled from the existing rows here.
 */
const MONTH = `(date_trunc('month', COALESCE(r."transaction_date", r."created_at") AT TIME ZONE 'America/Puerto_Rico'))::date`
const CONTRIBUTION = (table: string, sign: string) => `
    SELECT r."kind", ${MONTH} AS month, ${sign} AS n, ${sign} * r."total" AS gross, ${sign} * COALESCE(r."fee", 0) AS fees,
      ${sign} * COALESCE(r."net_amount", 0) AS net, ${sign} * COALESCE(r."refunded_total", 0) AS refunded
    FROM ${table} AS r WHERE r."deleted_at" IS NULL AND r."status" = 'COMPLETED'`
const APPLY = (contributions: string) => `
    INSERT INTO "athmovil_ledger_month" AS m ("kind", "month", "count", "gross", "fees", "net", "refunded")
    SELECT d."kind", d.month, sum(d.n), sum(d.gross), sum(d.fees), sum(d.net), sum(d.refunded)
    FROM (${contributions}) AS d
    GROUP BY d."kind", d.month
    HAVING sum(d.n) <> 0 OR sum(d.gross) <> 0 OR sum(d.fees) <> 0 OR sum(d.net) <> 0 OR sum(d.refunded) <> 0
    ORDER BY d."kind", d.month
    ON CONFLICT ("kind", "month") DO UPDATE SET
      "count" = m."count" + EXCLUDED."count", "gross" = m."gross" + EXCLUDED."gross", "fees" = m."fees" + EXCLUDED."fees",
      "net" = m."net" + EXCLUDED."net", "refunded" = m."refunded" + EXCLUDED."refunded";`

export class Migration20261202100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS "athmovil_ledger_month" (
  "kind" text NOT NULL,
  "month" date NOT NULL,
  "count" bigint NOT NULL DEFAULT 0,
  "gross" numeric NOT NULL DEFAULT 0,
  "fees" numeric NOT NULL DEFAULT 0,
  "net" numeric NOT NULL DEFAULT 0,
  "refunded" numeric NOT NULL DEFAULT 0,
  CONSTRAINT "athmovil_ledger_month_pkey" PRIMARY KEY ("kind", "month")
);`)
    this.addSql(`CREATE OR REPLACE FUNCTION "athmovil_ledger_month_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN${APPLY(CONTRIBUTION("new_rows", "1"))}
  ELSIF TG_OP = 'UPDATE' THEN${APPLY(`${CONTRIBUTION("new_rows", "1")}\n    UNION ALL${CONTRIBUTION("old_rows", "-1")}`)}
  ELSIF TG_OP = 'DELETE' THEN${APPLY(CONTRIBUTION("old_rows", "-1"))}
  ELSE
    DELETE FROM "athmovil_ledger_month";
  END IF;
  RETURN NULL;
END $$;`)
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_ledger_month_insert" ON "athmovil_transaction";`)
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_ledger_month_update" ON "athmovil_transaction";`)
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_ledger_month_delete" ON "athmovil_transaction";`)
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_ledger_month_truncate" ON "athmovil_transaction";`)
    this.addSql(`CREATE TRIGGER "athmovil_ledger_month_insert" AFTER INSERT ON "athmovil_transaction"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "athmovil_ledger_month_apply"();`)
    this.addSql(`CREATE TRIGGER "athmovil_ledger_month_update" AFTER UPDATE ON "athmovil_transaction"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "athmovil_ledger_month_apply"();`)
    this.addSql(`CREATE TRIGGER "athmovil_ledger_month_delete" AFTER DELETE ON "athmovil_transaction"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "athmovil_ledger_month_apply"();`)
    this.addSql(`CREATE TRIGGER "athmovil_ledger_month_truncate" AFTER TRUNCATE ON "athmovil_transaction"
  FOR EACH STATEMENT EXECUTE FUNCTION "athmovil_ledger_month_apply"();`)
    // The rows already there (an upgrade): the rollup starts equal to the table.
    this.addSql(`DELETE FROM "athmovil_ledger_month";`)
    this.addSql(APPLY(CONTRIBUTION(`"athmovil_transaction"`, "1")).trim())
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_ledger_month_truncate" ON "athmovil_transaction";`)
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_ledger_month_delete" ON "athmovil_transaction";`)
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_ledger_month_update" ON "athmovil_transaction";`)
    this.addSql(`DROP TRIGGER IF EXISTS "athmovil_ledger_month_insert" ON "athmovil_transaction";`)
    this.addSql(`DROP FUNCTION IF EXISTS "athmovil_ledger_month_apply"();`)
    this.addSql(`DROP TABLE IF EXISTS "athmovil_ledger_month";`)
  }
}
