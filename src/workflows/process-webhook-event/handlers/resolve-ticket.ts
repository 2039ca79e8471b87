import { Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService, PaymentSessionDTO } from "@medusajs/framework/types"
import { compareAmounts, type AthWebhookEvent } from "../../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../../modules/athmovil"
import type AthMovilModuleService from "../../../modules/athmovil/service"
import type { AthMovilContext } from "../../../providers/athmovil/container"
import { matchWebhookToSession, type WebhookMatch } from "../../../providers/athmovil/webhook-match"
import type { Container } from "./types"

export type TicketMatch = WebhookMatch<PaymentSessionDTO>

const SESSION_FIELDS = ["id", "provider_id", "status", "data", "amount", "currency_code", "payment_collection_id"]

/**
 * A webhook only names a ticket. The one matching rule (`matchWebhookToSession`, shared with the
 * provider's built-in hook route) accepts it only for a payment session this plugin created for
 * exactly that ticket, confirmed by ATH's own answer.
 */
export async function resolveTicket(container: Container, event: AthWebhookEvent, account: AthMovilContext): Promise<TicketMatch> {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  return matchWebhookToSession<PaymentSessionDTO>(event, {
    providerId: account.providerId,
    session: async (id) => (await payments.listPaymentSessions({ id }, { select: SESSION_FIELDS }))[0] ?? null,
    findPayment: (ecommerceId) => account.client.findPayment(ecommerceId),
    // Expired notices in the legacy shape may name nothing but a total: only a single open ledger
    // row with that total is a safe match.
    soleOpenSessionWithTotal: async (total) => {
      const candidates = await container
        .resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
        .listAthTransactions({ provider_id: account.providerId, status: ["OPEN", "CONFIRM"] }, { take: 50, order: { created_at: "DESC" } })
      const same = candidates.filter((c) => compareAmounts(String(c.raw_total?.value ?? c.total), total) === 0)
      return same.length === 1 ? (same[0].payment_session_id ?? same[0].metadata1 ?? null) : null
    },
  })
}
