import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { TransactionDTO, UpsertTransactionRow } from "../../modules/athmovil/types"
import { toAthAmount } from "../../providers/athmovil/money"
import { linkLedgerToPayment } from "../ledger/record-ticket"
import { ordersByCollection, paymentsBySession, sessionsById } from "./medusa-lookup"
import { syncOtherIncomeFromReport } from "./other-income-sync"
import type { Container, FetchedReport, LedgerPhaseResult, MatchedPayment, ReportRowLite } from "./types"

const CHUNK = 500

async function ledgerRowsBy(
  athmovil: AthMovilModuleService,
  providerId: string,
  field: "reference_number" | "ecommerce_id",
  values: string[]
): Promise<TransactionDTO[]> {
  const out: TransactionDTO[] = []
  const unique = [...new Set(values)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK)
    out.push(...(await athmovil.listAthTransactions({ provider_id: providerId, [field]: part }, { take: part.length * 2 })))
  }
  return out
}

/** A value the ledger lacks is filled in; one it has is left alone (another source may be more precise). */
function fill<T>(current: T | null | undefined, incoming: T | null | undefined): T | undefined {
  return current === null || current === undefined ? incoming ?? undefined : undefined
}

function ledgerRow(
  providerId: string,
  row: ReportRowLite,
  ecommerceId: string,
  existing: TransactionDTO | undefined,
  extra: { sessionId?: string | null; paymentId?: string | null; orderId?: string | null },
  now: Date
): UpsertTransactionRow {
  return {
    ecommerce_id: ecommerceId,
    provider_id: providerId,
    // ATH's own figures are authoritative (the module never regresses status or refunded_total).
    status: "COMPLETED",
    total: row.total,
    fee: row.fee ?? undefined,
    net_amount: row.net_amount ?? undefined,
    refunded_total: row.refunded_total,
    reference_number: row.reference_number,
    daily_transaction_id: fill(existing?.daily_transaction_id, row.daily_transaction_id),
    transaction_date: fill<Date | string>(existing?.transaction_date, row.date),
    customer_name: fill(existing?.customer_name, row.name),
    customer_phone: fill(existing?.customer_phone, row.phone),
    customer_email: fill(existing?.customer_email, row.email),
    message: fill(existing?.message, row.message),
    metadata1: fill(existing?.metadata1, row.metadata1),
    payment_session_id: fill(existing?.payment_session_id, extra.sessionId),
    payment_id: fill(existing?.payment_id, extra.paymentId),
    order_id: fill(existing?.order_id, extra.orderId),
    last_synced_at: now,
    last_synced_via: "report",
  }
}

/**
 * Writes the report's completed payments into the ledger. Report rows carry no ecommerceId, so a
 * row is tied to the ledger by ATH's reference number (rows the provider or a webhook wrote have
 * it) or, failing that, by metadata1, which the provider sets to the Medusa payment session id.
 * Rows that match neither are returned as unmatched: they become differences, not ledger rows.
 */
export async function syncLedgerFromReport(container: Container, report: FetchedReport): Promise<LedgerPhaseResult> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  // One account's report meets that account's ledger rows and sessions only.
  const providerId = report.provider_id
  const payments = report.rows.filter((r) => r.type === "ECOMMERCE")

  const byReference = new Map<string, TransactionDTO>()
  for (const t of await ledgerRowsBy(athmovil, providerId, "reference_number", payments.map((r) => r.reference_number))) {
    if (t.reference_number) byReference.set(t.reference_number, t)
  }

  const viaSession = payments.filter((r) => !byReference.has(r.reference_number) && r.metadata1)
  const sessions = await sessionsById(container, providerId, viaSession.map((r) => r.metadata1!))
  const ecommerceIds = [...sessions.values()].map((s) => s.ecommerce_id).filter((id): id is string => !!id)
  const byEcommerceId = new Map((await ledgerRowsBy(athmovil, providerId, "ecommerce_id", ecommerceIds)).map((t) => [t.ecommerce_id, t]))

  // Ledger rows written before checkout finished may lack the payment or order: find them in Medusa.
  const sessionIdOf = (row: ReportRowLite, existing?: TransactionDTO) =>
    existing?.payment_session_id ?? (row.metadata1 && sessions.has(row.metadata1) ? row.metadata1 : null)
  const candidates = payments
    .map((row) => ({ row, existing: byReference.get(row.reference_number) }))
    .filter(({ existing }) => !existing?.payment_id || !existing?.order_id)
  const sessionIds = candidates.map(({ row, existing }) => sessionIdOf(row, existing)).filter((id): id is string => !!id)
  const paymentsOfSessions = await paymentsBySession(container, sessionIds)
  const orders = await ordersByCollection(container, [
    ...[...paymentsOfSessions.values()].map((p) => p.payment_collection_id),
    ...[...sessions.values()].map((s) => s.payment_collection_id),
  ])

  const now = new Date()
  const rows: UpsertTransactionRow[] = []
  const unmatched: ReportRowLite[] = []
  const tiedTo = new Map<string, ReportRowLite>()
  const newlyPaid = new Set<string>()
  for (const row of payments) {
    let existing = byReference.get(row.reference_number)
    let ecommerceId = existing?.ecommerce_id
    if (!ecommerceId) {
      const session = row.metadata1 ? sessions.get(row.metadata1) : undefined
      ecommerceId = session?.ecommerce_id ?? undefined
      existing = ecommerceId ? byEcommerceId.get(ecommerceId) : undefined
    }
    if (!ecommerceId) {
      unmatched.push(row)
      continue
    }
    const sessionId = sessionIdOf(row, existing)
    const payment = sessionId ? paymentsOfSessions.get(sessionId) : undefined
    const collectionId = payment?.payment_collection_id ?? (sessionId ? sessions.get(sessionId)?.payment_collection_id : undefined)
    const orderId = collectionId ? orders.get(collectionId) ?? null : null
    rows.push(ledgerRow(providerId, row, ecommerceId, existing, { sessionId, paymentId: payment?.id ?? null, orderId }, now))
    if (payment && !existing?.payment_id) newlyPaid.add(ecommerceId)
    tiedTo.set(ecommerceId, row)
  }

  const written = rows.length ? await athmovil.upsertTransactions(rows) : { inserted: 0, updated: 0, unchanged: 0 }

  const matched: MatchedPayment[] = []
  for (const t of await ledgerRowsBy(athmovil, providerId, "ecommerce_id", [...tiedTo.keys()])) {
    const row = tiedTo.get(t.ecommerce_id)!
    if (t.payment_id && newlyPaid.has(t.ecommerce_id)) await linkLedgerToPayment(container, t.id, t.payment_id)
    matched.push({
      transaction_id: t.id,
      ecommerce_id: t.ecommerce_id,
      reference_number: row.reference_number,
      payment_id: t.payment_id,
      payment_session_id: t.payment_session_id,
      order_id: t.order_id,
      total: row.total,
      refunded_total: row.refunded_total,
      date: row.date,
      customer_name: row.name ?? t.customer_name,
      customer_phone: row.phone ?? t.customer_phone,
    })
  }
  return { matched, unmatched, ...written, other_income: await syncOtherIncomeFromReport(container, report) }
}

/** The ledger keeps amounts as numbers; reconciliation compares ATH's 2-decimal strings. */
export function ledgerAmount(value: number | string | null | undefined): string {
  return toAthAmount(value ?? 0)
}
