/*
 * The shapes the plugin's admin API answers with, shared by the server (which builds them) and the
 * admin UI (which reads them as JSON, `Jsonify<…>`): one definition, so the compiler catches a
 * drift on either side. Imports nothing, so the admin bundle can import it type-only. Amounts are
 * 2-decimal strings in the payment's currency.
 */

/** What a Date becomes on the wire: the admin receives ISO strings. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<Jsonify<U>>
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T

/** ATH Móvil's ecommerce payment states, as its API spells them. */
export type AthTransactionStatus = "OPEN" | "CONFIRM" | "COMPLETED" | "CANCEL" | "EXPIRED"

/** ecommerce: a checkout of this store; payment/donation: other ATH income made in the ATH Móvil app. */
export type AthTransactionKind = "ecommerce" | "payment" | "donation"

/** What kind of ATH Móvil notification a webhook carried. */
export type WebhookEventKind =
  | "ecommerce"
  | "payment"
  | "donation"
  | "refund"
  | "simulated"
  | "unknown"

/** The payment state a webhook announced (ATH only notifies final states). */
export type WebhookEventStatus = "completed" | "cancelled" | "expired"

export type WebhookEventOutcome =
  | "pending"
  | "applied"
  | "duplicate"
  | "ignored"
  | "unmatched"
  | "rejected"
  /** Every attempt failed; out of the retry job until an admin replays it. */
  | "failed"

/** The admin's badge for a payment, decided by the server (`status-map.ts`, `displayStatus`). */
export type AthDisplayStatus = "completed" | "partially_refunded" | "refunded" | "cancelled" | "expired" | "pending"

/** medusa: refunded from the Medusa admin; business_app: made in ATH Business and adopted; report/webhook: first seen there. */
export type RefundSource = "medusa" | "business_app" | "report" | "webhook"
/** completed/synced: Medusa has it; pending_medusa: ATH refunded it but Medusa has not recorded it yet. */
export type RefundState = "completed" | "synced" | "pending_medusa"

/** One ATH receipt item as sent with the payment (amounts as 2-decimal strings). */
export interface LedgerItem {
  name: string
  description: string
  quantity: number
  price: string
  tax: string | null
  metadata: string | null
  sku?: string | null
}

export interface AthRefundView {
  id: string
  reference_number: string | null
  amount: string
  date: string | null
  source: RefundSource
  state: RefundState
  medusa_refund_id: string | null
  /** What ATH was told (the Medusa refund's note), the Medusa refund reason, and ATH's customer. */
  message: string | null
  note: string | null
  reason: string | null
  customer_name: string | null
}

/**
 * One stored webhook event, as the inbox lists it, a replay answers it and the order widget's
 * timeline shows it: never the stored request (body, payload, sender's address).
 */
export interface AthWebhookView {
  id: string
  kind: WebhookEventKind
  status: WebhookEventStatus | null
  outcome: WebhookEventOutcome
  ecommerce_id: string | null
  reference_number: string | null
  amount: string | null
  received_at: Date
  last_received_at: Date | null
  processed_at: Date | null
  error: string | null
  /** A repeat stored before repeats were counted on their original: never replayed. */
  duplicate: boolean
  /** How often ATH delivered this event (1 = once): repeats are counted on it, not stored. */
  delivery_count: number
}

/** `GET /admin/athmovil/webhook-events`, newest first. */
export interface WebhookEventsResponse {
  webhook_events: AthWebhookView[]
  count: number
  limit: number
  offset: number
}

/** `POST /admin/athmovil/webhook-events/:id/replay`: the event once processed again. */
export interface WebhookReplayResponse {
  webhook_event: AthWebhookView
}

/** `POST /admin/athmovil/webhooks/subscribe`: the notices ATH will send to the (masked) listener URL. */
export interface WebhookSubscribeResponse {
  listener_url: string
  /** ATH's names for its notices. */
  events: {
    paymentReceived: boolean
    refundSent: boolean
    donationReceived: boolean
    ecommercePaymentReceived: boolean
    ecommercePaymentCancelled: boolean
    ecommercePaymentExpired: boolean
  }
  message: string | null
}

