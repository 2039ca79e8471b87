import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { AthSyncSource } from "../../modules/athmovil/types"
import { listAthMovilAccounts, type AthMovilContainer as Container } from "../../providers/athmovil/container"
import { asSessionData } from "../../providers/athmovil/session-data"
import { linkLedgerToPayment } from "./record-ticket"


/**
 * A refund on a Medusa payment is the n-th entry of the provider's refund list; every path that
 * learns about it (this sync, webhooks, the report) writes or confirms that one ledger row.
 */
export function paymentRefundIdentity(paymentId: string, index: number): string {
  return `payment|${paymentId}|${index}`
}

/**
 * Copies what the provider stored on a Medusa payment (reference, fee, refunds) into the ledger
 * and links them. No ATH call: the provider read ATH when it wrote that data.
 */
export async function syncPaymentToLedger(container: Container, paymentId: string, via: AthSyncSource = "medusa") {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const query = container.resolve<{ graph(q: unknown): Promise<{ data: Array<Record<string, any>> }> }>(
    ContainerRegistrationKeys.QUERY
  )
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const payment = await paymentModule.retrievePayment(paymentId, {
    select: ["id", "provider_id", "data", "amount", "payment_session_id", "payment_collection_id"],
    relations: ["refunds", "refunds.refund_reason"],
  })
  // Any of the store's ATH accounts: the row records the payment's own.
  if (!listAthMovilAccounts(container).some((a) => a.providerId === payment.provider_id)) return null
  const data = asSessionData(payment.data)
  if (!data.ecommerce_id) return null

  const { data: carts } = await query.graph({
    entity: "cart_payment_collection",
    fields: ["cart_id"],
    filters: { payment_collection_id: payment.payment_collection_id },
  })
  const cartId = carts[0]?.cart_id ?? null
  const orders = cartId
    ? (await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })).data
    : []

  const row = await athmovil.upsertTransaction({
    ecommerce_id: data.ecommerce_id,
    provider_id: payment.provider_id,
    status: data.athm_status ?? "OPEN",
    total: data.total ?? data.amount ?? String(payment.amount),
    reference_number: data.reference_number ?? undefined,
    daily_transaction_id: data.daily_transaction_id ?? undefined,
    fee: data.fee ?? undefined,
    net_amount: data.net_amount ?? undefined,
    refunded_total: data.refunded_total ?? undefined,
    transaction_date: data.transaction_date ?? undefined,
    metadata1: data.session_id ?? undefined,
    payment_session_id: (payment as { payment_session_id?: string }).payment_session_id ?? data.session_id ?? undefined,
    payment_id: payment.id,
    cart_id: cartId ?? undefined,
    order_id: orders[0]?.order_id ?? undefined,
    expires_at: data.expires_at ?? undefined,
    last_synced_at: new Date(),
    last_synced_via: via,
  })
  await linkLedgerToPayment(container, row.id, payment.id)

  // The provider appends one entry per Medusa refund, so the n-th entry is the n-th Medusa refund.
  const medusaRefunds = [...(payment.refunds ?? [])].sort(
    (a, b) => new Date(a.created_at as Date).getTime() - new Date(b.created_at as Date).getTime()
  ) as Array<{ id: string; note?: string | null; refund_reason?: { label?: string | null } | null }>
  for (const [index, refund] of (data.refunds ?? []).entries()) {
    const medusaRefund = medusaRefunds[index]
    await athmovil.recordRefund({
      medusa_refund_id: medusaRefund?.id ?? null,
      note: medusaRefund?.note?.trim() || null,
      reason: medusaRefund?.refund_reason?.label ?? null,
      identity_key: paymentRefundIdentity(payment.id, index),
      amount: refund.amount,
      source: refund.source === "adopted" ? "business_app" : "medusa",
      state: "synced",
      reference_number: refund.reference_number,
      original_reference_number: data.reference_number ?? null,
      refunded_at: refund.date,
      daily_transaction_id: refund.daily_transaction_id,
      transaction_id: row.id,
    })
  }
  return row
}
