import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService, IPaymentModuleService, Logger, PaymentSessionDTO } from "@medusajs/framework/types"
import { completeCartWorkflow, processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import type { AthPayment } from "../../lib/athmovil"
import { listAthMovilAccounts, type AthMovilContainer as Container } from "../../providers/athmovil/container"
import { asSessionData } from "../../providers/athmovil/session-data"
import { toAthAmount } from "../../providers/athmovil/money"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import { recordTicket } from "../ledger/record-ticket"
import { postAdminNotice } from "../notify/admin-notice"
import { syncPaymentToLedger } from "../ledger/sync-payment"
import { ATHMOVIL_WEBHOOK_STORED } from "../process-webhook-event/events"


/** ATH's longest payment timeout (600 s) and some: a paid session this old without an order needs the merchant. */
const UNORDERED_NOTICE_AFTER_MS = 15 * 60_000

export type ReconcileOutcome =
  | "order_created"
  | "payment_attached"
  | "marked_canceled"
  | "waiting"
  | "already_done"
  | "locked"
  | "not_found"

interface SessionPlace {
  cartId: string | null
  orderId: string | null
  paymentId: string | null
}

async function locate(container: Container, session: PaymentSessionDTO): Promise<SessionPlace> {
  const query = container.resolve<{ graph(q: unknown): Promise<{ data: Array<Record<string, string>> }> }>(
    ContainerRegistrationKeys.QUERY
  )
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const [{ data: carts }, payments] = await Promise.all([
    query.graph({
      entity: "cart_payment_collection",
      fields: ["cart_id"],
      filters: { payment_collection_id: session.payment_collection_id },
    }),
    paymentModule.listPayments({ payment_session_id: session.id }, { select: ["id"] }),
  ])
  const cartId = carts[0]?.cart_id ?? null
  const orders = cartId
    ? (await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })).data
    : []
  return { cartId, orderId: orders[0]?.order_id ?? null, paymentId: payments[0]?.id ?? null }
}

/**
 * Brings one ATH session in line with what ATH says: a shopper who paid (approved or completed)
 * gets exactly one order even if their tab closed; a cancelled or expired ticket cancels the
 * session so nobody keeps waiting. Serialised per session across instances by the locking module.
 */
export async function reconcileAthSession(
  container: Container,
  sessionId: string,
  { lockTimeoutSeconds = 2 }: { lockTimeoutSeconds?: number } = {}
): Promise<ReconcileOutcome> {
  const locking = container.resolve<{
    execute<T>(keys: string, job: () => Promise<T>, args?: { timeout?: number; expire?: number }): Promise<T>
  }>(Modules.LOCKING)
  try {
    return await locking.execute(`athmovil:session:${sessionId}`, () => reconcileLocked(container, sessionId), {
      timeout: lockTimeoutSeconds,
      expire: 120,
    })
  } catch (e) {
    if (e instanceof Error && /timed? ?out|lock/i.test(e.message)) return "locked"
    throw e
  }
}

