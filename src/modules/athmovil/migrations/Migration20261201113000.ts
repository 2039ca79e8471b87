import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * The merchant's books (issue 13):
 * - `athmovil_transaction.kind`: eCommerce checkouts vs. "other ATH income" (ATH `PAYMENT` and
 *   `DONATION` made in the ATH Móvil app), which has no order and is totalled apart.
 * - per refund: the Medusa refund's note and reason, and the customer as ATH reports them.
 * - indexes for the Refunds and Customers tabs and the CSV exports (keyset reads by date/phone).
 * Upgrade-safe: columns are added with defaults, nothing is dropped or rewritten.
 */
export class Migration20261201113000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "athmovil_transaction" add column if not exists "kind" text not null default 'ecommerce';`);
    this.addSql(`alter table if exists "athmovil_transaction" drop constraint if exists "athmovil_transaction_kind_check";`);
    this.addSql(`alter table if exists "athmovil_transaction" add constraint "athmovil_transaction_kind_check" check ("kind" in ('ecommerce', 'payment', 'donation'));`);

    this.addSql(`alter table if exists "athmovil_refund" add column if not exists "note" text null;`);
    this.addSql(`alter table if exists "athmovil_refund" add column if not exists "reason" text null;`);
    this.addSql(`alter table if exists "athmovil_refund" add column if not exists "customer_name" text null;`);
    this.addSql(`alter table if exists "athmovil_refund" add column if not exists "customer_phone" text null;`);
    this.addSql(`alter table if exists "athmovil_refund" add column if not exists "customer_email" text null;`);

    // Refunds tab and refunds.csv: newest first by the refund's date, keyset on (date, id).
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_refund_date" ON "athmovil_refund" ((COALESCE("refunded_at", "created_at")), "id") WHERE deleted_at IS NULL;`);
    // Customers tab: one group per phone digits, read in phone order so a page stops after its rows.
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_customer_digits" ON "athmovil_transaction" ((regexp_replace("customer_phone", '\\D', '', 'g')), "id") WHERE deleted_at IS NULL AND status = 'COMPLETED' AND customer_phone IS NOT NULL;`);
    // transactions.csv (keyset in date order, any kind) and other-income totals of a date range.
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_books_date" ON "athmovil_transaction" ((COALESCE("transaction_date", "created_at")), "id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_books_date";`);
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_transaction_customer_digits";`);
    this.addSql(`DROP INDEX IF EXISTS "IDX_athmovil_refund_date";`);
    this.addSql(`alter table if exists "athmovil_refund" drop column if exists "customer_email";`);
    this.addSql(`alter table if exists "athmovil_refund" drop column if exists "customer_phone";`);
    this.addSql(`alter table if exists "athmovil_refund" drop column if exists "customer_name";`);
    this.addSql(`alter table if exists "athmovil_refund" drop column if exists "reason";`);
    this.addSql(`alter table if exists "athmovil_refund" drop column if exists "note";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop constraint if exists "athmovil_transaction_kind_check";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop column if exists "kind";`);
  }

}
