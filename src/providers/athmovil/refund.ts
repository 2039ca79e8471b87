import { MedusaError } from "@medusajs/framework/utils"
import type { BigNumberInput, Logger, RefundPaymentInput, RefundPaymentOutput } from "@medusajs/framework/types"
import { compareAmounts, subtractAmounts, type AthMovilClient, type AthPayment } from "../../lib/athmovil"
import { buildError, outcomeUnknown } from "./errors"
import { sumAmounts, toAthAmount } from "./money"
import { withTicketLock } from "./payment-lock"
import { isRecordedAtAth } from "./refund-origin"
import { asSessionData, ownSessionData, withRefund, type AthRefundRecord, type AthSessionData } from "./session-data"

type RefundRow = { id: string; payment_id?: string; amount?: BigNumberInput; raw_amount?: BigNumberInput; note?: string | null; metadata?: Record<string, unknown> | null }
type RefundLookup = {
  retrieve(id: string, config: { select: string[] }): Promise<RefundRow>
  list(filters: Record<string, unknown>, config: { select: string[] }): Promise<RefundRow[]>
}
type PaymentLookup = { retrieve(id: string, config: { select: string[] }): Promise<{ id: string; data?: Record<string, unknown> | null }> }

const RECONCILE_READS = 3
const RECONCILE_SPACING_MS = 400

/** What a refund needs from the provider: its client, its ticket read, and the Payment module's container. */
export interface RefundContext {
  client: AthMovilClient
  logger: Logger
  privateToken: string | undefined
  /** The Payment module's container: its refund and payment services and the shared pg connection. */
  container: Record<string, unknown>
  /** The provider's read of the ticket (checks it is this session's, writes the ledger). */
  findPayment(data: AthSessionData, action: string): Promise<AthPayment>
}

/**
 * Serialised per ticket (advisory lock) around the ATH read, the ATH refund and the record, and
 * decided from Medusa's own refund rows against ATH's refunded total — never from payment data.
 * A refund the ATH side already made (refund notice, reconciliation) is recorded without paying
 * only when its Medusa refund carries `RECORDED_AT_ATH_METADATA`; an admin's new refund is
 * always paid, and refused while ATH holds refunds Medusa has not recorded yet.
 */
export async function refundAtAth(ctx: RefundContext, input: RefundPaymentInput): Promise<RefundPaymentOutput> {
  if (!ctx.privateToken) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "ATH Móvil refunds need the privateToken provider option (ATH Business app → Settings → Development). Add it to medusa-config.ts and restart Medusa."
    )
  }
  const data = asSessionData(input.data)
  const referenceNumber = data.reference_number
  if (!referenceNumber || !data.ecommerce_id) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "This ATH Móvil payment has no reference number (it was never completed), so there is nothing to refund."
    )
  }
  const amount = toAthAmount(input.amount)
  const refund = await medusaRefund(ctx, input.context?.idempotency_key)
  const knex = ctx.container.__pg_connection__ as Parameters<typeof withTicketLock>[0]
  return withTicketLock(knex, `athmovil:refund:${data.ecommerce_id}`, ctx.logger, async () => {
    const before = await ctx.findPayment(data, "prepare the refund")
    const unrecorded = subtractAmounts(before.totalRefundedAmount, await recordedElsewhere(ctx, refund))
    const current = { ...data, ...(await currentPaymentData(ctx, refund)) }
    const record = (payment: AthPayment, r: Omit<AthRefundRecord, "medusa_refund_id">) =>
      ({ data: ownSessionData(withRefund(current, payment, { medusa_refund_id: refund?.id ?? null, ...r }), input.data) })
    const noAthReference = { reference_number: null, amount, date: new Date().toISOString(), daily_transaction_id: null }

    if (refund && isRecordedAtAth(refund.metadata)) {
      if (compareAmounts(unrecorded, amount) < 0) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `ATH Móvil shows ${compareAmounts(unrecorded, "0.00") > 0 ? unrecorded : "0.00"} USD refunded on ${referenceNumber} that Medusa has not recorded, less than the ${amount} USD to record; nothing was recorded or refunded.`
        )
      }
      ctx.logger.info(`ATH Móvil refund of ${amount} on ${referenceNumber} made outside Medusa recorded without a new ATH refund`)
      return record(before, { ...noAthReference, source: "adopted" })
    }
    if (compareAmounts(unrecorded, "0.00") > 0) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `ATH Móvil already shows ${unrecorded} USD refunded on ${referenceNumber} that Medusa has not recorded (a refund made in the ATH Business app, or one whose answer was lost). ` +
          "Record it first (admin → ATH Móvil → Reconciliation, or wait for ATH's refund notice), then refund again if more is owed. Nothing was refunded."
      )
    }
    const refundable = subtractAmounts(before.total, before.totalRefundedAmount)
    if (compareAmounts(amount, refundable) > 0) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `ATH Móvil can refund at most ${refundable} USD more on payment ${referenceNumber}; ${amount} USD was asked.`
      )
    }

    const message = refund?.note?.trim() ? refund.note.trim().slice(0, 50) : undefined
    try {
      const result = await ctx.client.refundPayment({ referenceNumber, amount, message })
      return record({ ...before, totalRefundedAmount: result.original.totalRefundedAmount }, {
        reference_number: result.refund.referenceNumber,
        amount: result.refund.amount,
        date: result.refund.date,
        daily_transaction_id: result.refund.dailyTransactionId,
        source: "medusa",
      })
    } catch (e) {
      if (!outcomeUnknown(e)) throw buildError("refund the payment", e)
      const after = await awaitRefundedTotal(ctx, data, before.totalRefundedAmount, amount)
      if (!after) {
        throw new MedusaError(
          MedusaError.Types.UNEXPECTED_STATE,
          `ATH Móvil did not confirm the refund of ${amount} USD on ${referenceNumber} and shows no new refund, so none was recorded. Check the payment again before retrying.`
        )
      }
      ctx.logger.warn(`ATH Móvil refund response for ${referenceNumber} was lost; ATH shows it done, recording it once`)
      return record(after, { ...noAthReference, source: "medusa" })
    }
  })
}

