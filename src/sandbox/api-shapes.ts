/**
 * Response bodies of the REST endpoints. Key spelling, order and JSON types
 * copy the fixtures, quirks included: findPayment says `subTotal` and
 * `dailyTransactionId`; refund, report and search say `subtotal` and
 * `dailyTransactionID`; the report alone says `totalRefundAmount`.
 */
import { customerEmail, customerName, formatPhone } from "./customers"
import { centsToFloat32, centsToNumber } from "./money"
import { formatPrDateTime } from "./pr-time"
import type { Refund, Ticket } from "./tickets"
import type { ItemInput } from "./validation"

const n = centsToNumber

export function feeNumber(t: Ticket): number {
  return t.feeCents === null ? 0 : centsToFloat32(t.feeCents)
}

export function netAmountNumber(t: Ticket): number {
  return t.feeCents === null ? 0 : n(t.totalCents - t.feeCents)
}

/** `data` of findPayment and /authorization. */
export function findPaymentData(t: Ticket) {
  return {
    ecommerceStatus: t.status,
    ecommerceId: t.ecommerceId,
    referenceNumber: t.referenceNumber ?? "",
    businessCustomerId: t.merchant.businessCustomerId,
    transactionDate: t.completedAtMs === null ? "" : formatPrDateTime(t.completedAtMs),
    dailyTransactionId: t.dailyTransactionId ?? "",
    businessName: t.merchant.businessName,
    businessPath: t.merchant.businessPath,
    industry: t.merchant.industry,
    subTotal: n(t.subtotalCents),
    tax: n(t.taxCents),
    total: n(t.totalCents),
    fee: feeNumber(t),
    netAmount: netAmountNumber(t),
    totalRefundedAmount: n(t.refundedCents),
    metadata1: t.metadata1,
    metadata2: t.metadata2,
    items: t.items.map((i) => ({
      name: i.name,
      description: i.description,
      quantity: i.quantity,
      price: n(i.priceCents),
      tax: n(i.taxCents),
      metadata: i.metadata,
      formattedPrice: i.formattedPrice,
      sku: i.sku,
    })),
    isNonProfit: false,
  }
}

/** Items in the v4 "Services" shape (refund originalTransaction, report, search). */
function legacyNumberItems(items: ItemInput[]) {
  return items.map((i) => ({
    name: i.name,
    description: i.description,
    quantity: i.quantity,
    price: n(i.priceCents),
    tax: n(i.taxCents),
    metadata: i.metadata,
  }))
}

/** `data` of POST /refund. Dates are epoch-millisecond strings, as in the sample's "123412341234". */
export function refundResponseData(refund: Refund) {
  const t = refund.ticket
  const phone = formatPhone(t.phoneNumber)
  return {
    refund: {
      transactionType: "REFUND",
      status: "COMPLETED",
      refundedAmount: n(refund.amountCents),
      date: String(refund.atMs),
      referenceNumber: refund.referenceNumber,
      dailyTransactionID: refund.dailyTransactionId,
      name: customerName(t.phoneNumber),
      phoneNumber: phone,
      email: customerEmail(t.phoneNumber),
    },
    originalTransaction: {
      transactionType: "PAYMENT",
      status: "COMPLETED",
      date: String(t.completedAtMs),
      referenceNumber: t.referenceNumber ?? "",
      dailyTransactionID: t.dailyTransactionId ?? "",
      name: customerName(t.phoneNumber),
      phoneNumber: phone,
      email: customerEmail(t.phoneNumber),
      message: "",
      total: n(t.totalCents),
      tax: n(t.taxCents),
      subtotal: n(t.subtotalCents),
      fee: feeNumber(t),
      netAmount: netAmountNumber(t),
      totalRefundedAmount: n(t.refundedCents),
      metadata1: t.metadata1,
      metadata2: t.metadata2,
      items: legacyNumberItems(t.items),
    },
  }
}

/** Report rows spell the refunded total `totalRefundAmount`; search results spell it `totalRefundedAmount`. */
export type RowFlavour = "report" | "search"

/** One report/search row; `sortMs` and `totalCents` serve ordering and matching and are not serialised. */
export interface TransactionRow {
  sortMs: number
  totalCents: number
  json: Record<string, unknown>
}

function refundedKey(flavour: RowFlavour): string {
  return flavour === "report" ? "totalRefundAmount" : "totalRefundedAmount"
}

export function paymentRow(t: Ticket, flavour: RowFlavour): TransactionRow {
  const at = t.completedAtMs as number
  return {
    sortMs: at,
    totalCents: t.totalCents,
    json: {
      transactionType: "ECOMMERCE",
      status: "COMPLETED",
      date: `${formatPrDateTime(at)}.0`,
      referenceNumber: t.referenceNumber,
      dailyTransactionID: Number(t.dailyTransactionId),
      name: customerName(t.phoneNumber),
      phoneNumber: formatPhone(t.phoneNumber),
      email: customerEmail(t.phoneNumber),
      message: "",
      total: n(t.totalCents),
      tax: n(t.taxCents),
      subtotal: n(t.subtotalCents),
      fee: feeNumber(t),
      netAmount: netAmountNumber(t),
      [refundedKey(flavour)]: n(t.refundedCents),
      metadata1: t.metadata1,
      metadata2: t.metadata2,
      items: legacyNumberItems(t.items),
    },
  }
}

/** Refund rows carry no metadata or items, like the real refund webhook. */
export function refundRow(r: Refund, flavour: RowFlavour): TransactionRow {
  const phone = r.ticket.phoneNumber
  return {
    sortMs: r.atMs,
    totalCents: r.amountCents,
    json: {
      transactionType: "REFUND",
      status: "COMPLETED",
      date: `${formatPrDateTime(r.atMs)}.0`,
      referenceNumber: r.referenceNumber,
      dailyTransactionID: Number(r.dailyTransactionId),
      name: customerName(phone),
      phoneNumber: formatPhone(phone),
      email: customerEmail(phone),
      message: r.message,
      total: n(r.amountCents),
      tax: 0,
      subtotal: 0,
      fee: 0,
      netAmount: n(r.amountCents),
      [refundedKey(flavour)]: 0,
      metadata1: "",
      metadata2: "",
      items: [],
    },
  }
}
