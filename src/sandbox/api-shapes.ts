/**
 * Response bodies of the REST endpoints. Key spelling, order and JSON types
 * copy the fixtures, quirks included: findPayment says `subTotal` and
 * `dailyTransactionId`; refund, report and search say `subtotal` and
 * `dailyTransactionID`; the report alone says `totalRefundAmount`.
 */
import type { AppTransaction } from "./app-transactions"
import { customerEmail, customerName } from "./customers"
import type { JsonAmount, Shapes } from "./shapes"
import type { Refund, Ticket } from "./tickets"
import type { ItemInput } from "./validation"

export function feeNumber(s: Shapes, t: Ticket): JsonAmount {
  return t.feeCents === null ? s.amount(0) : s.fee(t.feeCents)
}

export function netAmountNumber(s: Shapes, t: Ticket): JsonAmount {
  return s.amount(t.feeCents === null ? 0 : t.totalCents - t.feeCents)
}

/** `data` of findPayment and /authorization. */
export function findPaymentData(s: Shapes, t: Ticket) {
  const extras = s.itemExtras()
  return {
    ecommerceStatus: t.status,
    ecommerceId: t.ecommerceId,
    referenceNumber: s.reference(t.referenceNumber),
    businessCustomerId: t.merchant.businessCustomerId,
    transactionDate: s.date(t.completedAtMs, "plain"),
    [s.dailyKey("dailyTransactionId")]: s.daily(t.dailyTransactionId, "padded-string"),
    businessName: t.merchant.businessName,
    businessPath: t.merchant.businessPath,
    industry: t.merchant.industry,
    subTotal: s.amount(t.subtotalCents),
    tax: s.amount(t.taxCents),
    total: s.amount(t.totalCents),
    fee: feeNumber(s, t),
    netAmount: netAmountNumber(s, t),
    totalRefundedAmount: s.amount(t.refundedCents),
    metadata1: t.metadata1,
    metadata2: t.metadata2,
    items: t.items.map((i) => ({
      name: i.name,
      description: i.description,
      quantity: i.quantity,
      price: s.amount(i.priceCents),
      tax: s.amount(i.taxCents),
      metadata: i.metadata,
      ...(extras ? { formattedPrice: i.formattedPrice, sku: i.sku } : {}),
    })),
    isNonProfit: false,
  }
}

/** Items in the v4 "Services" shape (refund originalTransaction, report, search). */
function legacyNumberItems(s: Shapes, items: ItemInput[]) {
  return items.map((i) => ({
    name: i.name,
    description: i.description,
    quantity: i.quantity,
    price: s.amount(i.priceCents),
    tax: s.amount(i.taxCents),
    metadata: i.metadata,
  }))
}

/** `data` of POST /refund. Dates default to epoch-millisecond strings, as in the sample's "123412341234". */
export function refundResponseData(s: Shapes, refund: Refund) {
  const t = refund.ticket
  return {
    refund: {
      transactionType: "REFUND",
      status: "COMPLETED",
      refundedAmount: s.amount(refund.amountCents),
      date: s.refundDate(refund.atMs),
      referenceNumber: s.reference(refund.referenceNumber),
      [s.dailyKey("dailyTransactionID")]: s.daily(refund.dailyTransactionId, "padded-string"),
      name: s.name(customerName(t.phoneNumber)),
      phoneNumber: s.phone(t.phoneNumber, "formatted"),
      email: customerEmail(t.phoneNumber),
    },
    originalTransaction: {
      transactionType: "PAYMENT",
      status: "COMPLETED",
      date: s.refundDate(t.completedAtMs),
      referenceNumber: s.reference(t.referenceNumber),
      [s.dailyKey("dailyTransactionID")]: s.daily(t.dailyTransactionId, "padded-string"),
      name: s.name(customerName(t.phoneNumber)),
      phoneNumber: s.phone(t.phoneNumber, "formatted"),
      email: customerEmail(t.phoneNumber),
      message: "",
      total: s.amount(t.totalCents),
      tax: s.amount(t.taxCents),
      subtotal: s.amount(t.subtotalCents),
      fee: feeNumber(s, t),
      netAmount: netAmountNumber(s, t),
      totalRefundedAmount: s.amount(t.refundedCents),
      metadata1: t.metadata1,
      metadata2: t.metadata2,
      items: legacyNumberItems(s, t.items),
    },
  }
}

/** Report rows spell the refunded total `totalRefundAmount`; search results spell it `totalRefundedAmount`. */
export type RowFlavour = "report" | "search"

function refundedKey(flavour: RowFlavour): string {
  return flavour === "report" ? "totalRefundAmount" : "totalRefundedAmount"
}

/**
 * Rows are matched on the sandbox's own values (`referenceNumber`, `dailyId`,
 * `phone`), never on their printed variant, so a search finds what ATH would.
 */
