import { Modules } from "@medusajs/framework/utils"
import { TransactionError, compareAmounts, subtractAmounts } from "../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { RefundDTO, TransactionDTO } from "../../modules/athmovil/types"
import { resolveAthMovil } from "../../providers/athmovil/container"
import { confirmLedgerRefund } from "../ledger/confirm-refund"
import { syncPaymentToLedger } from "../ledger/sync-payment"
import { sumAmounts } from "../../providers/athmovil/money"
import type { Container, FetchedReport, LedgerPhaseResult, RefundsPhaseResult, ReportRowLite } from "./types"

type Locking = { execute<T>(key: string, job: () => Promise<T>, args?: { timeout?: number; expire?: number }): Promise<T> }

/** Ledger payments of one customer that are asked about at ATH for one refund, at most. */
const MAX_LEDGER_CANDIDATES = 25

/**
 * Identity of a refund read from the report. ATH has been seen reusing the original payment's
 * reference number for refunds, so reference + amount + date tell partial refunds apart.
 */
function reportRefundIdentity(row: Pick<ReportRowLite, "reference_number" | "total" | "date">): string {
  return `report|${row.reference_number}|${row.total}|${row.date ?? ""}`
}

function digits(phone: string | null | undefined): string {
  return (phone ?? "").replace(/\D/g, "").slice(-10)
}

function epoch(date: string | Date | null | undefined): number {
  if (!date) return Number.NaN
  return date instanceof Date ? date.getTime() : Date.parse(date)
}

interface Candidate {
  transaction: Pick<TransactionDTO, "id" | "ecommerce_id" | "reference_number" | "payment_id">
  date: number
  phone: string
  athRefunded: string
  athTotal: string
  fromReport: boolean
}

/**
 * Ties the report's refunds to payments. The ledger holds one row per Medusa refund (written by
 * the ledger sync); a report refund that matches one of them only confirms it with ATH's details.
 * A refund Medusa does not have is recorded as an ATH refund waiting for Medusa (`pending_medusa`)
 * that belongs to no ledger row yet, so the ledger's totals never count it twice: the admin's
 * "create refund" fix turns it into a Medusa refund, which then becomes the one ledger row.
 * One run at a time: two runs could otherwise both place the same refund.
 */
export async function syncRefundsFromReport(
  container: Container,
  report: FetchedReport,
  ledger: LedgerPhaseResult
): Promise<RefundsPhaseResult> {
  const refundRows = report.rows.filter((r) => r.type === "REFUND")
  const result: RefundsPhaseResult = { known: 0, confirmed: 0, recorded: 0, unmatched: [], touched: [] }
  if (!refundRows.length) return result
  const locking = container.resolve<Locking>(Modules.LOCKING)
  return locking.execute("athmovil:reconcile-refunds", () => syncLocked(container, report, refundRows, ledger, result), {
    timeout: 120,
    expire: 600,
  })
}

