import { Modules } from "@medusajs/framework/utils"
import type { BigNumberInput, IPaymentModuleService, PaymentDTO } from "@medusajs/framework/types"
import { compareAmounts, subtractAmounts } from "../../../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import type { RefundDTO, TransactionDTO } from "../../../../modules/athmovil/types"
import { listAthMovilAccounts, type AthMovilContainer as Container } from "../../../../providers/athmovil/container"
import { sumAmounts, toAthAmount } from "../../../../providers/athmovil/money"
import { asSessionData, type AthSessionData } from "../../../../providers/athmovil/session-data"
import { displayStatus, type AthDisplayStatus } from "../../../../providers/athmovil/status-map"
import { paymentRefundIdentity } from "../../../../workflows/ledger/sync-payment"
import { ordersByCollection } from "../../../../workflows/reconcile-report/medusa-lookup"
import type { AthPaymentView, AthRefundView } from "../../../../modules/athmovil/admin-views"
import { webhookView } from "../webhook-events/webhook-view"

const amount = (value: BigNumberInput | null | undefined): string | null =>
  value === null || value === undefined || value === "" ? null : toAthAmount(value)

export function maskPhone(phone: string | null | undefined, last4?: string | null): string | null {
  const digits = (phone ?? "").replace(/\D/g, "")
  const tail = digits.length >= 4 ? digits.slice(-4) : last4 && /^\d{4}$/.test(last4) ? last4 : null
  return tail ? `(•••) •••-${tail}` : null
}

function refundView(r: RefundDTO): AthRefundView {
  return {
    id: r.id,
    reference_number: r.reference_number,
    amount: toAthAmount(r.amount),
    date: r.refunded_at ? new Date(r.refunded_at).toISOString() : new Date(r.created_at).toISOString(),
    source: r.source,
    state: r.state,
    medusa_refund_id: r.medusa_refund_id,
    message: r.message ?? null,
    note: r.note ?? null,
    reason: r.reason ?? null,
    customer_name: r.customer_name ?? null,
  }
}

/**
 * Refunds the provider recorded on the payment that the ledger does not hold yet (its subscriber
 * runs just after the refund): the ledger names each one `payment|<id>|<index>`.
 */
function refundsMissingInLedger(paymentId: string, data: AthSessionData, ledgerKeys: Set<string>): AthRefundView[] {
  const out: AthRefundView[] = []
  for (const [index, r] of (data.refunds ?? []).entries()) {
    if (ledgerKeys.has(paymentRefundIdentity(paymentId, index))) continue
    out.push({
      id: `${paymentId}:${index}`,
      reference_number: r.reference_number,
      amount: r.amount,
      // The refund service sends epoch-millisecond strings.
      date: r.date && /^\d+$/.test(r.date) ? new Date(Number(r.date)).toISOString() : r.date,
      source: r.source === "adopted" ? "business_app" : "medusa",
      state: "synced",
      medusa_refund_id: null,
      message: null,
      note: null,
      reason: null,
      customer_name: null,
    })
  }
  return out
}

async function ledgerRowOf(athmovil: AthMovilModuleService, paymentId: string, ecommerceId: string | undefined) {
  const [row] = await athmovil.listAthTransactions(ecommerceId ? { ecommerce_id: ecommerceId } : { payment_id: paymentId }, { take: 1 })
  return row as TransactionDTO | undefined
}

