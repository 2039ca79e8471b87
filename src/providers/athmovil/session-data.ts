import { z } from "zod"
import type { AthEcommerceStatus, AthPayment } from "../../lib/athmovil"

/** One ATH refund as the plugin records it on the Medusa payment. */
export interface AthRefundRecord {
  reference_number: string | null
  amount: string
  date: string | null
  daily_transaction_id: string | null
  /** medusa: the plugin called ATH; adopted: ATH already had it (lost response, or made in the ATH Business app). */
  source: "medusa" | "adopted"
}

/**
 * What the provider keeps in the payment session / payment `data`. Session data is
 * returned by the Store API, so nothing here is a secret in clear: the ATH auth token
 * is sealed (`auth_token_enc`) and dropped once the payment is completed.
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
  customer_name?: string | null
  customer_phone?: string | null
  customer_email?: string | null
  refunded_total?: string
  refunds?: AthRefundRecord[]
  last_checked_at?: string
}

const itemSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
  description: z.string().max(200, "description must be at most 200 characters").optional(),
  quantity: z.number().int("quantity must be a whole number").positive("quantity must be positive"),
  price: z.union([z.string(), z.number()]),
  tax: z.union([z.string(), z.number()]).nullable().optional(),
  metadata: z.string().max(40).nullable().optional(),
  sku: z.string().max(64).nullable().optional(),
})

/** What a storefront may send in `data` when it creates the session. */
export const StorefrontSessionInputSchema = z.object({
  phone_number: z.union([z.string().max(32, "phone_number is too long"), z.number()]).optional(),
  items: z.array(itemSchema).max(50, "items may hold at most 50 lines").optional(),
  cart_id: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,40}$/, "cart_id must be a Medusa id (letters, digits, '_', at most 40 characters)")
    .optional(),
})

export type StorefrontSessionInput = z.output<typeof StorefrontSessionInputSchema>

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
