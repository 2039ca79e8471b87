import { formatCents } from "./money"
import type { Refund, Ticket } from "./tickets"
import type { RefundSnapshot, SandboxItem, TicketSnapshot } from "./types"
import type { ItemInput } from "./validation"

function itemSnapshot(item: ItemInput): SandboxItem {
  return {
    name: item.name,
    description: item.description,
    quantity: item.quantity,
    price: formatCents(item.priceCents),
    tax: formatCents(item.taxCents),
    metadata: item.metadata,
    sku: item.sku,
    formattedPrice: item.formattedPrice,
  }
}

export function refundSnapshot(refund: Refund): RefundSnapshot {
  return {
    referenceNumber: refund.referenceNumber,
    originalReferenceNumber: refund.ticket.referenceNumber as string,
    amount: formatCents(refund.amountCents),
    message: refund.message,
    date: new Date(refund.atMs),
    dailyTransactionId: refund.dailyTransactionId,
    via: refund.via,
  }
}

/** A detached copy: callers may keep or mutate it without touching sandbox state. */
export function ticketSnapshot(t: Ticket): TicketSnapshot {
  return {
    ecommerceId: t.ecommerceId,
    status: t.status,
    expired: t.cancelledBy === "expiry",
    cancelledBy: t.cancelledBy,
    total: formatCents(t.totalCents),
    subtotal: formatCents(t.subtotalCents),
    tax: formatCents(t.taxCents),
    phoneNumber: t.phoneNumber,
    metadata1: t.metadata1,
    metadata2: t.metadata2,
    items: t.items.map(itemSnapshot),
    referenceNumber: t.referenceNumber,
    dailyTransactionId: t.dailyTransactionId,
    fee: t.feeCents === null ? null : formatCents(t.feeCents),
    netAmount: t.feeCents === null ? null : formatCents(t.totalCents - t.feeCents),
    totalRefundedAmount: formatCents(t.refundedCents),
    refunds: t.refunds.map(refundSnapshot),
    createdAt: new Date(t.createdAtMs),
    expiresAt: new Date(t.expiresAtMs),
    completedAt: t.completedAtMs === null ? null : new Date(t.completedAtMs),
    authorizationCount: t.authorizationCount,
    phoneHistory: [...t.phoneHistory],
  }
}
