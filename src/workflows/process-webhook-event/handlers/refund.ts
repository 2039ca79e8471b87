import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { compareAmounts, subtractAmounts, type AthWebhookEvent } from "../../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../../modules/athmovil"
import type AthMovilModuleService from "../../../modules/athmovil/service"
import type { TransactionDTO } from "../../../modules/athmovil/types"
import { resolveAthMovil } from "../../../providers/athmovil/container"
import { confirmLedgerRefund } from "../../ledger/confirm-refund"
import { recordTicket } from "../../ledger/record-ticket"
import { syncPaymentToLedger } from "../../ledger/sync-payment"
import type { Container, WebhookHandler } from "./types"

export const REFUNDED_IN_ATH_NOTE = "Refunded in ATH Business"

/**
 * Refund notices carry no ecommerceId; ATH has sent the original payment's reference number in
 * them, but the refund's own reference is matched too.
 */
async function ledgerRowFor(container: Container, event: AthWebhookEvent): Promise<TransactionDTO | null> {
  if (!event.referenceNumber) return null
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const [byPayment] = await athmovil.listAthTransactions({ reference_number: event.referenceNumber }, { take: 1 })
  if (byPayment) return byPayment
  const [byRefund] = await athmovil.listAthRefunds({ reference_number: event.referenceNumber }, { take: 1 })
  return byRefund?.transaction_id ? athmovil.retrieveAthTransaction(byRefund.transaction_id) : null
}

/**
 * A refund seen at ATH. Whatever ATH has refunded beyond what Medusa recorded becomes a Medusa
 * refund (the provider records it without refunding again), so Medusa's totals equal ATH's.
 * Serialised per payment: two notices can never both fill the same gap.
 */
export const refundSent: WebhookHandler = async (container, event) => {
  const row = await ledgerRowFor(container, event)
  if (!row?.payment_id) {
    return { outcome: "unmatched", error: `No Medusa payment has ATH reference ${event.referenceNumber ?? "(none)"}.` }
  }
  const paymentId = row.payment_id
  const locking = container.resolve<{ execute<T>(k: string, job: () => Promise<T>, a?: { timeout?: number }): Promise<T> }>(Modules.LOCKING)
  return locking.execute(`athmovil:payment:${paymentId}`, async () => {
    const ticket = await resolveAthMovil(container).client.findPayment(row.ecommerce_id)
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const payment = await paymentModule.retrievePayment(paymentId, { select: ["id"], relations: ["refunds"] })
    const medusaRefunded = MathBN.add(0, ...(payment.refunds ?? []).map((r) => r.raw_amount ?? r.amount)).toFixed(2)
    const missing = subtractAmounts(ticket.totalRefundedAmount, medusaRefunded)
    if (compareAmounts(missing, "0.00") > 0) {
      const amount = compareAmounts(missing, event.total) < 0 ? missing : event.total
      await refundPaymentWorkflow(container as never).run({
        input: { payment_id: paymentId, amount, note: REFUNDED_IN_ATH_NOTE },
      })
      container
        .resolve<{ info(m: string): void }>(ContainerRegistrationKeys.LOGGER)
        .info(`ATH Móvil refund of ${amount} on ${row.reference_number} made outside Medusa recorded as a Medusa refund`)
    }
    // The ledger row of every Medusa refund exists after this; ATH's details then fill in the one this notice is about.
    await syncPaymentToLedger(container, paymentId, "webhook")
    await confirmLedgerRefund(container, {
      transactionId: row.id,
      referenceNumber: event.referenceNumber !== row.reference_number ? event.referenceNumber : null,
      amount: event.total,
      date: event.date,
      dailyTransactionId: event.dailyTransactionId,
      message: event.message,
    })
    await recordTicket(container, ticket, { via: "webhook", paymentId })
    return { outcome: "applied" as const, payment_id: paymentId }
  }, { timeout: 30 })
}
