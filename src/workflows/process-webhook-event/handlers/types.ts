import type { AthWebhookEvent } from "../../../lib/athmovil"
import type { WebhookEventOutcome } from "../../../modules/athmovil/types"
import type { AthMovilContainer, AthMovilContext } from "../../../providers/athmovil/container"

export type Container = AthMovilContainer

export interface HandlerResult {
  outcome: Exclude<WebhookEventOutcome, "duplicate" | "pending" | "failed"> | "pending"
  error?: string | null
  payment_session_id?: string | null
  payment_id?: string | null
}

/** `account`: the ATH Móvil account whose listener received the event; the only one the handler asks. */
export type WebhookHandler = (container: Container, event: AthWebhookEvent, account: AthMovilContext) => Promise<HandlerResult>
