import { Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService, PaymentSessionDTO } from "@medusajs/framework/types"
import { TransactionError, compareAmounts, type AthPayment, type AthWebhookEvent } from "../../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../../modules/athmovil"
import type AthMovilModuleService from "../../../modules/athmovil/service"
import { resolveAthMovil } from "../../../providers/athmovil/container"
import { asSessionData } from "../../../providers/athmovil/session-data"
import type { Container } from "./types"

export type TicketMatch =
  | { ok: true; ticket: AthPayment; session: PaymentSessionDTO }
  | { ok: false; outcome: "unmatched" | "rejected"; error: string }

async function sessionById(container: Container, id: string | null | undefined): Promise<PaymentSessionDTO | null> {
  if (!id || !id.startsWith("payses_")) return null
  const { providerId } = resolveAthMovil(container)
  const [session] = await container
    .resolve<IPaymentModuleService>(Modules.PAYMENT)
    .listPaymentSessions({ id }, { select: ["id", "provider_id", "status", "data", "amount", "currency_code", "payment_collection_id"] })
  return session && session.provider_id === providerId ? session : null
}

/**
 * Expired notices come in the legacy shape without an ecommerceId: only metadata1 (our session id)
 * or, failing that, a single open ledger row with the same total can name the ticket.
 */
async function ecommerceIdFor(container: Container, event: AthWebhookEvent): Promise<string | null> {
  if (event.ecommerceId) return event.ecommerceId
  const session = await sessionById(container, event.metadata1)
  const fromSession = asSessionData(session?.data).ecommerce_id
  if (fromSession) return fromSession
  if (event.status !== "expired") return null
  const candidates = await container
    .resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    .listAthTransactions({ status: ["OPEN", "CONFIRM"] }, { take: 50, order: { created_at: "DESC" } })
  const sameTotal = candidates.filter((c) => compareAmounts(Number(c.total).toFixed(2), event.total) === 0)
  return sameTotal.length === 1 ? sameTotal[0].ecommerce_id : null
}

/**
 * A webhook only names a ticket. This asks ATH for the ticket and accepts it only if it belongs to a
 * payment session this plugin created for exactly that ticket and total.
 */
export async function resolveTicket(container: Container, event: AthWebhookEvent): Promise<TicketMatch> {
  const ecommerceId = await ecommerceIdFor(container, event)
  if (!ecommerceId) return { ok: false, outcome: "unmatched", error: "No ATH ticket of this store matches the event." }
  let ticket: AthPayment
  try {
    ticket = await resolveAthMovil(container).client.findPayment(ecommerceId)
  } catch (e) {
    if (e instanceof TransactionError) {
      return { ok: false, outcome: "unmatched", error: `ATH Móvil does not know ticket ${ecommerceId} (${e.code}).` }
    }
    throw e
  }
  const session = await sessionById(container, ticket.metadata1)
  if (!session || asSessionData(session.data).ecommerce_id !== ticket.ecommerceId) {
    return { ok: false, outcome: "unmatched", error: `ATH ticket ${ecommerceId} does not belong to a payment session of this store.` }
  }
  if (compareAmounts(ticket.total, event.total) !== 0) {
    return { ok: false, outcome: "rejected", error: `The event says ${event.total} but ATH says ticket ${ecommerceId} is for ${ticket.total}.` }
  }
  return { ok: true, ticket, session }
}
