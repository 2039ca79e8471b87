import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { compareAmounts, subtractAmounts } from "../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { RefundDTO } from "../../modules/athmovil/types"
import { resolveAthMovil } from "../../providers/athmovil/container"
import { buildError } from "../../providers/athmovil/errors"
import { sumAmounts } from "../../providers/athmovil/money"
import { recordTicket } from "../ledger/record-ticket"
import { confirmLedgerRefund } from "../ledger/confirm-refund"
import { recordRefundMadeAtAth } from "../ledger/record-ath-refund"
import { syncPaymentToLedger } from "../ledger/sync-payment"
import { reconcileAthSession, type ReconcileOutcome } from "../recover-sessions"
import { paymentsById } from "./medusa-lookup"
import { ledgerAmount } from "./sync-ledger"
import type { FixInput, FixResult } from "../../modules/athmovil/admin-views"
import type { Container } from "./types"

type Locking = { execute<T>(key: string, job: () => Promise<T>, args?: { timeout?: number }): Promise<T> }

/**
 * (c) Records in Medusa the refunds ATH made without it, once. Serialised per payment with the
 * refund webhook handler (same lock key); ATH is asked for its refunded total at the moment of
 * the fix, so a second click, or a webhook that got there first, finds nothing left to do. The
 * provider adopts refunds ATH already holds instead of refunding the shopper again.
 */
async function createMissingRefund(container: Container, paymentId: string): Promise<FixResult> {
  const locking = container.resolve<Locking>(Modules.LOCKING)
  return locking.execute(`athmovil:payment:${paymentId}`, () => createMissingRefundLocked(container, paymentId), {
    timeout: 30,
  })
}

