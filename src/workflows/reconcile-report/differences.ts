import { TransactionError, compareAmounts, subtractAmounts } from "../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import { resolveAthMovil } from "../../providers/athmovil/container"
import { paymentsById, paymentsCapturedBetween, type MedusaPaymentView } from "./medusa-lookup"
import { ledgerAmount } from "./sync-ledger"
import type {
  AthRefundSummary,
  Container,
  Difference,
  LedgerPhaseResult,
  MatchedPayment,
  ReconcileRange,
  RefundsPhaseResult,
  ReportRowLite,
} from "./types"

/** Medusa payments checked one by one at ATH in one run, at most (each is one findPayment). */
const MAX_ATH_CHECKS = 200

function base(kind: Difference["kind"], id: string): Omit<Difference, "message" | "fix"> {
  return {
    id: `${kind}:${id}`,
    kind,
    reference_number: null,
    ecommerce_id: null,
    payment_id: null,
    payment_session_id: null,
    order_id: null,
    ath_amount: null,
    medusa_amount: null,
    date: null,
    customer_name: null,
    ath_refunds: [],
  }
}

function ofMatched(m: MatchedPayment) {
  return {
    reference_number: m.reference_number,
    ecommerce_id: m.ecommerce_id,
    payment_id: m.payment_id,
    payment_session_id: m.payment_session_id,
    order_id: m.order_id,
    date: m.date,
    customer_name: m.customer_name,
  }
}

function paidWithoutOrder(m: MatchedPayment): Difference {
  return {
    ...base("paid_without_order", m.reference_number),
    ...ofMatched(m),
    ath_amount: m.total,
    message: `ATH Móvil completed payment ${m.reference_number} (${m.total} USD) but no Medusa order carries it.`,
    // The closed-tab recovery gives the shopper their order exactly once (it locks the session).
    fix: m.payment_session_id ? { kind: "recover_session", payment_session_id: m.payment_session_id } : null,
  }
}

function unknownPayment(row: ReportRowLite): Difference {
  return {
    ...base("paid_without_order", row.reference_number),
    reference_number: row.reference_number,
    ath_amount: row.total,
    date: row.date,
    customer_name: row.name,
    message: `ATH Móvil completed payment ${row.reference_number} (${row.total} USD) that matches no payment session of this store.`,
    fix: null,
  }
}

function unmatchedRefund(row: ReportRowLite): Difference {
  return {
    ...base("refund_unmatched", row.reference_number),
    reference_number: row.reference_number,
    ath_amount: row.total,
    date: row.date,
    customer_name: row.name,
    ath_refunds: [{ reference_number: row.reference_number, amount: row.total, date: row.date }],
    message: `ATH Móvil refunded ${row.total} USD (refund ${row.reference_number}) on a payment this store cannot identify.`,
    fix: null,
  }
}

/** ATH's figures for one payment against Medusa's: total, then refunded total. */
function compare(m: MatchedPayment, payment: MedusaPaymentView, pending: AthRefundSummary[]): Difference[] {
  const out: Difference[] = []
  if (compareAmounts(m.total, payment.amount) !== 0) {
    out.push({
      ...base("amount_mismatch", payment.id),
      ...ofMatched(m),
      ath_amount: m.total,
      medusa_amount: payment.amount,
      message: `ATH Móvil charged ${m.total} USD for ${m.reference_number} but the Medusa payment is ${payment.amount} USD.`,
      fix: null,
    })
  }
  const order = compareAmounts(m.refunded_total, payment.refunded)
  if (order > 0) {
    const gap = subtractAmounts(m.refunded_total, payment.refunded)
    out.push({
      ...base("refund_missing_in_medusa", payment.id),
      ...ofMatched(m),
      ath_amount: m.refunded_total,
      medusa_amount: payment.refunded,
      ath_refunds: pending,
      message: `ATH Móvil refunded ${m.refunded_total} USD on ${m.reference_number} but Medusa recorded ${payment.refunded} USD: ${gap} USD is missing in Medusa.`,
      // Medusa refunds need an order; without one the missing order is the difference to fix first.
      fix: m.order_id ? { kind: "create_refund", payment_id: payment.id, amount: gap } : null,
    })
  } else if (order < 0) {
    out.push({
      ...base("refunded_more_in_medusa", payment.id),
      ...ofMatched(m),
      ath_amount: m.refunded_total,
      medusa_amount: payment.refunded,
      message: `Medusa recorded ${payment.refunded} USD of refunds on ${m.reference_number} but ATH Móvil shows ${m.refunded_total} USD refunded.`,
      fix: null,
    })
  }
  return out
}

