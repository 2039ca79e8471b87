import { model } from "@medusajs/framework/utils"
import { AthTransaction } from "./transaction"

/**
 * One refund as ATH Móvil executed it. `identity_key` is computed by the
 * caller (e.g. the Medusa refund id, or ATH's refund reference number) so that
 * the same refund seen through several sources is stored once, while two
 * partial refunds of one payment get different keys.
 */
export const AthRefund = model.define(
  { name: "AthRefund", tableName: "athmovil_refund" },
  {
    id: model.id({ prefix: "athref" }).primaryKey(),
    identity_key: model.text().unique(),
    reference_number: model.text().nullable(),
    original_reference_number: model.text().index().nullable(),
    amount: model.bigNumber(),
    refunded_at: model.dateTime().nullable(),
    daily_transaction_id: model.text().nullable(),
    message: model.text().nullable(),
    source: model.enum(["medusa", "webhook", "report", "business_app"]),
    state: model.enum(["completed", "pending_medusa", "synced"]).default("completed"),
    medusa_refund_id: model.text().nullable(),
    // The Medusa refund's note (its first 50 characters are the message sent to ATH) and reason.
    note: model.text().nullable(),
    reason: model.text().nullable(),
    // The customer as ATH reports them on the refund (webhook or report).
    customer_name: model.text().nullable(),
    customer_phone: model.text().nullable(),
    customer_email: model.text().nullable(),
    transaction: model
      .belongsTo(() => AthTransaction, { mappedBy: "refunds" })
      .nullable(),
  }
)
