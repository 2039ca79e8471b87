import { model } from "@medusajs/framework/utils"
import { AthRefund } from "./refund"

/**
 * The plugin's copy of what ATH Móvil knows about one payment (keyed by ATH's
 * `ecommerce_id`). Every source (our own API calls, webhooks, the daily
 * report, polling) writes here through the service's guarded upsert.
 */
export const AthTransaction = model.define(
  { name: "AthTransaction", tableName: "athmovil_transaction" },
  {
    id: model.id({ prefix: "athtx" }).primaryKey(),
    ecommerce_id: model.text().unique(),
    // The ATH Business account, as Medusa's provider id (pp_athmovil_<id>); indexes in Migration20261206100000.
    provider_id: model.text(),
    // ecommerce: a checkout of this store; payment | donation: "other ATH income" made in the
    // ATH Móvil app (no order; its ecommerce_id is `ref:<ATH reference number>`).
    kind: model.enum(["ecommerce", "payment", "donation"]).default("ecommerce"),
    reference_number: model.text().index().nullable(),
    daily_transaction_id: model.text().nullable(),
    // OPEN | CONFIRM | COMPLETED | CANCEL | EXPIRED
    status: model.text(),
    total: model.bigNumber(),
    // The receipt sent to ATH with the payment (built from the cart): subtotal = total − tax,
    // and `items` the ATH items as sent ({name, description, quantity, price, tax, metadata, sku}).
    subtotal: model.bigNumber().nullable(),
    tax: model.bigNumber().nullable(),
    items: model.json().nullable(),
    // ATH's `message` and `businessCustomerId` of the payment, as ATH reports them.
    message: model.text().nullable(),
    business_customer_id: model.text().nullable(),
    // Last 4 digits of the phone the payment was pushed to (the shopper's, from Medusa's own rows).
    phone_last4: model.text().nullable(),
    fee: model.bigNumber().nullable(),
    net_amount: model.bigNumber().nullable(),
    refunded_total: model.bigNumber().default(0),
    currency_code: model.text().default("usd"),
    customer_name: model.text().nullable(),
    customer_phone: model.text().nullable(),
    customer_email: model.text().nullable(),
    metadata1: model.text().nullable(),
    metadata2: model.text().nullable(),
    transaction_date: model.dateTime().nullable(),
    payment_session_id: model.text().index().nullable(),
    payment_id: model.text().index().nullable(),
    cart_id: model.text().nullable(),
    order_id: model.text().nullable(),
    expires_at: model.dateTime().nullable(),
    last_synced_at: model.dateTime().nullable(),
    // medusa | webhook | report | poll
    last_synced_via: model.text().nullable(),
    refunds: model.hasMany(() => AthRefund, { mappedBy: "transaction" }),
  }
)
