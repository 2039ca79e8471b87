import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261121135000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "athmovil_webhook_event" drop constraint if exists "athmovil_webhook_event_idempotency_key_unique";`);
    this.addSql(`alter table if exists "athmovil_refund" drop constraint if exists "athmovil_refund_identity_key_unique";`);
    this.addSql(`alter table if exists "athmovil_transaction" drop constraint if exists "athmovil_transaction_ecommerce_id_unique";`);
    this.addSql(`create table if not exists "athmovil_transaction" ("id" text not null, "ecommerce_id" text not null, "reference_number" text null, "daily_transaction_id" text null, "status" text not null, "total" numeric not null, "fee" numeric null, "net_amount" numeric null, "refunded_total" numeric not null default 0, "currency_code" text not null default 'usd', "customer_name" text null, "customer_phone" text null, "customer_email" text null, "metadata1" text null, "metadata2" text null, "transaction_date" timestamptz null, "payment_session_id" text null, "payment_id" text null, "cart_id" text null, "order_id" text null, "expires_at" timestamptz null, "last_synced_at" timestamptz null, "last_synced_via" text null, "raw_total" jsonb not null, "raw_fee" jsonb null, "raw_net_amount" jsonb null, "raw_refunded_total" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "athmovil_transaction_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_athmovil_transaction_ecommerce_id_unique" ON "athmovil_transaction" ("ecommerce_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_reference_number" ON "athmovil_transaction" ("reference_number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_payment_session_id" ON "athmovil_transaction" ("payment_session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_payment_id" ON "athmovil_transaction" ("payment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_transaction_deleted_at" ON "athmovil_transaction" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "athmovil_refund" ("id" text not null, "identity_key" text not null, "reference_number" text null, "original_reference_number" text null, "amount" numeric not null, "refunded_at" timestamptz null, "daily_transaction_id" text null, "message" text null, "source" text check ("source" in ('medusa', 'webhook', 'report', 'business_app')) not null, "state" text check ("state" in ('completed', 'pending_medusa', 'synced')) not null default 'completed', "medusa_refund_id" text null, "transaction_id" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "athmovil_refund_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_athmovil_refund_identity_key_unique" ON "athmovil_refund" ("identity_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_refund_original_reference_number" ON "athmovil_refund" ("original_reference_number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_refund_transaction_id" ON "athmovil_refund" ("transaction_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_refund_deleted_at" ON "athmovil_refund" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "athmovil_webhook_event" ("id" text not null, "idempotency_key" text null, "duplicate_of_id" text null, "kind" text not null, "status" text null, "ecommerce_id" text null, "reference_number" text null, "amount" numeric null, "payload" jsonb null, "raw_body" text not null, "remote_ip" text null, "received_at" timestamptz not null, "processing_started_at" timestamptz null, "processed_at" timestamptz null, "outcome" text check ("outcome" in ('pending', 'applied', 'duplicate', 'ignored', 'unmatched', 'rejected')) not null default 'pending', "error" text null, "attempts" integer not null default 0, "payment_session_id" text null, "payment_id" text null, "raw_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "athmovil_webhook_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_athmovil_webhook_event_idempotency_key_unique" ON "athmovil_webhook_event" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_webhook_event_ecommerce_id" ON "athmovil_webhook_event" ("ecommerce_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_webhook_event_reference_number" ON "athmovil_webhook_event" ("reference_number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_webhook_event_deleted_at" ON "athmovil_webhook_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_athmovil_webhook_event_received_at" ON "athmovil_webhook_event" ("received_at") WHERE outcome = 'pending' AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "athmovil_refund" add constraint "athmovil_refund_transaction_id_foreign" foreign key ("transaction_id") references "athmovil_transaction" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "athmovil_refund" drop constraint if exists "athmovil_refund_transaction_id_foreign";`);

    this.addSql(`drop table if exists "athmovil_transaction" cascade;`);

    this.addSql(`drop table if exists "athmovil_refund" cascade;`);

    this.addSql(`drop table if exists "athmovil_webhook_event" cascade;`);
  }

}
