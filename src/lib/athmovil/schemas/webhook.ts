import { z } from "zod"
import { athDateToEpochMs } from "../dates"
import type { AthWebhookEvent, AthWebhookKind } from "../types"
import { tryNormalisePhoneNumber } from "../phone"
import { amount, dailyTransactionId, items, nullableAmount, ruleMessage } from "./fields"

/*
 * Webhooks are untrusted input, so unlike response bodies their identity and
 * text fields must have the documented types; amounts, phone numbers and
 * daily ids still come as numbers or strings depending on the generation.
 */

const KINDS: Record<string, AthWebhookKind> = {
  ecommerce: "ecommerce",
  payment: "payment",
  donation: "donation",
  refund: "refund",
  simulated: "simulated",
}

const STATUSES: Record<string, AthWebhookEvent["status"]> = {
  completed: "completed",
  cancel: "cancelled",
  cancelled: "cancelled",
  canceled: "cancelled",
  expired: "expired",
}

export function webhookKindOf(value: unknown): AthWebhookKind | null {
  return typeof value === "string" ? (KINDS[value.trim().toLowerCase()] ?? null) : null
}

const kind = z.string({ error: ruleMessage("must be a string") }).transform((value, ctx) => {
  const out = webhookKindOf(value)
  if (out === null) {
    ctx.addIssue({ code: "custom", message: `must be one of ${Object.keys(KINDS).join(", ")}` })
    return z.NEVER
  }
  return out
})

const status = z.string({ error: ruleMessage("must be a string") }).transform((value, ctx) => {
  const out = STATUSES[value.trim().toLowerCase()]
  if (out === undefined) {
    ctx.addIssue({ code: "custom", message: "must be COMPLETED, CANCEL, CANCELLED or EXPIRED (any case)" })
    return z.NEVER
  }
  return out
})

const text = z
  .string({ error: "must be a string" })
  .nullable()
  .optional()
  .transform((value) => value?.trim() || null)

const date = z
  .union([z.string(), z.number()], { error: "must be a date string or epoch milliseconds" })
  .nullable()
  .optional()
  .transform((value, ctx): number | null => {
    if (value === null || value === undefined || value === "" || value === 0) return null
    const ms = athDateToEpochMs(value)
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: "must be a date such as \"2025-05-01 11:02:21\"" })
      return z.NEVER
    }
    return ms
  })

/** 10 digits or null: the 2025 shape sends 0 when the customer is unknown. */
const phoneNumber = z
  .union([z.string(), z.number()], { error: "must be a string or a number" })
  .nullable()
  .optional()
  .transform((value) => tryNormalisePhoneNumber(value))

export const webhookPayloadSchema = z.object({
  transactionType: kind,
  status,
  ecommerceId: text,
  referenceNumber: text,
  referenceTransactionId: text,
  dailyTransactionId,
  dailyTransactionID: dailyTransactionId,
  total: amount,
  subTotal: nullableAmount,
  subtotal: nullableAmount,
  tax: nullableAmount,
  fee: nullableAmount,
  netAmount: nullableAmount,
  totalRefundedAmount: nullableAmount,
  metadata1: text,
  metadata2: text,
  name: text,
  email: text,
  phoneNumber,
  message: text,
  date,
  transactionDate: date,
  businessName: text,
  items,
})

export type WebhookPayload = z.output<typeof webhookPayloadSchema>
