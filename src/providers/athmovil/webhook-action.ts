import { PaymentActions } from "@medusajs/framework/utils"
import type { Logger, ProviderWebhookPayload, WebhookActionResult } from "@medusajs/framework/types"
import { normaliseWebhook, type AthPayment } from "../../lib/athmovil"
import { toAthAmount } from "./money"
import { matchWebhookToSession, type MatchableSession } from "./webhook-match"

type Session = MatchableSession & { amount?: unknown; payment?: { captured_at?: unknown } | null }

/** The Payment module's own session service, as the provider's container holds it. */
export type PaymentSessionLookup = {
  retrieve(id: string, config?: { select?: string[]; relations?: string[] }): Promise<Session>
}

export interface WebhookActionSources {
  /** The provider's own account: a session of another account is never matched. */
  providerId(): string
  /** The Payment module's session, with its payment. */
  session(id: string): Promise<Session | null>
  findPayment(ecommerceId: string): Promise<AthPayment>
  logger: Logger
}

/**
 * For Medusa's built-in `/hooks/payment/<provider>` route. ATH signs nothing, so the payload only
 * names a ticket: the one matching rule (`matchWebhookToSession`) finds a session this plugin
 * created locally before ATH is asked at all (this route needs no secret), and ATH's answer must
 * then confirm it, ticket and total.
 */
export async function webhookAction(payload: ProviderWebhookPayload["payload"], sources: WebhookActionSources): Promise<WebhookActionResult> {
  const notSupported = { action: PaymentActions.NOT_SUPPORTED }
  try {
    const event = normaliseWebhook(payload.data)
    if (event.kind !== "ecommerce") return notSupported
    const match = await matchWebhookToSession<Session>(event, {
      providerId: sources.providerId(),
      session: sources.session,
      findPayment: sources.findPayment,
    })
    if (!match.ok) return notSupported
    const { ticket, session } = match
    const sessionTotal = toAthAmount(session.amount as string)
    if (event.status === "completed" && ticket.status === "COMPLETED") {
      if (session.payment?.captured_at) return notSupported
      return { action: PaymentActions.SUCCESSFUL, data: { session_id: session.id, amount: sessionTotal } }
    }
    if (event.status !== "completed" && ticket.status === "CANCEL") {
      return { action: PaymentActions.CANCELED, data: { session_id: session.id, amount: sessionTotal } }
    }
    return notSupported
  } catch (e) {
    sources.logger.warn(`ATH Móvil webhook not applied: ${e instanceof Error ? e.message : String(e)}`)
    return notSupported
  }
}
