import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { compareAmounts, subtractAmounts, type AthReportRow, type AthWebhookEvent } from "../../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../../modules/athmovil"
import type AthMovilModuleService from "../../../modules/athmovil/service"
import type { TransactionDTO } from "../../../modules/athmovil/types"
import type { AthMovilContext } from "../../../providers/athmovil/container"
import { sumAmounts } from "../../../providers/athmovil/money"
import { confirmLedgerRefund, seenRefundFromAth } from "../../ledger/confirm-refund"
import { recordRefundMadeAtAth } from "../../ledger/record-ath-refund"
import { recordTicket } from "../../ledger/record-ticket"
import { syncPaymentToLedger } from "../../ledger/sync-payment"
import type { Container, WebhookHandler } from "./types"

/**
 * Refund notices carry no ecommerceId; ATH has sent the original payment's reference number in
 * them, but the refund's own reference is matched too.
 */
async function ledgerRowFor(container: Container, event: AthWebhookEvent, providerId: string): Promise<TransactionDTO | null> {
  if (!event.referenceNumber) return null
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  // Only the receiving account's rows: another account's payment is never refunded from this notice.
  const [byPayment] = await athmovil.listAthTransactions({ reference_number: event.referenceNumber, provider_id: providerId }, { take: 1 })
  if (byPayment) return byPayment
  const [byRefund] = await athmovil.listAthRefunds({ reference_number: event.referenceNumber }, { take: 1 })
  const row = byRefund?.transaction_id ? await athmovil.retrieveAthTransaction(byRefund.transaction_id) : null
  return row?.provider_id === providerId ? row : null
}

const sameDailyId = (a: string | null, b: string | null) =>
  a === b || (!!a && !!b && /^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b))
const sameInstant = (a: string | null, b: string | null) => !a || !b || Date.parse(a) === Date.parse(b)

/**
 * ATH's own record of the refund a notice describes (search by the refund's reference, or by its
 * amount and daily id), or null when ATH shows no such refund: then the notice is only a hint and
 * nothing from its body reaches the ledger.
 */
async function athRefundFor(account: AthMovilContext, event: AthWebhookEvent, row: TransactionDTO): Promise<AthReportRow | null> {
  const { client, options } = account
  if (!options.privateToken) return null
  const ownReference = event.referenceNumber && event.referenceNumber !== row.reference_number ? event.referenceNumber : null
  const filters = ownReference
    ? { referenceNumber: ownReference }
    : event.dailyTransactionId
      ? { total: event.total, dailyTransactionId: event.dailyTransactionId }
      : { total: event.total }
  const found = await client.searchTransaction(filters)
  const refunds = found.filter(
    (r) =>
      r.transactionType.toUpperCase() === "REFUND" &&
      compareAmounts(r.total, event.total) === 0 &&
      (!event.dailyTransactionId || sameDailyId(r.dailyTransactionId, event.dailyTransactionId)) &&
      sameInstant(r.date, event.date)
  )
  return refunds.length === 1 ? refunds[0] : null
}

/**
 * A refund seen at ATH. Whatever ATH has refunded beyond what Medusa recorded (findPayment)
 * becomes a Medusa refund (the provider records it without refunding again), so Medusa's totals
 * equal ATH's. The ledger's refund row is confirmed only with ATH's own record of the refund
 * (search), never with the notice's body. Serialised per payment: two notices can never both
 * fill the same gap.
 */
export const refundSent: WebhookHandler = async (container, event, account) => {
  const row = await ledgerRowFor(container, event, account.providerId)
  if (!row?.payment_id) {
    return { outcome: "unmatched", error: `No Medusa payment has ATH reference ${event.referenceNumber ?? "(none)"}.` }
  }
  const paymentId = row.payment_id
  const locking = container.resolve<{ execute<T>(k: string, job: () => Promise<T>, a?: { timeout?: number }): Promise<T> }>(Modules.LOCKING)
  return locking.execute(`athmovil:payment:${paymentId}`, async () => {
    const ticket = await account.client.findPayment(row.ecommerce_id)
    const athRefund = await athRefundFor(account, event, row)
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const payment = await paymentModule.retrievePayment(paymentId, { select: ["id"], relations: ["refunds"] })
    const medusaRefunded = sumAmounts((payment.refunds ?? []).map((r) => r.raw_amount ?? r.amount))
    const missing = subtractAmounts(ticket.totalRefundedAmount, medusaRefunded)
    const filled = compareAmounts(missing, "0.00") > 0
    if (filled) {
      // One Medusa refund per ATH refund: the notice's refund, as ATH records it, when ATH shows it.
      const cap = athRefund?.total ?? event.total
      const amount = compareAmounts(missing, cap) < 0 ? missing : cap
      await recordRefundMadeAtAth(container, paymentId, amount)
      container
        .resolve<{ info(m: string): void }>(ContainerRegistrationKeys.LOGGER)
        .info(`ATH Móvil refund of ${amount} on ${row.reference_number} made outside Medusa recorded as a Medusa refund`)
    }
    // The ledger row of every Medusa refund exists after this; ATH's details then fill in the one this notice is about.
    await syncPaymentToLedger(container, paymentId, "webhook")
    if (athRefund) await confirmLedgerRefund(container, seenRefundFromAth(row.id, row.reference_number, athRefund))
    await recordTicket(container, ticket, { via: "webhook", providerId: account.providerId, paymentId })
    if (!athRefund && !filled) {
      return { outcome: "unmatched" as const, error: "ATH shows no refund with this notice's reference, amount and daily id.", payment_id: paymentId }
    }
    return {
      outcome: "applied" as const,
      error: athRefund ? null : "ATH's search shows no refund with these details yet; the ledger row waits for the report sync.",
      payment_id: paymentId,
    }
  }, { timeout: 30 })
}
