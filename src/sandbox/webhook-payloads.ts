/**
 * Webhook bodies, one builder per documented generation (API.md §4):
 * - 2025 eCommerce completed/cancelled: uppercase, JSON numbers, `ecommerceId`.
 * - legacy (2020) eCommerce: lowercase, string amounts, no `ecommerceId`;
 *   expired events only exist in this shape.
 * - refund: the real capture published by django-athm (uppercase, strings,
 *   no metadata or items), not the 2020 doc example.
 * - app events (payment, donation, simulated): the 2020 doc shape.
 */
import { feeNumber, netAmountNumber } from "./api-shapes"
import { customerEmail, customerName, formatPhone } from "./customers"
import type { Merchant } from "./merchants"
import { centsToNumber as n, computeFeeCents, formatCents as s, type FeeRate } from "./money"
import type { Numbering } from "./numbering"
import { formatPrDateTime } from "./pr-time"
import type { Refund, Ticket } from "./tickets"
import type { RefundWebhookReference } from "./types"

export function ecommerce2025(t: Ticket, status: "COMPLETED" | "CANCEL", atMs: number) {
  const completed = status === "COMPLETED"
  return {
    businessName: t.merchant.businessName,
    dailyTransactionId: t.dailyTransactionId ?? "",
    date: formatPrDateTime(atMs),
    ecommerceId: t.ecommerceId,
    email: completed ? customerEmail(t.phoneNumber) : "",
    fee: feeNumber(t),
    isNonProfit: false,
    items: t.items.map((i) => ({
      description: i.description,
      formattedPrice: i.formattedPrice,
      metadata: i.metadata,
      name: i.name,
      price: n(i.priceCents),
      quantity: i.quantity,
      sku: i.sku,
      tax: n(i.taxCents),
    })),
    message: "",
    metadata1: t.metadata1,
    metadata2: t.metadata2,
    name: completed ? customerName(t.phoneNumber) : "",
    netAmount: netAmountNumber(t),
    phoneNumber: t.phoneNumber ? Number(t.phoneNumber) : 0,
    referenceNumber: t.referenceNumber ?? "",
    referenceTransactionId: t.merchant.referenceTransactionId,
    status,
    subTotal: n(t.subtotalCents),
    tax: n(t.taxCents),
    total: n(t.totalCents),
    totalRefundedAmount: n(t.refundedCents),
    transactionDate: t.completedAtMs === null ? "" : formatPrDateTime(t.completedAtMs),
    transactionType: "ECOMMERCE",
  }
}

export function ecommerceLegacy(t: Ticket, status: "completed" | "cancelled" | "expired", atMs: number) {
  const completed = status === "completed"
  return {
    transactionType: "ecommerce",
    status,
    date: `${formatPrDateTime(atMs)}.0`,
    referenceNumber: t.referenceNumber ?? "",
    dailyTransactionID: t.dailyTransactionId ?? "",
    name: completed ? customerName(t.phoneNumber) : "",
    phoneNumber: completed ? t.phoneNumber : "",
    email: completed ? customerEmail(t.phoneNumber) : "",
    message: "",
    total: s(t.totalCents),
    tax: s(t.taxCents),
    subtotal: s(t.subtotalCents),
    fee: s(t.feeCents ?? 0),
    netAmount: t.feeCents === null ? "0.00" : s(t.totalCents - t.feeCents),
    totalRefundedAmount: s(t.refundedCents),
    metadata1: t.metadata1,
    metadata2: t.metadata2,
    items: t.items.map((i) => ({
      quantity: String(i.quantity),
      tax: s(i.taxCents),
      metadata: i.metadata,
      name: i.name,
      description: i.description,
      price: s(i.priceCents),
    })),
  }
}

/**
 * The captured refund webhook reused the original payment's referenceNumber
 * (or was anonymised that way), and its dailyTransactionID was not padded.
 */
export function refundSent(r: Refund, reference: RefundWebhookReference) {
  const phone = r.ticket.phoneNumber
  return {
    dailyTransactionID: String(Number(r.dailyTransactionId)),
    date: formatPrDateTime(r.atMs),
    email: customerEmail(phone),
    fee: "0.00",
    message: r.message,
    name: customerName(phone),
    netAmount: "0.00",
    phoneNumber: formatPhone(phone),
    referenceNumber: reference === "original" ? (r.ticket.referenceNumber as string) : r.referenceNumber,
    status: "COMPLETED",
    total: s(r.amountCents),
    totalRefundedAmount: "0",
    transactionType: "REFUND",
  }
}

export interface AppEventInput {
  amount?: string
  phoneNumber?: string
  message?: string
}

/** "Pay a Business" payments and donations; the 2020 doc is the only source for their shape. */
export function appEvent(
  kind: "payment" | "donation",
  totalCents: number,
  input: AppEventInput,
  merchant: Merchant,
  numbering: Numbering,
  feeRate: FeeRate,
  atMs: number,
) {
  const phone = input.phoneNumber ?? "7875550100"
  const fee = computeFeeCents(totalCents, feeRate)
  return {
    transactionType: kind,
    status: "completed",
    date: `${formatPrDateTime(atMs)}.0`,
    referenceNumber: numbering.referenceNumber(),
    dailyTransactionID: numbering.dailyTransactionId(merchant.publicToken, atMs),
    name: customerName(phone),
    phoneNumber: phone,
    email: customerEmail(phone),
    message: input.message ?? "",
    total: s(totalCents),
    tax: "0.00",
    subtotal: "0.00",
    fee: s(fee),
    netAmount: s(totalCents - fee),
    totalRefundedAmount: "0.00",
    metadata1: "",
    metadata2: "",
    items: [],
  }
}

/** The fixed test payload ATH Móvil sends to check a listener; its values never change. */
export function simulatedEvent(atMs: number) {
  const item = (name: string) => ({
    quantity: "1",
    tax: "0.50",
    metadata: "simulated",
    name,
    description: "Simulated item.",
    price: "1.00",
  })
  return {
    transactionType: "simulated",
    status: "completed",
    date: `${formatPrDateTime(atMs)}.0`,
    referenceNumber: "000000-00000000abcd",
    dailyTransactionID: "0001",
    name: "Simulated Customer",
    phoneNumber: "7870000000",
    email: "simulated@sandbox.athmovil.test",
    message: "Simulated payment.",
    total: "3.00",
    tax: "1.00",
    subtotal: "2.00",
    fee: "0.06",
    netAmount: "2.94",
    totalRefundedAmount: "0.00",
    metadata1: "Simulated metadata1",
    metadata2: "Simulated metadata2",
    items: [item("First simulated item"), item("Second simulated item")],
  }
}