/** Everything the order widget shows for one Medusa payment (`GET /admin/athmovil/payments/:id`). */
export interface AthPaymentView {
  payment_id: string
  is_athmovil: boolean
  provider_id: string
  currency_code: string
  order_id: string | null
  medusa: { amount: string; captured: string; refunded: string; refundable: string } | null
  ath: {
    status: AthDisplayStatus
    ath_status: string | null
    ecommerce_id: string | null
    reference_number: string | null
    daily_transaction_id: string | null
    transaction_date: string | null
    customer_name: string | null
    /** Only the last four digits are shown to admins. */
    customer_phone: string | null
    /** The receipt ATH shows the shopper: subtotal, IVU (tax) and items as sent with the payment. */
    subtotal: string | null
    tax: string | null
    items: LedgerItem[]
    total: string | null
    fee: string | null
    net_amount: string | null
    refunded_total: string
    remaining_refundable: string | null
    last_synced_at: Date | null
    last_synced_via: string | null
  } | null
  refunds: AthRefundView[]
  webhook_events: AthWebhookView[]
}

/** `GET /admin/athmovil/payments/:id` and `POST …/refresh`. */
export interface PaymentResponse {
  payment: AthPaymentView
}

/** What ATH said of a token, with calls that change nothing (`settings/token-check.ts`). */
export type TokenState = "ok" | "rejected" | "not_configured" | "unreachable"

export interface TokenCheck {
  public_token: TokenState
  private_token: TokenState
  /** Readable detail when something is not ok; never a token. */
  message: string | null
  checked_at: string
  duration_ms: number
}

/** `GET /admin/athmovil/settings`: which options are set, never a secret. */
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
    /** Masked; null without a webhook secret, or with one subscribing cannot use (`listener_url_problem` says why). */
    listener_url: string | null
    listener_url_problem: string | null
    features: { refunds: boolean; report: boolean; webhooks: boolean }
  }
  /** null when asked with `token_check=false`. */
  token_check: TokenCheck | null
}

/** Stable ids: the admin translates `golive.check.<id>` and `golive.fix.<fix_id>`. */
export type GoLiveCheckId =
  | "public_token"
  | "private_token"
  | "listener_url"
  | "webhooks_subscribed"
  | "simulated_event"
  | "recovery_job"
  | "report_job"
  | "clock"

export interface GoLiveCheck<FixId extends string = string> {
  id: GoLiveCheckId
  ok: boolean
  label: string
  /** What was found, in English; never a secret. */
  detail: string
  /** One actionable sentence (English) when red, else null. */
  fix: string | null
  fix_id: FixId | null
  /** When the fact the check rests on happened (a subscription, an event, a job run), if any. */
  at: string | null
}

/** `GET /admin/athmovil/go-live` → `{ go_live: GoLiveReport }`. */
export interface GoLiveReport<FixId extends string = string> {
  provider_id: string
  /** true when the account talks to ATH Móvil's production API: plain http://localhost is red then. */
  live: boolean
  ok: boolean
  checked_at: string
  checks: GoLiveCheck<FixId>[]
}

export interface GoLiveResponse<FixId extends string = string> {
  go_live: GoLiveReport<FixId>
}

/** One refund across all payments, as the Refunds tab and refunds.csv show it (`GET /admin/athmovil/refunds`). */
export interface BooksRefund {
  id: string
  /** ISO instant (UTC) and the same instant in Puerto Rico time. */
  date: string
  date_pr: string
  amount: string
  source: RefundSource
  state: RefundState
  reference_number: string | null
  original_reference_number: string | null
  message: string | null
  note: string | null
  reason: string | null
  medusa_refund_id: string | null
  customer_name: string | null
  customer_phone: string | null
  customer_email: string | null
  transaction_id: string | null
  ecommerce_id: string | null
  payment_id: string | null
  order_id: string | null
  kind: string | null
}

