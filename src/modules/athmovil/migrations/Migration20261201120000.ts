import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * A busy store's three years (issue 15): indexes for the admin ledger list, its totals and its
 * search, each asked for by an `EXPLAIN (ANALYZE, BUFFERS)` plan at 1,000,000 rows (printed by
 * `npm run bench` into bench/RESULTS.md). Dates are the ledger date every books query uses,
 * COALESCE(transaction_date, created_at). Upgrade-safe: indexes only, no row is rewritten.
 *
 * - kind + status + date: a status filter in date order reads only that status's rows, newest
 *   first, and counts them from the index alone (without it a rare status walks the whole date
 *   index, and a count visits every row of the status in the table).
 * - kind + date: other ATH income (2 % of the rows) is listed and counted without visiting checkouts.
 * - completed totals: month (or any range) totals are an index-only range scan over completed rows,
 *   never a table scan; the amounts ride along in the index (INCLUDE).
 * - search: B-tree prefixes (text_pattern_ops, since the database collation need not be C) on the
 *   reference number, the ecommerce id and the phone's digits, and the last four digits; why
 *   prefixes and not pg_trgm: see searchCondition in utils/transactions-list-sql.ts.
 */
const LEDGER_DATE = `(COALESCE("transaction_date", "created_at"))`

export class Migration20261201120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_status_date" ON "athmovil_transaction" ("kind", "status", ${LEDGER_DATE}, "id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_kind_date" ON "athmovil_transaction" ("kind", ${LEDGER_DATE}, "id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_completed_totals" ON "athmovil_transaction" ("kind", ${LEDGER_DATE}) INCLUDE ("total", "fee", "net_amount", "refunded_total") WHERE deleted_at IS NULL AND status = 'COMPLETED';`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_reference_prefix" ON "athmovil_transaction" ("reference_number" text_pattern_ops) WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_ecommerce_prefix" ON "athmovil_transaction" ("ecommerce_id" text_pattern_ops) WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_phone_prefix" ON "athmovil_transaction" ((regexp_replace("customer_phone", '\\D', '', 'g')) text_pattern_ops) WHERE deleted_at IS NULL AND customer_phone IS NOT NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_phone_last4" ON "athmovil_transaction" ("phone_last4") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_phone_last4";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_phone_prefix";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_ecommerce_prefix";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_reference_prefix";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_completed_totals";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_kind_date";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_status_date";`)
  }
}
