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

export interface AthWebhookView {
  id: string
  kind: string
  status: string | null
  outcome: string
  amount: string | null
  received_at: Date
  processed_at: Date | null
  error: string | null
  duplicate: boolean
  /** How often ATH delivered this event (1 = once): repeats are counted on it, not stored. */
  delivery_count: number
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
