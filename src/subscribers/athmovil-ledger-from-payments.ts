import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { publishAthMovilEvents } from "../workflows/events/publish"
import { syncPaymentToLedger } from "../workflows/ledger/sync-payment"

type Query = { graph(q: unknown): Promise<{ data: Array<Record<string, any>> }> }

/**
 * Keeps the ATH ledger in step with Medusa: an order paid with ATH Móvil, and every refund or
 * capture of such a payment, is copied into the ledger (from data the provider already read at ATH).
 */
export default async function athMovilLedgerFromPayments({ event, container }: SubscriberArgs<{ id: string }>) {
  const paymentIds: string[] = []
  if (event.name === "order.placed") {
    const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["payment_collections.payments.id"],
      filters: { id: event.data.id },
    })
    for (const pc of data[0]?.payment_collections ?? []) for (const p of pc?.payments ?? []) paymentIds.push(p.id)
  } else {
    paymentIds.push(event.data.id)
  }
  for (const id of paymentIds) await syncPaymentToLedger(container, id)
  // A checkout's completion and a refund reach the ledger by here: announce them now.
  await publishAthMovilEvents(container)
}

export const config: SubscriberConfig = {
  event: ["order.placed", "payment.refunded", "payment.captured"],
  context: { subscriberId: "athmovil-ledger-from-payments" },
}