async function syncLocked(
  container: Container,
  report: FetchedReport,
  refundRows: ReportRowLite[],
  ledger: LedgerPhaseResult,
  result: RefundsPhaseResult
): Promise<RefundsPhaseResult> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const { client } = resolveAthMovil(container, report.provider_id)

  const refs = [...new Set(refundRows.map((r) => r.reference_number))]
  const knownRows = await athmovil.listAthRefunds({ reference_number: refs }, { take: refs.length * 4 })
  const knownByRef = new Map<string, RefundDTO[]>()
  for (const r of knownRows) knownByRef.set(r.reference_number!, [...(knownByRef.get(r.reference_number!) ?? []), r])

  const fromReport: Candidate[] = ledger.matched.map((m) => ({
    transaction: { id: m.transaction_id, ecommerce_id: m.ecommerce_id, reference_number: m.reference_number, payment_id: m.payment_id },
    date: epoch(m.date),
    phone: digits(m.customer_phone),
    athRefunded: m.refunded_total,
    athTotal: m.total,
    fromReport: true,
  }))

  /** ATH's current figures for a ledger payment the report did not list (one findPayment each, cached). */
  const athRead = new Map<string, Candidate | null>()
  const readAtAth = async (t: TransactionDTO): Promise<Candidate | null> => {
    if (!athRead.has(t.id)) {
      try {
        const ticket = await client.findPayment(t.ecommerce_id)
        athRead.set(t.id, {
          transaction: t,
          date: epoch(t.transaction_date),
          phone: digits(t.customer_phone),
          athRefunded: ticket.totalRefundedAmount,
          athTotal: ticket.total,
          fromReport: false,
        })
      } catch (e) {
        if (!(e instanceof TransactionError)) throw e
        athRead.set(t.id, null)
      }
    }
    return athRead.get(t.id)!
  }
  const touch = (c: Candidate) => {
    if (!c.fromReport && !result.touched.some((t) => t.transaction_id === c.transaction.id)) {
      result.touched.push({ transaction_id: c.transaction.id, ath_refunded_total: c.athRefunded, ath_total: c.athTotal })
    }
  }

  /** Same customer's completed payments in the ledger, outside the report's rows. */
  const ledgerCandidates = async (row: ReportRowLite): Promise<Candidate[]> => {
    const phone = digits(row.phone)
    if (phone.length < 4) return []
    const rows = await athmovil.listCustomerPayments(phone, MAX_LEDGER_CANDIDATES)
    const out: Candidate[] = []
    for (const t of rows) {
      // Another account's payment never takes this account's refund.
      if (t.provider_id !== report.provider_id || fromReport.some((c) => c.transaction.id === t.id)) continue
      const read = await readAtAth(t)
      if (read) out.push(read)
    }
    return out
  }

  // Medusa's refunds of a payment reach the ledger through a subscriber; make sure they are there
  // before deciding that a refund is missing in Medusa.
  const synced = new Set<string>()
  const ledgerRefunds = async (c: Candidate, { sync }: { sync: boolean }): Promise<RefundDTO[]> => {
    if (sync && c.transaction.payment_id && !synced.has(c.transaction.payment_id)) {
      synced.add(c.transaction.payment_id)
      await syncPaymentToLedger(container, c.transaction.payment_id, "report")
    }
    return athmovil.listAthRefunds({ transaction_id: c.transaction.id }, { take: 500 })
  }

  for (const row of [...refundRows].sort((a, b) => epoch(a.date) - epoch(b.date))) {
    const known = knownByRef.get(row.reference_number)
    if (known) {
      result.known++
      // ATH's message and customer complete a refund first stored from Medusa's side.
      for (const r of known) await fillRefundFromAth(athmovil, r, row)
      // Still waiting for Medusa: its payment must be compared again even when the report does not list it.
      const waiting = known.find((r) => r.state === "pending_medusa")
      if (waiting && !waiting.original_reference_number) {
        // Still tied to no payment: it stays a difference on every run until someone looks at it.
        result.unmatched.push(row)
      } else if (waiting && !fromReport.some((c) => c.transaction.reference_number === waiting.original_reference_number)) {
        const [t] = await athmovil.listAthTransactions({ reference_number: waiting.original_reference_number! }, { take: 1 })
        const read = t ? await readAtAth(t) : null
        if (read) touch(read)
      }
      continue
    }

    const at = epoch(row.date)
    const notAfter = (c: Candidate) => Number.isNaN(c.date) || Number.isNaN(at) || c.date <= at
    const phone = digits(row.phone)
    let candidates = fromReport.filter((c) => phone && c.phone === phone && notAfter(c))
    if (!candidates.length) candidates = (await ledgerCandidates(row)).filter(notAfter)
    // No customer to go by: only a single payment of the report with room for this refund is a safe match.
    const onlyIfSingle = !candidates.length
    if (onlyIfSingle) candidates = fromReport.filter(notAfter)
    candidates.sort((a, b) => (Number.isNaN(b.date) ? 0 : b.date) - (Number.isNaN(a.date) ? 0 : a.date))

    // A refund Medusa already has: ATH's details complete its ledger row.
    let confirmed: { candidate: Candidate; refund: RefundDTO } | null = null
    const withRoom: Array<{ candidate: Candidate; room: string }> = []
    for (const candidate of candidates) {
      // Medusa's refunds of the payment reach the ledger first, so one Medusa already has is found there.
      // Without a customer to go by every payment is a candidate: then the ledger is read as it is.
      const rows = await ledgerRefunds(candidate, { sync: !onlyIfSingle })
      const refund = onlyIfSingle
        ? null
        : await confirmLedgerRefund(container, {
            transactionId: candidate.transaction.id,
            referenceNumber: row.reference_number !== candidate.transaction.reference_number ? row.reference_number : null,
            amount: row.total,
            date: row.date,
            dailyTransactionId: row.daily_transaction_id,
            message: row.message,
          })
      if (refund) {
        confirmed = { candidate, refund }
        break
      }
      const room = subtractAmounts(candidate.athRefunded, sumAmounts(rows.map((r) => r.amount)))
      if (compareAmounts(room, row.total) >= 0) withRoom.push({ candidate, room })
    }
    if (confirmed) {
      await fillRefundFromAth(athmovil, confirmed.refund, row)
      result.confirmed++
      touch(confirmed.candidate)
      continue
    }

    const target = onlyIfSingle && withRoom.length !== 1 ? null : pick(withRoom, row.total)
    const { created } = await athmovil.recordRefund({
      identity_key: reportRefundIdentity(row),
      amount: row.total,
      source: "report",
      state: "pending_medusa",
      reference_number: row.reference_number,
      original_reference_number: target?.transaction.reference_number ?? null,
      refunded_at: row.date,
      daily_transaction_id: row.daily_transaction_id,
      message: row.message,
      customer_name: row.name,
      customer_phone: row.phone,
      customer_email: row.email,
      // Linked to no ledger row until Medusa has it (see above).
      transaction_id: null,
    })
    if (created) result.recorded++
    if (target) touch(target)
    else result.unmatched.push(row)
  }
  return result
}

/**
 * ATH's message and customer on the refund, filled in where the ledger row has none (the module
 * never overwrites): the message is what ATH received from the Medusa refund's note.
 */
async function fillRefundFromAth(athmovil: AthMovilModuleService, refund: RefundDTO, row: ReportRowLite): Promise<void> {
  const missing = (!refund.message && row.message) || (!refund.customer_name && row.name) || (!refund.customer_phone && row.phone) || (!refund.customer_email && row.email)
  if (!missing) return
  await athmovil.recordRefund({
    identity_key: refund.identity_key,
    amount: refund.raw_amount ?? refund.amount,
    source: refund.source,
    message: row.message || null,
    customer_name: row.name,
    customer_phone: row.phone,
    customer_email: row.email,
  })
}

/** Prefers a payment whose unexplained ATH refunds equal this refund exactly, then the latest payment. */
function pick(withRoom: Array<{ candidate: Candidate; room: string }>, amount: string): Candidate | null {
  const exact = withRoom.filter((w) => compareAmounts(w.room, amount) === 0)
  const pool = (exact.length ? exact : withRoom).map((w) => w.candidate)
  return pool[0] ?? null
}
