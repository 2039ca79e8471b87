import { asSessionData } from "../../../providers/athmovil/session-data"
import { recordTicket } from "../../ledger/record-ticket"
import { reconcileAthSession } from "../../recover-sessions"
import { resolveTicket } from "./resolve-ticket"
import type { WebhookHandler } from "./types"

/** "Cancelled" / "expired": stop the storefront waiting — unless ATH says the shopper already paid. */
export const ecommerceClosed: WebhookHandler = async (container, event, account) => {
  const match = await resolveTicket(container, event, account)
  if (!match.ok) return { outcome: match.outcome, error: match.error }
  const { ticket, session } = match
  if (ticket.status === "COMPLETED") {
    return { outcome: "ignored", error: `ATH reports ticket ${ticket.ecommerceId} COMPLETED; a late ${event.status} notice changes nothing.`, payment_session_id: session.id }
  }
  if (ticket.status !== "CANCEL") {
    return { outcome: "rejected", error: `The event says ${event.status} but ATH reports ticket ${ticket.ecommerceId} as ${ticket.status}.`, payment_session_id: session.id }
  }
  // ATH's notice says which of the two it was (its REST answers show both as CANCEL): recorded
  // first, so the ledger row's first final status — and the event announcing it — is ATH's word,
  // not the clock's guess the session's reconciliation would otherwise write.
  await recordTicket(container, ticket, {
    via: "webhook",
    providerId: account.providerId,
    status: event.status === "expired" ? "EXPIRED" : "CANCEL",
    sessionId: session.id,
    expiresAt: asSessionData(session.data).expires_at ?? null,
  })
  const result = await reconcileAthSession(container, session.id, { lockTimeoutSeconds: 30 })
  if (result === "locked") return { outcome: "pending", error: "Session busy; will retry.", payment_session_id: session.id }
  return { outcome: "applied", payment_session_id: session.id }
}