async function reconcileLocked(container: Container, sessionId: string): Promise<ReconcileOutcome> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const [session] = await paymentModule.listPaymentSessions(
    { id: sessionId },
    { select: ["id", "provider_id", "status", "data", "amount", "currency_code", "payment_collection_id", "created_at"] }
  )
  const account = session && listAthMovilAccounts(container).find((a) => a.providerId === session.provider_id)
  if (!account) return "not_found"
  // The session's own account: the ticket is its provider's.
  const { client, providerId } = account
  const data = asSessionData(session.data)
  if (!data.ecommerce_id) return "not_found"

  const place = await locate(container, session)
  if (place.orderId && place.paymentId) return "already_done"

  const ticket: AthPayment = await client.findPayment(data.ecommerce_id)
  if (ticket.metadata1 && ticket.metadata1 !== session.id) {
    logger.warn(`ATH Móvil ticket ${data.ecommerce_id} names session ${ticket.metadata1}, not ${session.id}; left alone`)
    return "waiting"
  }

  if (ticket.status === "CONFIRM" || ticket.status === "COMPLETED") {
    if (!place.cartId) return "waiting"
    // The shopper's own tab may still be completing a fresh one: only a paid session past ATH's
    // longest timeout with no order is worth an admin's time.
    const stale = Date.now() - new Date(session.created_at as unknown as string).getTime() > UNORDERED_NOTICE_AFTER_MS
    const unordered = async (why: string) => {
      if (!stale) return
      await postAdminNotice(container, {
        key: `athmovil-paid-unordered-${session.id}`,
        title: "A shopper paid with ATH Móvil but has no order yet",
        description: `Ticket ${ticket.referenceNumber ?? data.ecommerce_id} (${ticket.total} USD, cart ${place.cartId}) is paid at ATH; the recovery job could not complete the order: ${why}. It keeps trying every minute; fix the cause (stock, shipping, the cart) or refund the shopper from ATH Móvil → Reconciliation.`,
      })
    }
    try {
      if (place.paymentId) {
        // Paid and recorded, but checkout stopped before the order: only the cart is left to complete.
        await completeCartWorkflow(container as never).run({ input: { id: place.cartId } })
      } else {
        // With an order already placed only the payment is missing (the server stopped mid-checkout);
        // otherwise Medusa authorizes (our provider debits a CONFIRM ticket once), captures and places the order.
        await processPaymentWorkflow(container as never).run({
          input: {
            action: place.orderId ? "authorized" : "captured",
            data: { session_id: session.id, amount: toAthAmount(session.amount) },
          },
        })
      }
    } catch (e) {
      await unordered(e instanceof Error ? e.message : String(e))
      throw e
    }
    const after = await locate(container, session)
    if (!after.orderId || !after.paymentId) {
      logger.warn(`ATH Móvil session ${session.id} is paid at ATH but its order is not complete yet`)
      await unordered("the order is not complete after checkout ran")
      return "waiting"
    }
    // A server that died mid-checkout took its order.placed event with it: link the ledger here,
    // then re-run refund notices that arrived before this payment existed in Medusa.
    try {
      const row = await syncPaymentToLedger(container, after.paymentId, "poll")
      await replayEarlyRefundNotices(container, row?.reference_number)
    } catch (e) {
      logger.warn(`ATH Móvil ledger not updated for ${after.paymentId}: ${e instanceof Error ? e.message : String(e)}`)
    }
    logger.info(`ATH Móvil session ${session.id} recovered: order ${after.orderId} (ticket ${ticket.status})`)
    return place.orderId ? "payment_attached" : "order_created"
  }

  if (ticket.status === "CANCEL") {
    if (session.status === "canceled") return "already_done"
    await paymentModule.updatePaymentSession({
      id: session.id,
      data: { ...session.data, athm_status: "CANCEL", auth_token_enc: undefined },
      amount: session.amount,
      currency_code: session.currency_code,
      status: "canceled",
    })
    // Closes the ledger row whether or not webhooks are configured: EXPIRED past the deadline,
    // else CANCEL (rejected in the app or cancelled). A later ATH notice may still say which.
    await closeLedgerRow(container, ticket, providerId, session.id, place.cartId, data.expires_at)
    return "marked_canceled"
  }
  await closeLedgerRow(container, ticket, providerId, session.id, place.cartId, data.expires_at)
  return "waiting"
}

/** The sweep's live read goes into the ledger too (OPEN / CONFIRM / CANCEL / EXPIRED). */
async function closeLedgerRow(
  container: Container,
  ticket: AthPayment,
  providerId: string,
  sessionId: string,
  cartId: string | null,
  expiresAt: string | undefined
): Promise<void> {
  try {
    await recordTicket(container, ticket, { via: "poll", providerId, sessionId, cartId, expiresAt: expiresAt ?? null })
  } catch (e) {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    logger.warn(`ATH Móvil ledger not updated for ticket ${ticket.ecommerceId}: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/** Refund notices for a payment's reference that were stored as unmatched because the order did not exist yet. */
async function replayEarlyRefundNotices(container: Container, referenceNumber: string | null | undefined): Promise<void> {
  if (!referenceNumber) return
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const early = await athmovil.listAthWebhookEvents(
    { kind: "refund", outcome: "unmatched", reference_number: referenceNumber },
    { select: ["id"], take: 50 }
  )
  const eventBus = container.resolve<IEventBusModuleService>(Modules.EVENT_BUS)
  for (const { id } of early) {
    await athmovil.resetWebhookEventForReplay(id)
    await eventBus.emit({ name: ATHMOVIL_WEBHOOK_STORED, data: { id } })
  }
}