async function createMissingRefundLocked(container: Container, paymentId: string): Promise<FixResult> {
  const payment = (await paymentsById(container, null, [paymentId])).get(paymentId)
  if (!payment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `payment_id ${paymentId} is not an ATH Móvil payment of this store`)
  }
  const ecommerceId = payment.data.ecommerce_id
  if (!ecommerceId || !payment.data.reference_number) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Payment ${paymentId} was never completed at ATH Móvil, so it has no refunds there.`)
  }
  let ticket
  try {
    // The payment's own account.
    ticket = await resolveAthMovil(container, payment.provider_id).client.findPayment(ecommerceId)
  } catch (e) {
    throw buildError("read the payment", e)
  }
  const gap = subtractAmounts(ticket.totalRefundedAmount, payment.refunded)
  if (compareAmounts(gap, "0.00") <= 0) {
    return {
      kind: "create_refund",
      outcome: "nothing_to_do",
      message: `Medusa already records every refund ATH Móvil shows on ${payment.data.reference_number} (${ticket.totalRefundedAmount} USD).`,
      refund_ids: [],
      order_id: null,
    }
  }

  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const [ledgerRow] = await athmovil.listAthTransactions({ ecommerce_id: ecommerceId }, { take: 1 })
  const pending = await athmovil.listAthRefunds(
    { original_reference_number: payment.data.reference_number, state: "pending_medusa" },
    { order: { refunded_at: "ASC" } }
  )
  // One Medusa refund per ATH refund when the report explained the whole gap (each then carries
  // its ATH details); otherwise one refund for the gap.
  const explained = pending.length && compareAmounts(sumAmounts(pending.map((r) => r.amount)), gap) === 0
  const plan: Array<{ amount: string; athRefund: RefundDTO | null }> = explained
    ? pending.map((r) => ({ amount: ledgerAmount(r.amount), athRefund: r }))
    : [{ amount: gap, athRefund: null }]

  const refundIds: string[] = []
  for (const step of plan) {
    const refundId = await refundOnce(container, paymentId, step.amount)
    refundIds.push(refundId)
    // The Medusa refund's ledger row now exists; ATH's details from the report complete it, and
    // the waiting record is retired so the refund is counted and listed once.
    await syncPaymentToLedger(container, paymentId, "report")
    if (ledgerRow && step.athRefund) await adoptReportDetails(container, ledgerRow.id, ledgerRow.reference_number, step.athRefund, refundId)
  }
  await recordTicket(container, ticket, { via: "poll", providerId: payment.provider_id, paymentId })
  const [order] = await orderIdsOf(container, paymentId)
  return {
    kind: "create_refund",
    outcome: "applied",
    message: `Recorded ${gap} USD refunded in ATH Móvil as ${refundIds.length} Medusa refund(s) on ${payment.data.reference_number}; nothing was refunded again.`,
    refund_ids: refundIds,
    order_id: order ?? null,
  }
}

/** One Medusa refund for money ATH already refunded: the provider adopts it and calls no ATH refund. */
async function refundOnce(container: Container, paymentId: string, amount: string): Promise<string> {
  const before = new Set(await refundIdsOf(container, paymentId))
  try {
    await recordRefundMadeAtAth(container, paymentId, amount)
  } catch (e) {
    throw e instanceof MedusaError ? e : buildError("record the refund in Medusa", e)
  }
  return (await refundIdsOf(container, paymentId)).find((id) => !before.has(id)) ?? ""
}

async function adoptReportDetails(
  container: Container,
  transactionId: string,
  originalReference: string | null,
  athRefund: RefundDTO,
  medusaRefundId: string
) {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const confirmed = await confirmLedgerRefund(container, {
    transactionId,
    referenceNumber: athRefund.reference_number !== originalReference ? athRefund.reference_number : null,
    amount: ledgerAmount(athRefund.amount),
    date: athRefund.refunded_at ? new Date(athRefund.refunded_at).toISOString() : null,
    dailyTransactionId: athRefund.daily_transaction_id,
    message: athRefund.message,
  })
  if (!confirmed) return
  if (!confirmed.medusa_refund_id && medusaRefundId) {
    await athmovil.updateAthRefunds({ id: confirmed.id, medusa_refund_id: medusaRefundId })
  }
  await athmovil.softDeleteAthRefunds([athRefund.id])
}

async function refundIdsOf(container: Container, paymentId: string): Promise<string[]> {
  const payment = await container
    .resolve<IPaymentModuleService>(Modules.PAYMENT)
    .retrievePayment(paymentId, { select: ["id"], relations: ["refunds"] })
  return (payment.refunds ?? []).map((r) => r.id)
}

async function orderIdsOf(container: Container, paymentId: string): Promise<string[]> {
  const query = container.resolve<{ graph(q: unknown): Promise<{ data: Array<Record<string, any>> }> }>("query")
  const { data } = await query.graph({
    entity: "payment",
    fields: ["payment_collection.order.id"],
    filters: { id: paymentId },
  })
  const id = data[0]?.payment_collection?.order?.id
  return id ? [id] : []
}

const RECOVER_MESSAGES: Record<ReconcileOutcome, [FixResult["outcome"], string]> = {
  order_created: ["applied", "The shopper's order was created from the ATH Móvil payment."],
  payment_attached: ["applied", "The ATH Móvil payment was attached to the existing order."],
  marked_canceled: ["applied", "ATH Móvil shows the payment cancelled; the payment session was cancelled."],
  already_done: ["nothing_to_do", "The payment already belongs to an order."],
  waiting: ["waiting", "ATH Móvil does not show the payment as paid yet; nothing was changed."],
  locked: ["waiting", "Another process is completing this payment right now; check again in a moment."],
  not_found: ["nothing_to_do", "No ATH Móvil payment session with that id."],
}

/** (a) Gives a shopper who paid at ATH their order, exactly once (the closed-tab recovery). */
async function recoverPaidSession(container: Container, sessionId: string): Promise<FixResult> {
  let outcome: ReconcileOutcome
  try {
    outcome = await reconcileAthSession(container, sessionId, { lockTimeoutSeconds: 10 })
  } catch (e) {
    throw buildError("recover the payment session", e)
  }
  if (outcome === "not_found") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `payment_session_id ${sessionId} is not an ATH Móvil payment session of this store`)
  }
  const [result, message] = RECOVER_MESSAGES[outcome]
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const [payment] = await paymentModule.listPayments({ payment_session_id: sessionId }, { select: ["id"] })
  const [order] = payment ? await orderIdsOf(container, payment.id) : []
  return { kind: "recover_session", outcome: result, message, refund_ids: [], order_id: order ?? null }
}

export async function applyReconciliationFix(container: Container, fix: FixInput): Promise<FixResult> {
  return fix.kind === "create_refund"
    ? createMissingRefund(container, fix.payment_id)
    : recoverPaidSession(container, fix.payment_session_id)
}
