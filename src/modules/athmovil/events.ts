/**
 * Events the plugin emits through Medusa's event bus, for a store's own subscribers
 * (`medusa-payment-athmovil/events`). Each is written in the same database transaction as the
 * fact it reports (a ledger row reaching a final status, a refund row, a webhook giving up, a
 * reconciliation finishing) into an outbox, and published from there once: several instances
 * share the outbox, and a row is taken by exactly one of them. Payloads carry ids and amounts
 * (2-decimal strings), never tokens or secrets.
 */

export const ATHMOVIL_EVENTS = {
  /** A checkout's ATH ticket completed: ATH moved the money. */
  PAYMENT_COMPLETED: "athmovil.payment.completed",
  /** A checkout's ticket was cancelled: the shopper rejected or cancelled it in ATH Móvil, or it was cancelled. */
  PAYMENT_REJECTED: "athmovil.payment.rejected",
  /** A checkout's ticket expired before the shopper approved it. */
  PAYMENT_EXPIRED: "athmovil.payment.expired",
  /** The plugin learned of a refund (from Medusa, the ATH Business app's notice, or ATH's report). */
  REFUND_CREATED: "athmovil.refund.created",
  /** A reconciliation against ATH's transaction report finished. */
  RECONCILIATION_FINISHED: "athmovil.reconciliation.finished",
  /** A stored webhook failed its last processing attempt and waits for someone to replay it. */
  WEBHOOK_FAILED: "athmovil.webhook.failed",
  /** ATH refused the merchant's tokens or said the business account is not active: only the merchant can fix it. */
  ACCOUNT_PROBLEM: "athmovil.account.problem",
} as const

export type AthMovilEventName = (typeof ATHMOVIL_EVENTS)[keyof typeof ATHMOVIL_EVENTS]

/** athmovil.payment.completed / .rejected / .expired */
export interface AthMovilPaymentEventData {
  /** The ATH ledger row (`athtx_…`). */
  id: string
  ecommerce_id: string
  status: "COMPLETED" | "CANCEL" | "EXPIRED"
  /** ATH's reference number (completed payments only). */
  reference_number: string | null
  total: string
  currency_code: string
  payment_session_id: string | null
  payment_id: string | null
  cart_id: string | null
  order_id: string | null
}

/** athmovil.refund.created */
export interface AthMovilRefundEventData {
  /** The ATH refund row (`athref_…`). */
  id: string
  amount: string
  /** Who made it: Medusa (the admin or a store workflow), the ATH Business app (its notice), or only ATH's report. */
  source: "medusa" | "ath_business_app" | "report"
  /** The refund's own ATH reference, when known. */
  reference_number: string | null
  /** The refunded payment's ATH reference. */
  original_reference_number: string | null
  /** The ledger row of the refunded payment, and its Medusa payment when linked. */
  transaction_id: string | null
  payment_id: string | null
  /** Medusa's refund, when Medusa has it. */
  refund_id: string | null
}

/** athmovil.reconciliation.finished */
export interface AthMovilReconciliationFinishedData {
  /** The admin's run (`GET /admin/athmovil/reconciliation/:id`); null for the nightly job's and the CLI's. */
  id: string | null
  from: string
  to: string
  /** Report rows read. */
  report_rows: number
  /** Differences found, by kind (kinds without any are left out). */
  differences: Record<string, number>
  total_differences: number
}

/** athmovil.webhook.failed */
export interface AthMovilWebhookFailedData {
  /** The stored webhook event (`athwh_…`): replay it from the admin once the cause is fixed. */
  id: string
  kind: string
  status: string | null
  ecommerce_id: string | null
  reference_number: string | null
  attempts: number
  error: string | null
}

/** athmovil.account.problem (at most one per problem every 10 minutes per instance) */
export interface AthMovilAccountProblemData {
  reason: "credentials_refused" | "business_inactive"
  /** ATH's code, e.g. BTRA_0009, BTRA_0401. */
  code: string | null
  /** The ATH call that met it (payment, findPayment, refund, …). */
  operation: string
  /** Which of the store's ATH Business accounts (Medusa provider id, `pp_athmovil_<id>`); null when it cannot be told. */
  provider_id: string | null
}

export interface AthMovilEventData {
  "athmovil.payment.completed": AthMovilPaymentEventData
  "athmovil.payment.rejected": AthMovilPaymentEventData
  "athmovil.payment.expired": AthMovilPaymentEventData
  "athmovil.refund.created": AthMovilRefundEventData
  "athmovil.reconciliation.finished": AthMovilReconciliationFinishedData
  "athmovil.webhook.failed": AthMovilWebhookFailedData
  "athmovil.account.problem": AthMovilAccountProblemData
}
