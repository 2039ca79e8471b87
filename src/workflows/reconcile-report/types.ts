import type { AthMovilContainer } from "../../providers/athmovil/container"
import type { ReconcilePhase } from "../../modules/athmovil/admin-views"

// The shapes the admin reads are defined once with the admin API's (modules/athmovil/admin-views.ts).
export type {
  AthRefundSummary,
  Difference,
  DifferenceFix,
  DifferenceKind,
  OtherIncomeItem,
  OtherIncomeSummary,
  ReconcilePhase,
  ReconciliationResult,
} from "../../modules/athmovil/admin-views"

/**
 * Shapes of one reconciliation of ATH Móvil's transaction report against the ledger and Medusa.
 * Everything here is plain JSON: a run's phases pass it through the workflow engine, which stores
 * it in the database so any instance can report a run's progress and result.
 */

export type Container = AthMovilContainer

/** A reconciliation range: whole Puerto Rico days, as epoch milliseconds and as the dates asked for. */
export interface ReconcileRange {
  /** "YYYY-MM-DD", Puerto Rico calendar day. */
  from: string
  to: string
  fromMs: number
  /** End of the `to` day, or now when the day is not over yet (ATH refuses future dates). */
  toMs: number
  /**
   * The ATH Móvil account reconciled (`pp_athmovil_<id>`): its report, its ledger rows and its
   * Medusa payments only. Absent: the store's first account.
   */
  provider_id?: string
}

/** What the report phase fetched, reduced to what later phases need. */
export interface ReportRowLite {
  type: "ECOMMERCE" | "REFUND" | "OTHER"
  /** ATH's own transaction type, upper case (PAYMENT and DONATION are other ATH income). */
  transaction_type: string
  status: string
  reference_number: string
  date: string | null
  daily_transaction_id: string | null
  name: string | null
  phone: string | null
  email: string | null
  message: string | null
  total: string
  fee: string | null
  net_amount: string | null
  refunded_total: string
  metadata1: string | null
}

export interface FetchedReport {
  /** The account whose report this is. */
  provider_id: string
  windows: number
  rows: ReportRowLite[]
}

/** An ATH payment of the report tied to a ledger row (and so to an ecommerce id). */
export interface MatchedPayment {
  transaction_id: string
  ecommerce_id: string
  reference_number: string
  payment_id: string | null
  payment_session_id: string | null
  order_id: string | null
  total: string
  refunded_total: string
  date: string | null
  customer_name: string | null
  customer_phone: string | null
}

export interface LedgerPhaseResult {
  matched: MatchedPayment[]
  /** ECOMMERCE rows no ledger row or payment session of this store knows. */
  unmatched: ReportRowLite[]
  inserted: number
  updated: number
  unchanged: number
  /** PAYMENT/DONATION rows of the report, written to the ledger as other ATH income. */
  other_income?: { inserted: number; updated: number; unchanged: number }
}

export interface RefundsPhaseResult {
  known: number
  confirmed: number
  recorded: number
  /** REFUND rows that could not be tied to any payment. */
  unmatched: ReportRowLite[]
  /** ATH's refunded total of payments outside the report's ECOMMERCE rows that a refund touched, by ledger id. */
  touched: Array<{ transaction_id: string; ath_refunded_total: string; ath_total: string }>
}

export const RECONCILE_PHASES: readonly ReconcilePhase[] = ["report", "ledger", "refunds", "compare"]

export type ProgressListener = (progress: { phase: ReconcilePhase; done: number; total: number }) => void
