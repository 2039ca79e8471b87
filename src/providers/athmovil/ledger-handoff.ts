import type { AthEcommerceStatus, AthPayment } from "../../lib/athmovil"
import type { AthSyncSource, AthTransactionStatus, UpsertTransactionInput } from "../../modules/athmovil/types"
import { runTransactionUpsert } from "../../modules/athmovil/utils/transaction-upsert-sql"
import type { AthReceipt } from "./receipt"
import { shopperStatus } from "./status-map"

/**
 * What goes into the ATH ledger, and the hand-off from the payment provider.
 *
 * The provider's container is the Payment module's: the athmovil module is not in it. Its
 * `__pg_connection__` reaches the same database, so the provider writes its rows with the
 * module's own guarded upsert (`runTransactionUpsert`, the statement the module service runs):
 * one statement, one set of rules (status only forward, refunded total only up), synchronous —
 * the row exists before the storefront hears of the ticket, on every instance, with or without
 * webhooks. Workflows and routes write through the module service with the same fields.
 */

type Knex = Parameters<typeof runTransactionUpsert>[0]

/**
 * The ledger status of an ATH answer. ATH shows an expired ticket as CANCEL; the clock tells them
 * apart, with the same rule the storefront's status uses (`shopperStatus`).
 */
function ledgerStatusOf(status: AthEcommerceStatus, expiresAt: Date | string | null | undefined, now = new Date()): AthTransactionStatus {
  if (status !== "CANCEL") return status
  const at = expiresAt ? new Date(expiresAt) : null
  return shopperStatus(status, at && !Number.isNaN(at.getTime()) ? at : null, now) === "expired" ? "EXPIRED" : "CANCEL"
}

export interface TicketLedgerContext {
  via: AthSyncSource
  /** The account whose client read the ticket (`pp_athmovil_<id>`); the provider adds its own when it writes. */
  providerId?: string
  /** Overrides the status read from the ticket (a webhook names CANCEL vs EXPIRED itself). */
  status?: AthTransactionStatus
  sessionId?: string | null
  paymentId?: string | null
  cartId?: string | null
  orderId?: string | null
  expiresAt?: string | null
  customer?: { name?: string | null; phone?: string | null; email?: string | null }
}

/** The ledger fields ATH's own answer (findPayment / authorization) is the source of. */
export function ledgerFieldsFromTicket(ticket: AthPayment, ctx: TicketLedgerContext): UpsertTransactionInput {
  return {
    ecommerce_id: ticket.ecommerceId,
    provider_id: ctx.providerId,
    status: ctx.status ?? ledgerStatusOf(ticket.status, ctx.expiresAt),
    total: ticket.total,
    reference_number: ticket.referenceNumber ?? undefined,
    daily_transaction_id: ticket.dailyTransactionId ?? undefined,
    business_customer_id: ticket.businessCustomerId || undefined,
    fee: ticket.status === "COMPLETED" ? ticket.fee : undefined,
    net_amount: ticket.status === "COMPLETED" ? ticket.netAmount : undefined,
    refunded_total: ticket.totalRefundedAmount,
    transaction_date: ticket.transactionDate ?? undefined,
    metadata1: ticket.metadata1,
    metadata2: ticket.metadata2,
    payment_session_id: ctx.sessionId ?? undefined,
    payment_id: ctx.paymentId ?? undefined,
    cart_id: ctx.cartId ?? undefined,
    order_id: ctx.orderId ?? undefined,
    expires_at: ctx.expiresAt ?? undefined,
    customer_name: ctx.customer?.name ?? undefined,
    customer_phone: ctx.customer?.phone ?? undefined,
    customer_email: ctx.customer?.email ?? undefined,
    last_synced_at: new Date(),
    last_synced_via: ctx.via,
  }
}

export interface OpenedTicket {
  ecommerceId: string
  sessionId: string | null
  cartId: string | null
  receipt: AthReceipt
  phoneLast4: string
  metadata2: string
  expiresAt: string
}

/** The row of a ticket that was just created: OPEN, with the receipt sent to ATH. */
export function openedTicketFields(t: OpenedTicket): UpsertTransactionInput {
  return {
    ecommerce_id: t.ecommerceId,
    status: "OPEN",
    total: t.receipt.total,
    subtotal: t.receipt.subtotal,
    tax: t.receipt.tax,
    items: t.receipt.items.map((i) => ({
      name: i.name,
      description: i.description,
      quantity: i.quantity,
      price: i.price,
      tax: i.tax,
      metadata: i.metadata,
      sku: i.sku ?? null,
    })),
    currency_code: "usd",
    phone_last4: t.phoneLast4,
    metadata1: t.sessionId,
    metadata2: t.metadata2,
    payment_session_id: t.sessionId ?? undefined,
    cart_id: t.cartId ?? undefined,
    expires_at: t.expiresAt,
    last_synced_at: new Date(),
    last_synced_via: "medusa",
  }
}

/** The provider's write: the module's upsert on the shared connection. */
export async function writeLedger(knex: Knex, fields: UpsertTransactionInput): Promise<void> {
  await runTransactionUpsert(knex, fields)
}
