import type { AthEcommerceStatus, AthPayment } from "../../lib/athmovil"

/** One ATH refund as the plugin records it on the Medusa payment. */
export interface AthRefundRecord {
  /** The Medusa refund this record belongs to (Medusa's refund id): one record per Medusa refund. */
  medusa_refund_id?: string | null
  reference_number: string | null
  amount: string
  date: string | null
  daily_transaction_id: string | null
  /** medusa: the plugin called ATH; adopted: ATH already had it (made in the ATH Business app, recorded from the ATH side). */
  source: "medusa" | "adopted"
}

/**
 * What the provider keeps in the payment session / payment `data`. Session data is
 * returned by the Store API, so nothing here is a secret in clear: the ATH auth token
 * is sealed (`auth_token_enc`) and dropped once the payment is completed.
 * Every key here is written by the provider from ATH's answers; nothing else survives
 * (see `ownSessionData`).
 */
export interface AthSessionData {
  [key: string]: unknown
  session_id?: string
  ecommerce_id?: string
  athm_status?: AthEcommerceStatus
  expires_at?: string
  phone_last4?: string
  auth_token_enc?: string
  amount?: string
  currency_code?: string
  cart_id?: string
  reference_number?: string | null
  daily_transaction_id?: string | null
  transaction_date?: string | null
  total?: string
  fee?: string
  net_amount?: string
  refunded_total?: string
  refunds?: AthRefundRecord[]
  last_checked_at?: string
  last_error?: string
  /** How many times the shopper moved the push to another phone (the store route limits it). */
  phone_changes?: number
}

const OWN_KEYS: ReadonlyArray<keyof AthSessionData> = [
  "session_id",
  "ecommerce_id",
  "athm_status",
  "expires_at",
  "phone_last4",
  "auth_token_enc",
  "amount",
  "currency_code",
  "cart_id",
  "reference_number",
  "daily_transaction_id",
  "transaction_date",
  "total",
  "fee",
  "net_amount",
  "refunded_total",
  "refunds",
  "last_checked_at",
  "last_error",
  "phone_changes",
]

/**
 * What the provider hands back to Medusa: only its own keys, and every other key of `input`
 * explicitly blanked. Medusa merges the storefront's data under the provider's
 * (`{ ...input, ...output }`), so a key left out would survive; `undefined` removes it from the
 * stored JSON.
 */
export function ownSessionData(data: AthSessionData, input?: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(input ?? {})) out[key] = undefined
  for (const key of OWN_KEYS) if (data[key] !== undefined) out[key] = data[key]
  return out
}

export function completedPaymentData(payment: AthPayment): Partial<AthSessionData> {
  return {
    athm_status: payment.status,
    reference_number: payment.referenceNumber,
    daily_transaction_id: payment.dailyTransactionId,
    transaction_date: payment.transactionDate,
    total: payment.total,
    fee: payment.fee,
    net_amount: payment.netAmount,
    refunded_total: payment.totalRefundedAmount,
  }
}

export function asSessionData(data: unknown): AthSessionData {
  return (data && typeof data === "object" ? data : {}) as AthSessionData
}

/** The ticket's status as just read from ATH. */
export function withStatus(data: AthSessionData, payment: AthPayment): AthSessionData {
  return { ...data, athm_status: payment.status, last_checked_at: new Date().toISOString() }
}

/** A closed ticket (cancelled, expired, completed) no longer needs its auth token: drop it. */
export function closedData(data: AthSessionData, payment: AthPayment): AthSessionData {
  return { ...withStatus(data, payment), auth_token_enc: undefined }
}

export function completedData(data: AthSessionData, payment: AthPayment): AthSessionData {
  return { ...closedData(data, payment), ...completedPaymentData(payment), refunds: data.refunds ?? [] }
}

/** Completed tickets carry ATH's facts; open ones only their status. */
export function readData(data: AthSessionData, payment: AthPayment): AthSessionData {
  return payment.status === "COMPLETED" ? completedData(data, payment) : withStatus(data, payment)
}

/** One refund recorded once: a record for the same Medusa refund replaces the earlier one. */
export function withRefund(data: AthSessionData, payment: AthPayment, refund: AthRefundRecord): AthSessionData {
  const others = (data.refunds ?? []).filter((r) => !refund.medusa_refund_id || r.medusa_refund_id !== refund.medusa_refund_id)
  return {
    ...data,
    refunds: [...others, refund],
    refunded_total: payment.totalRefundedAmount,
    last_checked_at: new Date().toISOString(),
  }
}