/** Builds the widget's view of one payment from Medusa, the provider's payment data and the ledger. */
export async function buildPaymentView(container: Container, paymentId: string): Promise<AthPaymentView> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment: PaymentDTO = await paymentModule.retrievePayment(paymentId, {
    select: ["id", "provider_id", "amount", "raw_amount", "currency_code", "data", "payment_collection_id", "captured_at"],
    relations: ["refunds", "captures"],
  })
  const athProviders = listAthMovilAccounts(container).map((a) => a.providerId)
  const orders = await ordersByCollection(container, [payment.payment_collection_id])
  const base = {
    payment_id: payment.id,
    provider_id: payment.provider_id,
    currency_code: payment.currency_code,
    order_id: orders.get(payment.payment_collection_id) ?? null,
  }
  if (!athProviders.includes(payment.provider_id)) {
    return { ...base, is_athmovil: false, medusa: null, ath: null, refunds: [], webhook_events: [] }
  }

  const captured = sumAmounts((payment.captures ?? []).map((c) => c.raw_amount ?? c.amount))
  const refunded = sumAmounts((payment.refunds ?? []).map((r) => r.raw_amount ?? r.amount))
  const medusa = {
    amount: toAthAmount(payment.raw_amount ?? payment.amount),
    captured,
    refunded,
    refundable: subtractAmounts(captured, refunded),
  }

  const data = asSessionData(payment.data)
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const row = await ledgerRowOf(athmovil, payment.id, data.ecommerce_id)
  const referenceNumber = row?.reference_number ?? data.reference_number ?? null
  const total = amount(row?.total) ?? amount(data.total) ?? null
  // Both come from ATH at some moment and only grow: the larger one is the fresher.
  const ledgerRefunded = amount(row?.refunded_total) ?? "0.00"
  const dataRefunded = amount(data.refunded_total) ?? "0.00"
  const athRefunded = compareAmounts(ledgerRefunded, dataRefunded) >= 0 ? ledgerRefunded : dataRefunded
  const athStatus = row?.status ?? data.athm_status ?? null
  const athRemaining = total && athStatus === "COMPLETED" ? subtractAmounts(total, athRefunded) : null
  const remaining = athRemaining === null ? null : compareAmounts(athRemaining, medusa.refundable) <= 0 ? athRemaining : medusa.refundable

  const ledgerRefunds = row ? await athmovil.listAthRefunds({ transaction_id: row.id }, { order: { created_at: "ASC" }, take: 200 }) : []
  // ATH refunds the report found that Medusa has not recorded yet are shown as waiting.
  const waiting = referenceNumber
    ? await athmovil.listAthRefunds({ original_reference_number: referenceNumber, state: "pending_medusa", transaction_id: null }, { take: 50 })
    : []
  const ledgerKeys = new Set(ledgerRefunds.map((r) => r.identity_key))
  const refunds = [...ledgerRefunds.map(refundView), ...refundsMissingInLedger(payment.id, data, ledgerKeys), ...waiting.map(refundView)]

  const references = [referenceNumber, ...refunds.map((r) => r.reference_number)].filter((r): r is string => !!r)
  const or: Record<string, unknown>[] = [{ payment_id: payment.id }]
  if (data.ecommerce_id) or.push({ ecommerce_id: data.ecommerce_id })
  if (references.length) or.push({ reference_number: references })
  const events = await athmovil.listAthWebhookEvents({ $or: or } as never, { order: { received_at: "DESC" }, take: 50 })

  return {
    ...base,
    is_athmovil: true,
    medusa,
    ath: {
      status: displayStatus(athStatus, total, athRefunded, data.expires_at),
      ath_status: athStatus,
      ecommerce_id: data.ecommerce_id ?? row?.ecommerce_id ?? null,
      reference_number: referenceNumber,
      daily_transaction_id: row?.daily_transaction_id ?? data.daily_transaction_id ?? null,
      transaction_date: row?.transaction_date ? new Date(row.transaction_date).toISOString() : data.transaction_date ?? null,
      // Customer details only from the ledger (ATH's own answers), never from payment data.
      customer_name: row?.customer_name ?? null,
      customer_phone: maskPhone(row?.customer_phone, data.phone_last4),
      total,
      subtotal: amount(row?.subtotal),
      tax: amount(row?.tax),
      items: Array.isArray(row?.items) ? row!.items! : [],
      fee: amount(row?.fee) ?? amount(data.fee),
      net_amount: amount(row?.net_amount) ?? amount(data.net_amount),
      refunded_total: athRefunded,
      remaining_refundable: remaining,
      last_synced_at: row?.last_synced_at ?? null,
      last_synced_via: row?.last_synced_via ?? null,
    },
    refunds,
    webhook_events: events.map(webhookView),
  }
}