/** Count and sum of every refund a filter matches, not just a page (one PostgreSQL aggregate). */
export interface RefundBooksTotals {
  count: number
  amount: string
}

/** `GET /admin/athmovil/refunds`: keyset pages, `next_cursor` goes back as `cursor`. */
export interface RefundsResponse {
  refunds: BooksRefund[]
  next_cursor: string | null
  totals: RefundBooksTotals & { currency_code: string }
}

/** One ledger row as the admin list shows it; amounts are PostgreSQL's 2-decimal strings. */
export interface LedgerListRow {
  id: string
  ecommerce_id: string
  kind: AthTransactionKind
  reference_number: string | null
  daily_transaction_id: string | null
  status: AthTransactionStatus
  total: string
  subtotal: string | null
  tax: string | null
  fee: string | null
  net_amount: string | null
  refunded_total: string
  currency_code: string
  customer_name: string | null
  customer_phone: string | null
  customer_email: string | null
  phone_last4: string | null
  transaction_date: Date | null
  payment_session_id: string | null
  payment_id: string | null
  cart_id: string | null
  order_id: string | null
  expires_at: Date | null
  last_synced_at: Date | null
  last_synced_via: string | null
  created_at: Date
  updated_at: Date
}

export interface LedgerTransaction extends LedgerListRow {
  /** The badge, decided by the server from the ledger's amounts (refunded, partially refunded, …). */
  display_status: AthDisplayStatus
}

/** `GET /admin/athmovil/transactions`: `count` stops at 10,000 (`count_capped` past it). */
export interface TransactionsResponse {
  transactions: LedgerTransaction[]
  count: number
  count_capped: boolean
  limit: number
  offset: number
}

/** Money of every completed ledger row a filter matches (one PostgreSQL aggregate, exact at any size). */
export interface LedgerListTotals {
  count: number
  gross: string
  fees: string
  net: string
  refunded: string
}

/** `GET /admin/athmovil/transactions/totals`, same filters as the list. */
export interface TransactionTotalsResponse {
  totals: LedgerListTotals & { currency_code: string }
}

/** One ATH customer (django-athm's `Client`): every completed payment from one phone number. */
export interface CustomerRow {
  phone: string
  name: string | null
  email: string | null
  payment_count: number
  total_paid: string
  total_refunded: string
  first_payment_at: Date
  last_payment_at: Date
}

/** `GET /admin/athmovil/customers`: pages follow the phone order, `next_after` goes back as `after`. */
export interface CustomersResponse {
  customers: Array<CustomerRow & { currency_code: string }>
  next_after: string | null
}

export type DifferenceKind =
  /** (a) ATH shows a completed payment that no Medusa order carries. */
  | "paid_without_order"
  /** (b) ATH charged a different total than the Medusa payment amount. */
  | "amount_mismatch"
  /** (b) Medusa recorded more refunds than ATH shows. */
  | "refunded_more_in_medusa"
  /** (c) ATH refunded more than Medusa recorded (e.g. a refund made in the ATH Business app). */
  | "refund_missing_in_medusa"
  /** (c) An ATH refund that matches no payment of this store. */
  | "refund_unmatched"
  /** (d) A Medusa ATH payment completed in the range that ATH does not show as completed. */
  | "unknown_at_ath"

export type DifferenceFix =
  | { kind: "create_refund"; payment_id: string; amount: string }
  | { kind: "recover_session"; payment_session_id: string }

export interface AthRefundSummary {
  reference_number: string | null
  amount: string
  date: string | null
}

