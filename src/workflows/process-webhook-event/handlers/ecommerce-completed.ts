import { asSessionData } from "../../../providers/athmovil/session-data"
import { recordTicket } from "../../ledger/record-ticket"
import { reconcileAthSession } from "../../recover-sessions"
import { customerFromAth } from "./customer-from-ath"
import { resolveTicket } from "./resolve-ticket"
import type { WebhookHandler } from "./types"

/** "Payment completed": the order must exist even if the shopper closed the tab — once ATH confirms it. */
export const ecommerceCompleted: WebhookHandler = async (container, event, account) => {
  const match = await resolveTicket(container, event, account)
  if (!match.ok) return { outcome: match.outcome, error: match.error }
  const { ticket, session } = match
  if (ticket.status !== "COMPLETED") {
    return { outcome: "rejected", error: `The event says completed but ATH reports ticket ${ticket.ecommerceId} as ${ticket.status}.`, payment_session_id: session.id }
  }
  const result = await reconcileAthSession(container, session.id, { lockTimeoutSeconds: 30 })
  if (result === "locked" || result === "waiting") {
    return { outcome: "pending", error: `Order not placed yet (${result}); will retry.`, payment_session_id: session.id }
  }
  // Facts come from ATH's answers only (findPayment, search), never from the event body.
  const ledger = await recordTicket(container, ticket, {
    via: "webhook",
    providerId: account.providerId,
    sessionId: session.id,
    expiresAt: asSessionData(session.data).expires_at ?? null,
    customer: await customerFromAth(container, account, ticket),
  })
  return { outcome: "applied", payment_session_id: session.id, payment_id: ledger.payment_id }
}