export interface RowKeys {
  referenceNumber: string
  dailyId: number
  name: string
  phone: string
  email: string
  metadata1: string
  metadata2: string
}

export interface TransactionRowSource {
  sortMs: number
  totalCents: number
  keys: RowKeys
  render(s: Shapes): Record<string, unknown>
}

export function paymentRow(t: Ticket, flavour: RowFlavour): TransactionRowSource {
  const at = t.completedAtMs as number
  return {
    sortMs: at,
    totalCents: t.totalCents,
    keys: {
      referenceNumber: t.referenceNumber as string,
      dailyId: Number(t.dailyTransactionId),
      name: customerName(t.phoneNumber),
      phone: t.phoneNumber,
      email: customerEmail(t.phoneNumber),
      metadata1: t.metadata1,
      metadata2: t.metadata2,
    },
    render: (s) => ({
      transactionType: s.ecommerceType(),
      status: "COMPLETED",
      date: s.date(at, "fraction"),
      referenceNumber: s.reference(t.referenceNumber),
      [s.dailyKey("dailyTransactionID")]: s.daily(t.dailyTransactionId, "integer"),
      name: s.name(customerName(t.phoneNumber)),
      phoneNumber: s.phone(t.phoneNumber, "formatted"),
      email: customerEmail(t.phoneNumber),
      message: "",
      total: s.amount(t.totalCents),
      tax: s.amount(t.taxCents),
      subtotal: s.amount(t.subtotalCents),
      fee: feeNumber(s, t),
      netAmount: netAmountNumber(s, t),
      [refundedKey(flavour)]: s.amount(t.refundedCents),
      metadata1: t.metadata1,
      metadata2: t.metadata2,
      items: legacyNumberItems(s, t.items),
    }),
  }
}

/** Refund rows carry no metadata or items, like the real refund webhook. */
export function refundRow(r: Refund, flavour: RowFlavour): TransactionRowSource {
  const phone = r.ticket.phoneNumber
  return {
    sortMs: r.atMs,
    totalCents: r.amountCents,
    keys: {
      referenceNumber: r.referenceNumber,
      dailyId: Number(r.dailyTransactionId),
      name: customerName(phone),
      phone,
      email: customerEmail(phone),
      metadata1: "",
      metadata2: "",
    },
    render: (s) => ({
      transactionType: "REFUND",
      status: "COMPLETED",
      date: s.date(r.atMs, "fraction"),
      referenceNumber: s.reference(r.referenceNumber),
      [s.dailyKey("dailyTransactionID")]: s.daily(r.dailyTransactionId, "integer"),
      name: s.name(customerName(phone)),
      phoneNumber: s.phone(phone, "formatted"),
      email: customerEmail(phone),
      message: r.message,
      total: s.amount(r.amountCents),
      tax: s.amount(0),
      subtotal: s.amount(0),
      fee: s.amount(0),
      netAmount: s.amount(r.amountCents),
      [refundedKey(flavour)]: s.amount(0),
      metadata1: "",
      metadata2: "",
      items: [],
    }),
  }
}

/**
 * An app "Pay a Business" payment or donation in the report / search: the
 * row shape of API.md §1 #8 (as eCommerce rows), with the values its webhook
 * carries (webhooks/payment_received.official.json: no tax, subtotal,
 * metadata or items). The type is uppercase, the only casing any source
 * shows on a v4 Services row ("PAYMENT" in API.md §1 #8 and the /refund
 * answer's originalTransaction); no source disagrees, so it is no variant.
 */
export function appTransactionRow(a: AppTransaction, flavour: RowFlavour): TransactionRowSource {
  const phone = a.phoneNumber
  return {
    sortMs: a.atMs,
    totalCents: a.totalCents,
    keys: {
      referenceNumber: a.referenceNumber,
      dailyId: Number(a.dailyTransactionId),
      name: customerName(phone),
      phone,
      email: customerEmail(phone),
      metadata1: "",
      metadata2: "",
    },
    render: (s) => ({
      transactionType: a.kind.toUpperCase(),
      status: "COMPLETED",
      date: s.date(a.atMs, "fraction"),
      referenceNumber: s.reference(a.referenceNumber),
      [s.dailyKey("dailyTransactionID")]: s.daily(a.dailyTransactionId, "integer"),
      name: s.name(customerName(phone)),
      phoneNumber: s.phone(phone, "formatted"),
      email: customerEmail(phone),
      message: a.message,
      total: s.amount(a.totalCents),
      tax: s.amount(0),
      subtotal: s.amount(0),
      fee: s.fee(a.feeCents),
      netAmount: s.amount(a.totalCents - a.feeCents),
      [refundedKey(flavour)]: s.amount(0),
      metadata1: "",
      metadata2: "",
      items: [],
    }),
  }
}
