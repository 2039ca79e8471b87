import type { AthWebhookEvent } from "../../../lib/athmovil"
import { ecommerceClosed } from "./ecommerce-closed"
import { ecommerceCompleted } from "./ecommerce-completed"
import { otherIncomeReceived } from "./other-income"
import { refundSent } from "./refund"
import type { WebhookHandler } from "./types"

const ignored: WebhookHandler = async (_c, event) => ({
  outcome: "ignored",
  error: `${event.kind} events are not ATH Móvil checkout payments; stored only.`,
})

export function handlerFor(event: AthWebhookEvent): WebhookHandler {
  if (event.kind === "ecommerce") return event.status === "completed" ? ecommerceCompleted : ecommerceClosed
  if (event.kind === "refund") return refundSent
  if (event.kind === "payment" || event.kind === "donation") return otherIncomeReceived
  return ignored
}

export type { HandlerResult } from "./types"
