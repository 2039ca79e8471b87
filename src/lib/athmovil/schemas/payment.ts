import { z } from "zod"
import type { AthEcommerceStatus, AthPayment } from "../types"
import {
  amount,
  athDate,
  dailyTransactionId,
  firstOf,
  items,
  nullableAmount,
  requiredText,
  text,
} from "./fields"

const STATUSES: Record<string, AthEcommerceStatus> = {
  OPEN: "OPEN",
  CONFIRM: "CONFIRM",
  COMPLETED: "COMPLETED",
  CANCEL: "CANCEL",
  // The REST API shows expired and cancelled tickets alike as CANCEL; other
  // clients accept these spellings too, so they are folded into it.
  CANCELLED: "CANCEL",
  CANCELED: "CANCEL",
  EXPIRED: "CANCEL",
}

const ecommerceStatus = z.string().transform((value, ctx): AthEcommerceStatus => {
  const status = STATUSES[value.trim().toUpperCase()]
  if (status === undefined) {
    ctx.addIssue({ code: "custom", message: `unknown ecommerce status "${value}"` })
    return z.NEVER
  }
  return status
})

export const createPaymentResponseSchema = z
  .object({
    ecommerceId: requiredText,
    auth_token: z.string().min(1).optional(),
    authToken: z.string().min(1).optional(),
  })
  .transform((raw, ctx) => {
    const authToken = raw.auth_token ?? raw.authToken
    if (authToken === undefined) {
      ctx.addIssue({ code: "custom", message: "auth_token is missing", path: ["auth_token"] })
      return z.NEVER
    }
    return { ecommerceId: raw.ecommerceId, authToken }
  })

/** `data` of findPayment and of /authorization. */
export const athPaymentSchema = z
  .object({
    ecommerceStatus,
    ecommerceId: requiredText,
    referenceNumber: text,
    businessCustomerId: text,
    transactionDate: athDate,
    dailyTransactionId,
    dailyTransactionID: dailyTransactionId,
    businessName: text,
    subTotal: nullableAmount,
    subtotal: nullableAmount,
    tax: nullableAmount,
    total: amount,
    fee: nullableAmount,
    netAmount: nullableAmount,
    totalRefundedAmount: nullableAmount,
    metadata1: text,
    metadata2: text,
    items,
    isNonProfit: z.boolean().nullable().optional(),
  })
  .transform(
    (raw): AthPayment => ({
      ecommerceId: raw.ecommerceId,
      status: raw.ecommerceStatus,
      referenceNumber: raw.referenceNumber,
      businessCustomerId: raw.businessCustomerId,
      transactionDate: raw.transactionDate,
      dailyTransactionId: firstOf(raw.dailyTransactionId, raw.dailyTransactionID),
      businessName: raw.businessName,
      subtotal: firstOf(raw.subTotal, raw.subtotal),
      tax: raw.tax,
      total: raw.total,
      fee: raw.fee ?? "0.00",
      netAmount: raw.netAmount ?? "0.00",
      totalRefundedAmount: raw.totalRefundedAmount ?? "0.00",
      metadata1: raw.metadata1,
      metadata2: raw.metadata2,
      items: raw.items,
      isNonProfit: raw.isNonProfit ?? null,
    })
  )
