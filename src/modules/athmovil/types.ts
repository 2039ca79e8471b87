import type { BigNumberInput, BigNumberRawValue } from "@medusajs/framework/types"
import type {
  AthTransactionKind,
  AthTransactionStatus,
  LedgerItem,
  RefundSource,
  RefundState,
  WebhookEventKind,
  WebhookEventOutcome,
  WebhookEventStatus,
} from "./admin-views"

// What the admin reads is defined once with the admin API's shapes (admin-views.ts).
export type { AthTransactionKind, AthTransactionStatus, WebhookEventOutcome }

export type AthSyncSource = "medusa" | "webhook" | "report" | "poll"

/** Where the plugin first saw a refund (the admin's RefundSource). */
export type AthRefundSource = RefundSource

export type AthRefundState = RefundState

/** Amount columns come back as JS numbers; `raw_*` keeps the exact decimal. */
export type AmountDTO = number

export interface WebhookEventDTO {
  id: string
  /** The account whose listener received it (`pp_athmovil_<id>`). */
  provider_id: string
  idempotency_key: string | null
  duplicate_of_id: string | null
  /** The idempotency key this delivery waits for while the original holding it is undecided. */
  held_key: string | null
  kind: WebhookEventKind
  status: WebhookEventStatus | null
  ecommerce_id: string | null
  reference_number: string | null
  amount: AmountDTO | null
  raw_amount: BigNumberRawValue | null
  payload: Record<string, unknown> | null
  /** null once the retention job cleared it. */
  raw_body: string | null
  remote_ip: string | null
  received_at: Date
  /** How often ATH delivered this event (1 = once). */
  delivery_count: number
  last_received_at: Date | null
  processing_started_at: Date | null
  processed_at: Date | null
  outcome: WebhookEventOutcome
  error: string | null
  attempts: number
  payment_session_id: string | null
  payment_id: string | null
  created_at: Date
  updated_at: Date
  deleted_at: Date | null
}

export type { LedgerItem }

export interface TransactionDTO {
  id: string
  ecommerce_id: string
  /** The ATH Móvil account (`pp_athmovil_<id>`). */
  provider_id: string
  kind: AthTransactionKind
  reference_number: string | null
  daily_transaction_id: string | null
  status: AthTransactionStatus
  total: AmountDTO
  raw_total: BigNumberRawValue
  fee: AmountDTO | null
  raw_fee: BigNumberRawValue | null
  net_amount: AmountDTO | null
  raw_net_amount: BigNumberRawValue | null
  refunded_total: AmountDTO
  raw_refunded_total: BigNumberRawValue
  /** The receipt sent to ATH: subtotal = total − tax, items as sent. null on rows from before it. */
  subtotal: AmountDTO | null
  raw_subtotal: BigNumberRawValue | null
  tax: AmountDTO | null
  raw_tax: BigNumberRawValue | null
  items: LedgerItem[] | null
  /** ATH's `message` and `businessCustomerId` for the payment. */
  message: string | null
  business_customer_id: string | null
  /** Last 4 digits of the phone the payment was pushed to. */
  phone_last4: string | null
  currency_code: string
  customer_name: string | null
  customer_phone: string | null
  customer_email: string | null
  metadata1: string | null
  metadata2: string | null
  transaction_date: Date | null
  payment_session_id: string | null
  payment_id: string | null
  cart_id: string | null
  order_id: string | null
  expires_at: Date | null
  last_synced_at: Date | null
  last_synced_via: AthSyncSource | null
  refunds?: RefundDTO[]
  created_at: Date
  updated_at: Date
  deleted_at: Date | null
}

export interface RefundDTO {
  id: string
  identity_key: string
  reference_number: string | null
  original_reference_number: string | null
  amount: AmountDTO
  raw_amount: BigNumberRawValue
  refunded_at: Date | null
  daily_transaction_id: string | null
  message: string | null
  source: AthRefundSource
  state: AthRefundState
  medusa_refund_id: string | null
  note: string | null
  reason: string | null
  customer_name: string | null
  customer_phone: string | null
  customer_email: string | null
  transaction_id: string | null
  transaction?: TransactionDTO | null
  created_at: Date
  updated_at: Date
  deleted_at: Date | null
}