/** The Medusa refund being paid (Medusa passes its id as the idempotency key): note, metadata, payment. */
async function medusaRefund(ctx: RefundContext, refundId: string | undefined): Promise<RefundRow | null> {
  const refunds = ctx.container.refundService as RefundLookup | undefined
  if (!refundId || !refunds) return null
  return refunds.retrieve(refundId, { select: ["id", "payment_id", "note", "metadata"] }).catch(() => null)
}

/** What Medusa's own refund rows of this payment add up to, the one being paid left out. */
async function recordedElsewhere(ctx: RefundContext, refund: RefundRow | null): Promise<string> {
  const refunds = ctx.container.refundService as RefundLookup | undefined
  if (!refund?.payment_id || !refunds) return "0.00"
  const rows = await refunds.list({ payment_id: refund.payment_id }, { select: ["id", "amount", "raw_amount"] })
  return sumAmounts(rows.filter((r) => r.id !== refund.id).map((r) => r.raw_amount ?? r.amount ?? 0))
}

/**
 * The payment's data as stored now, read under the lock: Medusa handed the provider a copy read
 * before another refund of this payment finished, and its record must not be lost.
 */
async function currentPaymentData(ctx: RefundContext, refund: RefundRow | null): Promise<Partial<AthSessionData>> {
  const payments = ctx.container.paymentService as PaymentLookup | undefined
  if (!refund?.payment_id || !payments) return {}
  const payment = await payments.retrieve(refund.payment_id, { select: ["id", "data"] }).catch(() => null)
  const stored = asSessionData(payment?.data)
  return stored.ecommerce_id ? { refunds: stored.refunds, refunded_total: stored.refunded_total } : {}
}

/** After an unknown outcome: has ATH's refunded total risen by the amount? A few spaced reads, never a second refund. */
async function awaitRefundedTotal(ctx: RefundContext, data: AthSessionData, before: string, amount: string): Promise<AthPayment | null> {
  const target = sumAmounts([before, amount])
  for (let i = 0; i < RECONCILE_READS; i++) {
    const fresh = await ctx.findPayment(data, "confirm the refund")
    if (compareAmounts(fresh.totalRefundedAmount, target) >= 0) return fresh
    await new Promise((r) => setTimeout(r, RECONCILE_SPACING_MS))
  }
  return null
}