/** One difference a reconciliation found between ATH's report and Medusa. */
export interface Difference {
  /** Stable across runs: the same problem keeps the same id until it is fixed. */
  id: string
  kind: DifferenceKind
  reference_number: string | null
  ecommerce_id: string | null
  payment_id: string | null
  payment_session_id: string | null
  order_id: string | null
  /** ATH's figure and Medusa's figure for the compared amount (2-decimal strings). */
  ath_amount: string | null
  medusa_amount: string | null
  date: string | null
  customer_name: string | null
  /** ATH refunds involved (refund differences). */
  ath_refunds: AthRefundSummary[]
  /** English explanation for logs and the script; the admin UI words each kind itself. */
  message: string
  /** The safe automatic fix, or null when a person has to look. */
  fix: DifferenceFix | null
}

/** One other-ATH-income transaction (no order) as reconciliation lists it, apart from differences. */
export interface OtherIncomeItem {
  kind: "payment" | "donation"
  reference_number: string | null
  total: string
  fee: string | null
  net_amount: string | null
  date: string | null
  customer_name: string | null
  /** true: ATH's report lists it; false: only a webhook said so (kept, not counted). */
  confirmed: boolean
}

/** Other ATH income in the range (app payments, donations): SQL totals of the confirmed rows, and the rows themselves (bounded). */
export interface OtherIncomeSummary {
  count: number
  gross: string
  fees: string
  net: string
  unconfirmed: number
  items: OtherIncomeItem[]
  /** true when there were more rows than `items` lists (the totals still cover all). */
  truncated: boolean
}

export type ReconcilePhase = "report" | "ledger" | "refunds" | "compare"

/** What one reconciliation of ATH's report against the ledger and Medusa found. */
export interface ReconciliationResult {
  /** The account reconciled (`pp_athmovil_<id>`). */
  provider_id: string
  range: { from: string; to: string }
  report: { windows: number; rows: number; payments: number; refunds: number; other: number }
  ledger: { matched: number; inserted: number; updated: number; unchanged: number }
  refunds: { known: number; confirmed: number; recorded: number; unmatched: number }
  checked_payments: number
  differences: Difference[]
  /** Income ATH paid outside checkout (app payments, donations): not a difference, listed apart. */
  other_income?: OtherIncomeSummary
}

/** A reconciliation run as the workflow engine stored it (any instance can answer). */
export interface ReconciliationRunView {
  id: string
  status: "running" | "done" | "failed"
  /** The phase being worked on (running), or the last one reached. */
  phase: ReconcilePhase | null
  progress: { done: number; total: number }
  range: { from: string; to: string } | null
  /** The account reconciled (`pp_athmovil_<id>`); null for a run started before accounts existed. */
  provider_id: string | null
  started_at: Date
  updated_at: Date
  result: ReconciliationResult | null
  /** A readable reason, never a stack. */
  error: string | null
}

/** `GET /admin/athmovil/reconciliation/:id`, and the 202 of `POST /admin/athmovil/reconciliation`. */
export interface ReconciliationResponse {
  reconciliation: ReconciliationRunView
}

/** The 409 of `POST /admin/athmovil/reconciliation`: one run at a time, this is the one in progress. */
export interface ReconciliationBusyResponse {
  type: "conflict"
  message: string
  reconciliation: ReconciliationRunView
}

/** A run in the recent list: its differences are counted, not listed. */
export interface ReconciliationRunSummary extends Omit<ReconciliationRunView, "result"> {
  difference_count: number | null
}

/** `GET /admin/athmovil/reconciliation`: one account's recent runs, newest first. */
export interface ReconciliationsResponse {
  reconciliations: ReconciliationRunSummary[]
}

/** `POST /admin/athmovil/reconciliation/fix`: a difference's safe fix, as the admin sends it. */
export type FixInput =
  | { kind: "create_refund"; payment_id: string }
  | { kind: "recover_session"; payment_session_id: string }

export interface FixResult {
  kind: FixInput["kind"]
  /** applied: something changed; nothing_to_do: already in step (a second click changes nothing). */
  outcome: "applied" | "nothing_to_do" | "waiting"
  message: string
  refund_ids: string[]
  order_id: string | null
}

export interface FixResponse {
  fix: FixResult
}
