import type { AthWebhookEvent } from "../../../lib/athmovil"
import type { WebhookEventOutcome } from "../../../modules/athmovil/types"

export type Container = { resolve<T = unknown>(key: string): T }

export interface HandlerResult {
  outcome: Exclude<WebhookEventOutcome, "duplicate" | "pending" | "failed"> | "pending"
  error?: string | null
  payment_session_id?: string | null
  payment_id?: string | null
}

export type WebhookHandler = (container: Container, event: AthWebhookEvent) => Promise<HandlerResult>
