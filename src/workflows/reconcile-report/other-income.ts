import type { AthReportRow } from "../../lib/athmovil"
import type { AthSyncSource, AthTransactionKind, AthTransactionStatus, UpsertTransactionRow } from "../../modules/athmovil/types"

/**
 * "Other ATH income": money the merchant receives in ATH Móvil outside this store's checkout —
 * a "Pay a Business" PAYMENT or a DONATION made in the ATH Móvil app. It has no ticket and no
 * order, so it is kept in the ledger under its ATH reference (`ref:<reference>`), with its own
 * kind, and totalled apart from checkout payments.
 */
export type OtherIncomeKind = Extract<AthTransactionKind, "payment" | "donation">

/** The ledger key of other income: ATH's reference number names one transaction for good. */
export function otherIncomeKey(referenceNumber: string): string {
  return `ref:${referenceNumber.trim()}`
}

/** ATH's transaction type (report, search or webhook, any casing) as other income, else null. */
export function otherIncomeKind(transactionType: string | null | undefined): OtherIncomeKind | null {
  const type = (transactionType ?? "").trim().toUpperCase()
  if (type === "PAYMENT") return "payment"
  if (type === "DONATION") return "donation"
  return null
}

/** What is known of one such transaction; amounts are ATH's 2-decimal strings. */
export interface OtherIncomeFact {
  kind: OtherIncomeKind
  referenceNumber: string
  total: string
  fee: string | null
  netAmount: string | null
  refundedTotal: string | null
  date: string | null
  dailyTransactionId: string | null
  name: string | null
  phone: string | null
  email: string | null
}

/**
 * The one ledger row every source writes for other income. `confirmed` is true only when ATH
 * itself (search or report) listed it as completed; a webhook's word alone is kept as OPEN —
 * visible, never counted — until ATH confirms it.
 */
export function otherIncomeRow(
  fact: OtherIncomeFact,
  confirmed: boolean,
  via: AthSyncSource,
  providerId: string,
  now = new Date()
): UpsertTransactionRow {
  const status: AthTransactionStatus = confirmed ? "COMPLETED" : "OPEN"
  return {
    ecommerce_id: otherIncomeKey(fact.referenceNumber),
    provider_id: providerId,
    kind: fact.kind,
    status,
    total: fact.total,
    reference_number: fact.referenceNumber.trim(),
    ...(fact.fee !== null ? { fee: fact.fee } : {}),
    ...(fact.netAmount !== null ? { net_amount: fact.netAmount } : {}),
    ...(confirmed && fact.refundedTotal !== null ? { refunded_total: fact.refundedTotal } : {}),
    ...(fact.date ? { transaction_date: fact.date } : {}),
    ...(fact.dailyTransactionId ? { daily_transaction_id: fact.dailyTransactionId } : {}),
    ...(fact.name ? { customer_name: fact.name } : {}),
    ...(fact.phone ? { customer_phone: fact.phone } : {}),
    ...(fact.email ? { customer_email: fact.email } : {}),
    last_synced_at: now,
    last_synced_via: via,
  }
}

/** A report or search row as other income, or null when it is not (checkout payments, refunds). */
export function otherIncomeFromReport(row: Pick<AthReportRow, "transactionType" | "referenceNumber" | "total" | "fee" | "netAmount" | "totalRefundedAmount" | "date" | "dailyTransactionId" | "name" | "phoneNumber" | "email" | "metadata1">): OtherIncomeFact | null {
  const kind = otherIncomeKind(row.transactionType)
  // A row carrying our metadata1 is a checkout whatever ATH calls it (its refund answer labels
  // eCommerce payments "PAYMENT"); app payments have none.
  if (!kind || !row.referenceNumber?.trim() || (row.metadata1 ?? "").trim() !== "") return null
  return {
    kind,
    referenceNumber: row.referenceNumber,
    total: row.total,
    fee: row.fee,
    netAmount: row.netAmount,
    refundedTotal: row.totalRefundedAmount,
    date: row.date,
    dailyTransactionId: row.dailyTransactionId,
    name: row.name,
    phone: row.phoneNumber,
    email: row.email,
  }
}
