import type { BigNumberInput } from "@medusajs/framework/types"
import { TransactionError, compareAmounts, type AthPayment, type AthWebhookEvent } from "../../lib/athmovil"
import { toAthAmount } from "./money"
import { asSessionData } from "./session-data"

/** Every ATH Móvil provider id is `pp_athmovil_<id>`; a session of another provider is never ours. */
const ATHMOVIL_PROVIDER_ID_PREFIX = "pp_athmovil_"

export interface MatchableSession {
  id: string
  provider_id?: string | null
  data?: Record<string, unknown> | null
  amount?: unknown
}

/** Where the rule reads from: Medusa's own rows first, ATH only for a session that is ours. */
export interface WebhookMatchSources<S extends MatchableSession> {
  /**
   * The ATH Móvil account the event arrived for (`pp_athmovil_<id>`: its listener URL, or its
   * provider's built-in hook route). Only that account's sessions can match, and only its client is asked.
   */
  providerId: string
  /** The payment session with this id, or null when there is none. */
  session(id: string): Promise<S | null>
  /** ATH's answer for the ticket (findPayment). A TransactionError means ATH does not know it. */
  findPayment(ecommerceId: string): Promise<AthPayment>
  /**
   * Legacy expired notices carry neither an ecommerceId nor, sometimes, our session id: the
   * plugin's own ledger may name the only open ticket with that total (its session id, or null).
   */
  soleOpenSessionWithTotal?(total: string): Promise<string | null>
}

export type WebhookMatch<S extends MatchableSession> =
  | { ok: true; ticket: AthPayment; session: S }
  | { ok: false; outcome: "unmatched" | "rejected"; error: string; askedAth: boolean }

const unmatched = (error: string, askedAth = false) => ({ ok: false as const, outcome: "unmatched" as const, error, askedAth })
const rejected = (error: string) => ({ ok: false as const, outcome: "rejected" as const, error, askedAth: true })

/**
 * The one rule that ties an (unsigned) webhook to a payment session; the provider's
 * `getWebhookActionAndData` (Medusa's built-in hook route) and the plugin's own listener both use it.
 *
 * 1. Locally, without ATH: the session named in `metadata1` exists, belongs to the ATH Móvil
 *    account the event arrived for and holds the event's ecommerce id. Anything else is `unmatched` and costs no ATH
 *    call, so a flood of invented bodies cannot spend the merchant's ATH quota.
 * 2. Then ATH's own answer (findPayment of the session's ticket) must name that session in its
 *    metadata1, carry the event's total and, for a completed event, the session's amount.
 *
 * What ATH's status means for the event (completed, cancelled…) is each caller's to decide.
 */
export async function matchWebhookToSession<S extends MatchableSession>(
  event: AthWebhookEvent,
  sources: WebhookMatchSources<S>
): Promise<WebhookMatch<S>> {
  let sessionId = event.metadata1?.startsWith("payses_") ? event.metadata1 : null
  if (!sessionId && !event.ecommerceId && event.status === "expired" && sources.soleOpenSessionWithTotal) {
    sessionId = await sources.soleOpenSessionWithTotal(event.total)
  }
  if (!sessionId) return unmatched("The event names no payment session of this store (metadata1).")
  const session = await sources.session(sessionId)
  if (!session || !session.provider_id?.startsWith(ATHMOVIL_PROVIDER_ID_PREFIX)) {
    return unmatched(`No ATH Móvil payment session ${sessionId} exists in this store.`)
  }
  if (session.provider_id !== sources.providerId) {
    // Ticket ids are per account: another account's client would not know it, and its own must not hear of it from here.
    return unmatched(`Payment session ${session.id} belongs to ATH Móvil account ${session.provider_id}, not ${sources.providerId}, whose listener received the event.`)
  }
  const ecommerceId = asSessionData(session.data).ecommerce_id
  if (!ecommerceId || (event.ecommerceId && event.ecommerceId !== ecommerceId)) {
    return unmatched(`Payment session ${session.id} does not hold ATH ticket ${event.ecommerceId ?? "(none)"}.`)
  }

  let ticket: AthPayment
  try {
    ticket = await sources.findPayment(ecommerceId)
  } catch (e) {
    if (e instanceof TransactionError) return unmatched(`ATH Móvil does not know ticket ${ecommerceId} (${e.code}).`, true)
    throw e
  }
  if (ticket.ecommerceId !== ecommerceId || ticket.metadata1 !== session.id) {
    return unmatched(`ATH ticket ${ecommerceId} does not belong to payment session ${session.id}.`, true)
  }
  if (compareAmounts(ticket.total, event.total) !== 0) {
    return rejected(`The event says ${event.total} but ATH says ticket ${ecommerceId} is for ${ticket.total}.`)
  }
  if (event.status === "completed" && session.amount !== undefined && session.amount !== null) {
    if (compareAmounts(ticket.total, toAthAmount(session.amount as BigNumberInput)) !== 0) {
      return rejected(`ATH ticket total ${ticket.total} differs from the session amount.`)
    }
  }
  return { ok: true, ticket, session }
}