export interface RecordWebhookEventInput {
  /** The account whose listener URL received it (`pp_athmovil_<id>`). */
  provider_id: string
  /** null when no stable key can be derived: the event is then never deduplicated. */
  idempotency_key: string | null
  kind: WebhookEventKind
  status: WebhookEventStatus | null
  ecommerce_id: string | null
  reference_number: string | null
  amount: BigNumberInput | null
  payload: Record<string, unknown> | null
  raw_body: string
  remote_ip: string | null
  /** "rejected" stores the event as already processed (e.g. it failed validation). */
  outcome?: "pending" | "rejected"
  error?: string
}

export interface RecordWebhookEventResult {
  /** The event's row: a repeat is counted on its original, so this is the original's id either way. */
  id: string
  /** true when the key was already taken (a repeat): nothing new to process. */
  duplicate: boolean
  /** The original this delivery repeats; null for a new original. */
  duplicate_of_id: string | null
}

export interface FinishWebhookEventInput {
  /** "pending" releases the claim so the event is retried later. */
  outcome: Exclude<WebhookEventOutcome, "duplicate" | "failed">
  error?: string | null
  payment_session_id?: string | null
  payment_id?: string | null
}

type DateInput = Date | string

/**
 * Ledger fields. `undefined` (absent) leaves the stored value alone; `null`
 * clears it. `status` and `total` are needed to create a row.
 */
export interface UpsertTransactionInput {
  ecommerce_id: string
  /** The ATH Móvil account (`pp_athmovil_<id>`); required to create a row, never changed after. */
  provider_id?: string
  /** Set when the row is created; "ecommerce" when absent. */
  kind?: AthTransactionKind
  reference_number?: string | null
  daily_transaction_id?: string | null
  status?: AthTransactionStatus
  total?: BigNumberInput
  fee?: BigNumberInput | null
  net_amount?: BigNumberInput | null
  refunded_total?: BigNumberInput
  subtotal?: BigNumberInput | null
  tax?: BigNumberInput | null
  items?: LedgerItem[] | null
  message?: string | null
  business_customer_id?: string | null
  phone_last4?: string | null
  currency_code?: string
  customer_name?: string | null
  customer_phone?: string | null
  customer_email?: string | null
  metadata1?: string | null
  metadata2?: string | null
  transaction_date?: DateInput | null
  payment_session_id?: string | null
  payment_id?: string | null
  cart_id?: string | null
  order_id?: string | null
  expires_at?: DateInput | null
  last_synced_at?: DateInput | null
  last_synced_via?: AthSyncSource | null
}

/** Batch rows must be able to create their row, so status and total are required. */
export type UpsertTransactionRow = UpsertTransactionInput & {
  status: AthTransactionStatus
  total: BigNumberInput
}

export interface UpsertTransactionsResult {
  inserted: number
  updated: number
  unchanged: number
}

export interface RecordRefundInput {
  identity_key: string
  amount: BigNumberInput
  source: AthRefundSource
  state?: AthRefundState
  reference_number?: string | null
  original_reference_number?: string | null
  refunded_at?: DateInput | null
  daily_transaction_id?: string | null
  message?: string | null
  medusa_refund_id?: string | null
  note?: string | null
  reason?: string | null
  customer_name?: string | null
  customer_phone?: string | null
  customer_email?: string | null
  transaction_id?: string | null
}

export interface RecordRefundResult {
  refund: RefundDTO
  /** false when a refund with this identity_key was already stored. */
  created: boolean
}

/** A heartbeat of one ATH account: `webhooks.subscribed`, `job.<name>`. */
export interface RecordAccountActivityInput {
  provider_id: string
  name: string
  ok: boolean
  detail?: Record<string, unknown>
}

export interface AccountActivityDTO {
  name: string
  at: Date
  ok: boolean
  detail: Record<string, unknown>
  /** Seconds since `at`, on the database's clock. */
  age_seconds: number
}
