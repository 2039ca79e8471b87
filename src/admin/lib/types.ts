/*
 * The plugin's admin API (src/api/admin/athmovil) as the admin UI reads it: the types each route
 * answers with (`modules/athmovil/admin-views.ts`, imported type-only) as they arrive in JSON, so the
 * compiler catches a drift between what a route sends and what the UI reads. Amounts are 2-decimal
 * strings in the payment's currency.
 */
import type * as Views from "../../modules/athmovil/admin-views"
import type { Jsonify } from "../../modules/athmovil/admin-views"

export type {
  AthDisplayStatus,
  Difference,
  DifferenceFix,
  FixInput,
  OtherIncomeSummary,
  RefundSource,
  RefundState,
  TokenState,
} from "../../modules/athmovil/admin-views"
export type ReceiptItem = Views.LedgerItem
export type AthRefundView = Jsonify<Views.AthRefundView>
export type AthWebhookView = Jsonify<Views.AthWebhookView>
export type ReconciliationRun = Jsonify<Views.ReconciliationRunView>

export type PaymentResponse = Jsonify<Views.PaymentResponse>
export type TransactionsResponse = Jsonify<Views.TransactionsResponse>
export type TransactionTotalsResponse = Jsonify<Views.TransactionTotalsResponse>
export type WebhookEventsResponse = Jsonify<Views.WebhookEventsResponse>
export type WebhookReplayResponse = Jsonify<Views.WebhookReplayResponse>
export type WebhookSubscribeResponse = Jsonify<Views.WebhookSubscribeResponse>
export type SettingsResponse = Jsonify<Views.SettingsResponse>
export type GoLiveResponse = Jsonify<Views.GoLiveResponse>
export type ReconciliationResponse = Jsonify<Views.ReconciliationResponse>
export type ReconciliationsResponse = Jsonify<Views.ReconciliationsResponse>
export type FixResponse = Jsonify<Views.FixResponse>
export type RefundsResponse = Jsonify<Views.RefundsResponse>
export type CustomersResponse = Jsonify<Views.CustomersResponse>

/** The ledger's kind filter: checkouts, other ATH income (app payments and donations), or one of those. */
export type LedgerKindFilter = "ecommerce" | "other" | "payment" | "donation" | "all"
