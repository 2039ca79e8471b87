import { z } from "zod"
import type { AthReportRow } from "../types"
import {
  amount,
  athDate,
  dailyTransactionId,
  firstOf,
  items,
  nullableAmount,
  phoneNumber,
  requiredText,
  text,
  upperText,
} from "./fields"

/** One transaction as listed by transactionReport and searchTransaction. */
const athReportRowSchema = z
  .object({
    // "ECOMMERCE" in the docs, "eCommerce" in django-athm's data.
    transactionType: upperText,
    status: upperText,
    date: athDate,
    referenceNumber: requiredText,
    dailyTransactionID: dailyTransactionId,
    dailyTransactionId,
    name: text,
    phoneNumber,
    email: text,
    message: text,
    total: amount,
    tax: nullableAmount,
    subtotal: nullableAmount,
    subTotal: nullableAmount,
    fee: nullableAmount,
    netAmount: nullableAmount,
    totalRefundAmount: nullableAmount,
    totalRefundedAmount: nullableAmount,
    metadata1: text,
    metadata2: text,
    items,
  })
  .transform(
    (raw): AthReportRow => ({
      transactionType: raw.transactionType,
      status: raw.status,
      date: raw.date,
      referenceNumber: raw.referenceNumber,
      dailyTransactionId: firstOf(raw.dailyTransactionID, raw.dailyTransactionId),
      name: raw.name,
      phoneNumber: raw.phoneNumber,
      email: raw.email,
      message: raw.message,
      total: raw.total,
      tax: raw.tax,
      subtotal: firstOf(raw.subtotal, raw.subTotal),
      fee: raw.fee,
      netAmount: raw.netAmount,
      totalRefundedAmount: firstOf(raw.totalRefundAmount, raw.totalRefundedAmount) ?? "0.00",
      metadata1: raw.metadata1,
      metadata2: raw.metadata2,
      items: raw.items,
    })
  )

export const athReportRowsSchema = z.array(athReportRowSchema)
