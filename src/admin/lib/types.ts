/*
 * Shapes of the plugin's admin API (src/api/admin/athmovil), as the admin UI reads them.
 * Amounts are 2-decimal strings in the payment's currency. The payment view, the token and go-live
 * checks, reconciliation differences, other income and the refunds list are the server's own types
 * (`modules/athmovil/admin-views.ts`, type-only, so the compiler catches a drift); the ledger list,
 * totals, inbox, settings, runs and customers are still written out here.
 */
import type * as Views from "../../modules/athmovil/admin-views"
import type {
  AthDisplayStatus,
  BooksRefund,
  Difference,
  Jsonify,
  OtherIncomeSummary,
  RefundSource,
  RefundState,
  TokenState,
} from "../../modules/athmovil/admin-views"

export type { AthDisplayStatus, RefundSource, RefundState, TokenState }
export type { BooksRefund, Difference, DifferenceFix, DifferenceKind, OtherIncomeSummary } from "../../modules/athmovil/admin-views"
export type AthRefundView = Jsonify<Views.AthRefundView>
export type AthWebhookView = Jsonify<Views.AthWebhookView>
export type AthPaymentView = Jsonify<Views.AthPaymentView>
export type ReceiptItem = Views.LedgerItem
/** GET /admin/athmovil/go-live (src/api/admin/athmovil/go-live/check.ts). */
export interface GoLiveResponse {
  go_live: Jsonify<Views.GoLiveReport>
}

export interface LedgerRefund {
  id: string
  reference_number: string | null
  amount: number
  source: RefundSource
  state: RefundState
}

export interface LedgerTransaction {
  id: string
  ecommerce_id: string
  reference_number: string | null
  daily_transaction_id: string | null
  status: "OPEN" | "CONFIRM" | "COMPLETED" | "CANCEL" | "EXPIRED"
  /** The badge, decided by the server from the ledger's amounts (refunded, partially refunded, …). */
  display_status: AthDisplayStatus
  /** 2-decimal strings, as PostgreSQL computes them. */
  total: string
  fee: string | null
  net_amount: string | null
  refunded_total: string
  currency_code: string
  customer_name: string | null
  customer_phone: string | null
  transaction_date: string | null
  payment_id: string | null
  order_id: string | null
  created_at: string
  refunds?: LedgerRefund[]
}

export interface LedgerTotals {
  currency_code: string
  count: number
  gross: string
  fees: string
  net: string
  refunded: string
  partial: boolean
}

export interface TransactionsResponse {
  transactions: LedgerTransaction[]
  count: number
  limit: number
  offset: number
  totals: LedgerTotals
}

export interface WebhookEvent {
  id: string
  kind: string
  status: string | null
  outcome: "pending" | "applied" | "duplicate" | "ignored" | "unmatched" | "rejected" | "failed"
  ecommerce_id: string | null
  reference_number: string | null
  amount: number | null
  received_at: string
  error: string | null
  duplicate_of_id: string | null
  attempts: number
  delivery_count: number
  last_received_at: string | null
}

export interface WebhookEventsResponse {
  webhook_events: WebhookEvent[]
  count: number
  limit: number
  offset: number
}

export interface SettingsResponse {
  /** Every ATH Business account of the store, the first being the default. */
  accounts: Array<{ provider_id: string }>
  settings: {
    provider_id: string
    public_token_configured: boolean
    private_token_configured: boolean
    webhook_secret_configured: boolean
    encryption_key_configured: boolean
    api_base_url: string
    report_base_url: string
    uses_production: boolean
    public_base_url: string | null
    payment_timeout_seconds: number
    request_timeout_ms: number
    listener_url: string | null
    features: { refunds: boolean; report: boolean; webhooks: boolean }
  }
  token_check: Views.TokenCheck | null
}

export type ReconcilePhase = "report" | "ledger" | "refunds" | "compare"

export interface ReconciliationRun {
  id: string
  status: "running" | "done" | "failed"
  phase: ReconcilePhase | null
  progress: { done: number; total: number }
  range: { from: string; to: string } | null
  started_at: string
  updated_at: string
  error: string | null
  result: {
    range: { from: string; to: string }
    report: { windows: number; rows: number; payments: number; refunds: number; other: number }
    ledger: { matched: number; inserted: number; updated: number; unchanged: number }
    refunds: { known: number; confirmed: number; recorded: number; unmatched: number }
    checked_payments: number
    differences: Difference[]
    /** Income ATH paid outside checkout (app payments, donations), listed apart from differences. */
    other_income?: OtherIncomeSummary
  } | null
}

export interface FixResult {
  kind: "create_refund" | "recover_session"
  outcome: "applied" | "nothing_to_do" | "waiting"
  message: string
  refund_ids: string[]
  order_id: string | null
}

export interface RefundsResponse {
  refunds: BooksRefund[]
  next_cursor: string | null
  totals: { currency_code: string; count: number; amount: string }
}

/** GET /admin/athmovil/customers: one row per ATH phone number. */
export interface AthCustomer {
  phone: string
  name: string | null
  email: string | null
  payment_count: number
  total_paid: string
  total_refunded: string
  first_payment_at: string
  last_payment_at: string
  currency_code: string
}

export interface CustomersResponse {
  customers: AthCustomer[]
  next_after: string | null
}

/** The ledger's kind filter: checkouts, other ATH income (app payments and donations), or one of those. */
export type LedgerKindFilter = "ecommerce" | "other" | "payment" | "donation" | "all"
