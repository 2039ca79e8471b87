import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * A ledger from the first second (issue 13): each ATH ticket is stored when the payment starts,
 * with the receipt sent to ATH (subtotal, IVU tax, items) and the last 4 digits of the phone the
 * push went to; ATH's `message` and `businessCustomerId` are kept once ATH reports them.
 * Upgrade-safe: nullable columns only, nothing dropped or rewritten. Rows written before this
 * migration keep NULL there (their receipt was the single "Order" line).
 */
export class Migration20261201110000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "athmovil_transaction" add column if not exists "subtotal" numeric null;`);
    this.addSql(`alter table if exists "athmovil_transaction" add column if not exists "raw_subtotal" jsonb null;`);
    this.addSql(`alter table if exists "athmovil_transaction" add column if not exists "tax" numeric null;`);
    this.addSql(`alter table if exists "athmovil_transaction" add column if not exists "raw_tax" jsonb null;`);
    this.addSql(`alter table if exists "athmovil_transaction" add column if not exists "items" jsonb null;`);
    this.addSql(`alter table if exists "athmovil_transaction" add column if not exists "message" text null;`);
    this.addSql(`alter table if exists "athmovil_transaction" add column if not exists "business_customer_id" text null;`);
    this.addSql(`alter table if exists "athmovil_transaction" add column if not exists "phone_last4" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "athmovil_transaction" drop column if exists "phone_last4";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop column if exists "business_customer_id";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop column if exists "message";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop column if exists "items";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop column if exists "raw_tax";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop column if exists "tax";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop column if exists "raw_subtotal";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop column if exists "subtotal";`);
  }

}