/**
 * Everything that differs between ATH's report, the ledger and Medusa for the range:
 * (a) paid at ATH without a Medusa order, (b) totals or refunded totals that differ,
 * (c) ATH refunds Medusa lacks or cannot place, (d) Medusa ATH payments ATH does not show.
 * Read-only: fixes are applied one by one by the admin (see fixes.ts).
 */
export async function computeDifferences(
  container: Container,
  range: ReconcileRange,
  ledger: LedgerPhaseResult,
  refunds: RefundsPhaseResult
): Promise<{ differences: Difference[]; checked_payments: number }> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const differences: Difference[] = [...ledger.unmatched.map(unknownPayment), ...refunds.unmatched.map(unmatchedRefund)]

  // Payments a refund touched outside the report's rows are compared with ATH's current figures.
  const touchedRows = refunds.touched.length
    ? await athmovil.listAthTransactions({ id: refunds.touched.map((t) => t.transaction_id) })
    : []
  const compared: MatchedPayment[] = [
    ...ledger.matched,
    ...touchedRows.map((t) => {
      const ath = refunds.touched.find((x) => x.transaction_id === t.id)!
      return {
        transaction_id: t.id,
        ecommerce_id: t.ecommerce_id,
        reference_number: t.reference_number ?? "",
        payment_id: t.payment_id,
        payment_session_id: t.payment_session_id,
        order_id: t.order_id,
        total: ath.ath_total,
        refunded_total: ath.ath_refunded_total,
        date: t.transaction_date ? t.transaction_date.toISOString() : null,
        customer_name: t.customer_name,
        customer_phone: t.customer_phone,
      }
    }),
  ]

  const { client, providerId } = resolveAthMovil(container, range.provider_id)
  const payments = await paymentsById(
    container,
    providerId,
    compared.map((m) => m.payment_id).filter((id): id is string => !!id)
  )
  // ATH refunds waiting for Medusa belong to no ledger row yet; they name their payment by reference.
  const pendingRefunds = await athmovil.listAthRefunds(
    { original_reference_number: compared.map((m) => m.reference_number).filter(Boolean), state: "pending_medusa" },
    { order: { refunded_at: "ASC" } }
  )
  for (const m of compared) {
    const payment = m.payment_id ? payments.get(m.payment_id) : undefined
    if (!m.order_id) differences.push(paidWithoutOrder(m))
    if (!payment) continue
    const pending = pendingRefunds
      .filter((r) => r.original_reference_number === m.reference_number)
      .map((r) => ({
        reference_number: r.reference_number,
        amount: ledgerAmount(r.amount),
        date: r.refunded_at ? new Date(r.refunded_at).toISOString() : null,
      }))
    differences.push(...compare(m, payment, pending))
  }

  // (d) Medusa says ATH completed these in the range; the report does not list them. ATH is asked
  // directly, because a payment completed on the last second of a day can sit in the next report.
  const seen = new Set(compared.map((m) => m.ecommerce_id))
  const captured = await paymentsCapturedBetween(container, providerId, range.fromMs, range.toMs)
  const missing = captured.filter((p) => p.data.ecommerce_id && !seen.has(p.data.ecommerce_id))
  for (const p of missing.slice(0, MAX_ATH_CHECKS)) {
    let status: string
    try {
      status = (await client.findPayment(p.data.ecommerce_id!)).status
    } catch (e) {
      if (!(e instanceof TransactionError)) throw e
      status = `unknown (${e.code ?? "not found"})`
    }
    if (status === "COMPLETED") continue
    differences.push({
      ...base("unknown_at_ath", p.id),
      reference_number: p.data.reference_number ?? null,
      ecommerce_id: p.data.ecommerce_id ?? null,
      payment_id: p.id,
      payment_session_id: p.payment_session_id,
      medusa_amount: p.amount,
      date: p.captured_at ? p.captured_at.toISOString() : null,
      message: `Medusa recorded ATH Móvil payment ${p.data.reference_number ?? p.data.ecommerce_id} (${p.amount} USD) as paid, but ATH Móvil shows it as ${status}.`,
      fix: null,
    })
  }
  return { differences, checked_payments: compared.length + Math.min(missing.length, MAX_ATH_CHECKS) }
}
