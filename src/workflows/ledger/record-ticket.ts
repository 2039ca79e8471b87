import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AthPayment } from "../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { AthSyncSource, AthTransactionStatus, TransactionDTO } from "../../modules/athmovil/types"

type Container = { resolve<T = unknown>(key: string): T }

export interface TicketContext {
  via: AthSyncSource
  status?: AthTransactionStatus
  sessionId?: string | null
  paymentId?: string | null
  cartId?: string | null
  orderId?: string | null
  expiresAt?: string | null
  customer?: { name?: string | null; phone?: string | null; email?: string | null }
}

/** Writes what ATH says about a ticket into the ledger (the module refuses to regress COMPLETED). */
export async function recordTicket(container: Container, ticket: AthPayment, ctx: TicketContext): Promise<TransactionDTO> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const row = await athmovil.upsertTransaction({
    ecommerce_id: ticket.ecommerceId,
    status: ctx.status ?? ticket.status,
    total: ticket.total,
    reference_number: ticket.referenceNumber ?? undefined,
    daily_transaction_id: ticket.dailyTransactionId ?? undefined,
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
  })
  if (ctx.paymentId) await linkLedgerToPayment(container, row.id, ctx.paymentId)
  return row
}

export async function linkLedgerToPayment(container: Container, transactionId: string, paymentId: string): Promise<void> {
  const link = container.resolve<{ create(def: unknown): Promise<unknown> }>(ContainerRegistrationKeys.LINK)
  try {
    await link.create({
      [ATHMOVIL_MODULE]: { ath_transaction_id: transactionId },
      [Modules.PAYMENT]: { payment_id: paymentId },
    })
  } catch (e) {
    // One ticket settles one payment, so an existing link is this same pair: Medusa's one-to-one
    // check refuses even an identical link, which a second writer (webhook vs. subscriber) meets.
    if (!(e instanceof Error) || !/multiple links|already exists|duplicate key/i.test(e.message)) throw e
  }
}
