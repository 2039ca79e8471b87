import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { IPaymentModuleService, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { tryNormalisePhoneNumber } from "../lib/athmovil/phone"
import { listAthMovilAccounts, resolveAthMovil } from "../providers/athmovil/container"
import { SAVED_PHONE_KEY, SAVED_PHONE_PAID_AT_KEY } from "../providers/athmovil/saved-phone"
import { asSessionData } from "../providers/athmovil/session-data"
import { customerFromAth } from "../workflows/process-webhook-event/handlers/customer-from-ath"

type Query = { graph(q: unknown): Promise<{ data: Array<Record<string, any>> }> }
type Link = { create(links: unknown): Promise<unknown> }

/**
 * Remembers the ATH Móvil phone of a registered customer who just paid with it, so their next
 * checkout can offer it (masked) and use it when the storefront sends no phone.
 *
 * Trusted input only: the order's own captured ATH payment (its `data` is what the provider read
 * at ATH, never the storefront's), and the phone ATH's search answers for that payment's reference
 * number — not the phone the shopper typed, which ATH may have moved. Guests (no account) are
 * skipped: they never log in, so nothing could ever be offered to them. Best effort: a failure is
 * logged and the order is untouched.
 */
export default async function athMovilRememberPhone({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  try {
    await rememberPhone(container, event.data.id)
  } catch (e) {
    logger.warn(`ATH Móvil could not remember the phone of order ${event.data.id}: ${e instanceof Error ? e.message : String(e)}`)
  }
}

async function rememberPhone(container: SubscriberArgs<unknown>["container"], orderId: string) {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const athProviders = new Set(listAthMovilAccounts(container).map((a) => a.providerId))
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "customer_id",
      "customer.id",
      "customer.email",
      "customer.has_account",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.data",
      "payment_collections.payments.captured_at",
    ],
    filters: { id: orderId },
  })
  const order = orders[0]
  const customer = order?.customer
  if (!customer?.id || customer.has_account !== true) return

  const paid = (order.payment_collections ?? [])
    .flatMap((pc: any) => pc?.payments ?? [])
    .filter((p: any) => athProviders.has(p?.provider_id) && p.captured_at)
    .map((p: any) => ({ providerId: p.provider_id as string, data: asSessionData(p.data), capturedAt: new Date(p.captured_at) }))
    .filter((p: any) => p.data.athm_status === "COMPLETED" && p.data.reference_number && p.data.ecommerce_id)
    .sort((a: any, b: any) => b.capturedAt.getTime() - a.capturedAt.getTime())[0]
  if (!paid) return
  // The account that took the payment: its client knows the reference, and its account holder keeps the phone.
  const account = resolveAthMovil(container, paid.providerId)
  const { providerId } = account

  // ATH's own answer: who paid the completed payment with this reference number.
  const fromAth = await customerFromAth(container, account, {
    ecommerceId: paid.data.ecommerce_id,
    referenceNumber: paid.data.reference_number,
  } as never)
  const phone = tryNormalisePhoneNumber(fromAth?.phone)
  if (!phone) return

  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const { data: withHolders } = await query.graph({
    entity: "customer",
    fields: ["id", "account_holders.*"],
    filters: { id: customer.id },
  })
  let holder = (withHolders[0]?.account_holders ?? []).find((h: any) => h?.provider_id === providerId)
  if (!holder) {
    // A session created without the customer (a store's own flow) left none: create it as the workflow does.
    holder = await paymentModule.createAccountHolder({ provider_id: providerId, context: { customer: { id: customer.id, email: customer.email } } } as never)
    await container.resolve<Link>(ContainerRegistrationKeys.LINK).create({
      [Modules.CUSTOMER]: { customer_id: customer.id },
      [Modules.PAYMENT]: { account_holder_id: holder.id },
    })
  }
  const current = (holder.data ?? {}) as Record<string, unknown>
  const savedAt = typeof current[SAVED_PHONE_PAID_AT_KEY] === "string" ? new Date(current[SAVED_PHONE_PAID_AT_KEY] as string) : null
  // Events may arrive out of order: an older payment never replaces a newer one's phone.
  if (savedAt && !Number.isNaN(savedAt.getTime()) && savedAt > paid.capturedAt) return
  if (current[SAVED_PHONE_KEY] === phone && savedAt?.getTime() === paid.capturedAt.getTime()) return
  await paymentModule.updateAccountHolder({
    id: holder.id,
    provider_id: providerId,
    context: {
      account_holder: { ...holder, data: { ...current, [SAVED_PHONE_KEY]: phone, [SAVED_PHONE_PAID_AT_KEY]: paid.capturedAt.toISOString() } },
      customer: { id: customer.id, email: customer.email },
    },
  } as never)
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "athmovil-remember-phone" },
}
