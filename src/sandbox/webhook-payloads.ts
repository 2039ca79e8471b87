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
import type { AppTransaction, AppTransactionKind } from "./app-transactions"
import { customerEmail, customerName } from "./customers"
import type { Merchant } from "./merchants"
import { computeFeeCents, formatCents as s, type FeeRate } from "./money"
import type { Numbering } from "./numbering"
import { formatPrDateTime } from "./pr-time"
import type { Shapes } from "./shapes"
import type { Refund, Ticket } from "./tickets"
import type { RefundWebhookReference } from "./types"

export function ecommerce2025(v: Shapes, t: Ticket, status: "COMPLETED" | "CANCEL", atMs: number) {
  const completed = status === "COMPLETED"
  return {
    businessName: t.merchant.businessName,
    [v.dailyKey("dailyTransactionId")]: v.daily(t.dailyTransactionId, "padded-string"),
    date: v.date(atMs, "plain"),
    ecommerceId: t.ecommerceId,
    email: completed ? customerEmail(t.phoneNumber) : "",
    fee: feeNumber(v, t),
    isNonProfit: false,
    items: t.items.map((i) => ({
      description: i.description,
      formattedPrice: i.formattedPrice,
      metadata: i.metadata,
      name: i.name,
      price: v.amount(i.priceCents),
      quantity: i.quantity,
      sku: i.sku,
      tax: v.amount(i.taxCents),
    })),
    message: "",
    metadata1: t.metadata1,
    metadata2: t.metadata2,
    name: completed ? v.name(customerName(t.phoneNumber)) : "",
    netAmount: netAmountNumber(v, t),
    phoneNumber: v.phone(t.phoneNumber, "number"),
    referenceNumber: v.reference(t.referenceNumber),
    referenceTransactionId: t.merchant.referenceTransactionId,
    status,
    subTotal: v.amount(t.subtotalCents),
    tax: v.amount(t.taxCents),
    total: v.amount(t.totalCents),
    totalRefundedAmount: v.amount(t.refundedCents),
    transactionDate: v.date(t.completedAtMs, "plain"),
    transactionType: "ECOMMERCE",
  }
}

export function ecommerceLegacy(v: Shapes, t: Ticket, status: "completed" | "cancelled" | "expired", atMs: number) {
  const completed = status === "completed"
  return {
    transactionType: "ecommerce",
    status,
    date: v.date(atMs, "fraction"),
    referenceNumber: v.reference(t.referenceNumber),
    [v.dailyKey("dailyTransactionID")]: v.daily(t.dailyTransactionId, "padded-string"),
    name: completed ? v.name(customerName(t.phoneNumber)) : "",
    phoneNumber: completed ? v.phone(t.phoneNumber, "digits") : "",
    email: completed ? customerEmail(t.phoneNumber) : "",
    message: "",
    total: v.amountString(t.totalCents),
    tax: v.amountString(t.taxCents),
    subtotal: v.amountString(t.subtotalCents),
    fee: v.amountString(t.feeCents ?? 0),
    netAmount: v.amountString(t.feeCents === null ? 0 : t.totalCents - t.feeCents),
    totalRefundedAmount: v.amountString(t.refundedCents),
    metadata1: t.metadata1,
    metadata2: t.metadata2,
    items: t.items.map((i) => ({
      quantity: String(i.quantity),
      tax: v.amountString(i.taxCents),
      metadata: i.metadata,
      name: i.name,
      description: i.description,
      price: v.amountString(i.priceCents),
    })),
  }
}

/**
 * The refund-sent webhook in the real captured shape (uppercase, strings, no
 * order fields; its dailyTransactionID unpadded) or the 2020 doc's shape
 * (lowercase, with tax, subtotal, metadata and items). Both may repeat the
 * original payment's referenceNumber (or the capture was anonymised that way).
 */
export function refundSent(v: Shapes, r: Refund, reference: RefundWebhookReference) {
  const phone = r.ticket.phoneNumber
  const referenceNumber = v.reference(reference === "original" ? (r.ticket.referenceNumber as string) : r.referenceNumber)
  if (v.variants.pick("webhook.refundShape", "captured") === "doc-2020") {
    return {
      transactionType: "refund",
      status: v.variants.pick("webhook.refundStatus", "completed"),
      date: v.date(r.atMs, "fraction"),
      referenceNumber,
      [v.dailyKey("dailyTransactionID")]: v.daily(r.dailyTransactionId, "padded-string"),
      name: v.name(customerName(phone)),
      phoneNumber: v.phone(phone, "digits"),
      email: customerEmail(phone),
      message: r.message,
      total: v.amountString(r.amountCents),
      tax: v.amountString(0),
      subtotal: v.amountString(0),
      fee: v.amountString(0),
      netAmount: v.amountString(0),
      totalRefundedAmount: v.amountString(0),
      metadata1: "",
      metadata2: "",
      items: [],
    }
  }
  return {
    [v.dailyKey("dailyTransactionID")]: v.daily(r.dailyTransactionId, "unpadded-string"),
    date: v.date(r.atMs, "plain"),
    email: customerEmail(phone),
    fee: v.amountString(0),
    message: r.message,
    name: v.name(customerName(phone)),
    netAmount: v.amountString(0),
    phoneNumber: v.phone(phone, "formatted"),
    referenceNumber,
    status: v.variants.pick("webhook.refundStatus", "COMPLETED"),
    total: v.amountString(r.amountCents),
    totalRefundedAmount: v.amountString(0, "plain"),
    transactionType: "REFUND",
  }
}

export interface AppEventInput {
  amount?: string
  phoneNumber?: string
  message?: string
}

/**
 * A "Pay a Business" payment or donation as ATH keeps it: one transaction,
 * numbered like any other, that the webhook announces and the report and
 * search list (see appTransactionRow).
 */
export function newAppTransaction(
  kind: AppTransactionKind,
  totalCents: number,
  input: AppEventInput,
  merchant: Merchant,
  numbering: Numbering,
  feeRate: FeeRate,
  atMs: number,
): AppTransaction {
  return {
    kind,
    merchant,
    referenceNumber: numbering.referenceNumber(),
    dailyTransactionId: numbering.dailyTransactionId(merchant.publicToken, atMs),
    atMs,
    totalCents,
    feeCents: computeFeeCents(totalCents, feeRate),
    phoneNumber: input.phoneNumber ?? "7875550100",
    message: input.message ?? "",
  }
}

/** The webhook of an app payment or donation; the 2020 doc is the only source for its shape. */
export function appEvent(t: AppTransaction) {
  const phone = t.phoneNumber
  return {
    transactionType: t.kind,
    status: "completed",
    date: `${formatPrDateTime(t.atMs)}.0`,
    referenceNumber: t.referenceNumber,
    dailyTransactionID: t.dailyTransactionId,
    name: customerName(phone),
    phoneNumber: phone,
    email: customerEmail(phone),
    message: t.message,
    total: s(t.totalCents),
    tax: "0.00",
    subtotal: "0.00",
    fee: s(t.feeCents),
    netAmount: s(t.totalCents - t.feeCents),
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
