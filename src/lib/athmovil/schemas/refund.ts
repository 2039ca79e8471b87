import { z } from "zod"
import type { AthRefund } from "../types"
import {
  amount,
  athDate,
  dailyTransactionId,
  firstOf,
  nullableAmount,
  phoneNumber,
  requiredText,
  text,
  upperText,
} from "./fields"

const refundPart = z.object({
  status: upperText,
  refundedAmount: nullableAmount,
  amount: nullableAmount,
  total: nullableAmount,
  date: athDate,
  referenceNumber: requiredText,
  dailyTransactionID: dailyTransactionId,
  dailyTransactionId,
  name: text,
  phoneNumber,
  email: text,
})

const originalPart = z.object({
  status: upperText,
  referenceNumber: requiredText,
  total: amount,
  fee: nullableAmount,
  netAmount: nullableAmount,
  totalRefundedAmount: nullableAmount,
  totalRefundAmount: nullableAmount,
  metadata1: text,
  metadata2: text,
})

/** `data` of POST /refund: `{refund, originalTransaction}`. */
export const athRefundSchema = z
  .object({ refund: refundPart, originalTransaction: originalPart })
  .transform((raw, ctx): AthRefund => {
    const { refund, originalTransaction: original } = raw
    const refunded = firstOf(refund.refundedAmount, refund.amount, refund.total)
    if (refunded === null) {
      ctx.addIssue({ code: "custom", message: "refundedAmount is missing", path: ["refund", "refundedAmount"] })
      return z.NEVER
    }
    return {
      refund: {
        referenceNumber: refund.referenceNumber,
        amount: refunded,
        date: refund.date,
        dailyTransactionId: firstOf(refund.dailyTransactionID, refund.dailyTransactionId),
        status: refund.status,
        name: refund.name,
        phoneNumber: refund.phoneNumber,
        email: refund.email,
      },
      original: {
        referenceNumber: original.referenceNumber,
        status: original.status,
        total: original.total,
        fee: original.fee,
        netAmount: original.netAmount,
        totalRefundedAmount: firstOf(original.totalRefundedAmount, original.totalRefundAmount) ?? "0.00",
        metadata1: original.metadata1,
        metadata2: original.metadata2,
      },
    }
  })
