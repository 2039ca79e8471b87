import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { BigNumberInput, IPaymentModuleService } from "@medusajs/framework/types"
import { listAthMovilAccounts } from "../../providers/athmovil/container"
import { sumAmounts, toAthAmount } from "../../providers/athmovil/money"
import { asSessionData, type AthSessionData } from "../../providers/athmovil/session-data"
import type { Container } from "./types"

type Query = { graph(q: unknown): Promise<{ data: Array<Record<string, any>> }> }

/** Medusa's side of one ATH payment, amounts as ATH writes them. */
export interface MedusaPaymentView {
  id: string
  provider_id: string
  amount: string
  refunded: string
  refund_count: number
  payment_collection_id: string
  payment_session_id: string | null
  captured_at: Date | null
  data: AthSessionData
}

export interface MedusaSessionView {
  id: string
  ecommerce_id: string | null
  payment_collection_id: string
}

const CHUNK = 200

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

function toView(p: Record<string, any>): MedusaPaymentView {
  const refunds = (p.refunds ?? []) as Array<{ raw_amount?: BigNumberInput; amount: BigNumberInput }>
  return {
    id: p.id,
    provider_id: p.provider_id,
    amount: toAthAmount(p.raw_amount ?? p.amount),
    refunded: sumAmounts(refunds.map((r) => r.raw_amount ?? r.amount)),
    refund_count: refunds.length,
    payment_collection_id: p.payment_collection_id,
    payment_session_id: p.payment_session_id ?? null,
    captured_at: p.captured_at ? new Date(p.captured_at) : null,
    data: asSessionData(p.data),
  }
}

const PAYMENT_SELECT = [
  "id",
  "provider_id",
  "amount",
  "raw_amount",
  "data",
  "payment_collection_id",
  "payment_session_id",
  "captured_at",
]

/**
 * ATH payments by id, with Medusa's refunded total: of one account (`providerId`), or of any of the
 * store's ATH accounts (null). Payments of other providers are left out.
 */
export async function paymentsById(container: Container, providerId: string | null, ids: string[]): Promise<Map<string, MedusaPaymentView>> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const wanted = new Set(providerId ? [providerId] : listAthMovilAccounts(container).map((a) => a.providerId))
  const out = new Map<string, MedusaPaymentView>()
  for (const part of chunks([...new Set(ids)])) {
    const payments = await paymentModule.listPayments({ id: part }, { select: PAYMENT_SELECT, relations: ["refunds"] })
    for (const p of payments) if (wanted.has(p.provider_id)) out.set(p.id, toView(p as Record<string, any>))
  }
  return out
}

/** One account's payments captured in [fromMs, toMs]: what Medusa believes that account completed in the range. */
export async function paymentsCapturedBetween(container: Container, providerId: string, fromMs: number, toMs: number): Promise<MedusaPaymentView[]> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const out: MedusaPaymentView[] = []
  for (let skip = 0; ; skip += CHUNK) {
    const page = await paymentModule.listPayments(
      { provider_id: providerId, captured_at: { $gte: new Date(fromMs), $lte: new Date(toMs) } } as never,
      { select: PAYMENT_SELECT, relations: ["refunds"], take: CHUNK, skip, order: { captured_at: "ASC" } }
    )
    out.push(...page.map((p) => toView(p as Record<string, any>)))
    if (page.length < CHUNK) return out
  }
}

/** ATH payments made from the given sessions, by session id. */
export async function paymentsBySession(container: Container, sessionIds: string[]): Promise<Map<string, MedusaPaymentView>> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const out = new Map<string, MedusaPaymentView>()
  for (const part of chunks([...new Set(sessionIds)])) {
    const payments = await paymentModule.listPayments(
      { payment_session_id: part },
      { select: PAYMENT_SELECT, relations: ["refunds"] }
    )
    for (const p of payments) {
      const view = toView(p as Record<string, any>)
      if (view.payment_session_id) out.set(view.payment_session_id, view)
    }
  }
  return out
}

/** One account's payment sessions by id (other providers' and accounts' sessions are left out). */
export async function sessionsById(container: Container, providerId: string, ids: string[]): Promise<Map<string, MedusaSessionView>> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const out = new Map<string, MedusaSessionView>()
  const wanted = [...new Set(ids.filter((id) => id.startsWith("payses_")))]
  for (const part of chunks(wanted)) {
    const sessions = await paymentModule.listPaymentSessions(
      { id: part },
      { select: ["id", "provider_id", "data", "payment_collection_id"] }
    )
    for (const s of sessions) {
      if (s.provider_id !== providerId) continue
      out.set(s.id, {
        id: s.id,
        ecommerce_id: asSessionData(s.data).ecommerce_id ?? null,
        payment_collection_id: s.payment_collection_id,
      })
    }
  }
  return out
}

/** The order that carries each payment collection, when there is one. */
export async function ordersByCollection(container: Container, collectionIds: string[]): Promise<Map<string, string>> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const out = new Map<string, string>()
  for (const part of chunks([...new Set(collectionIds)])) {
    const { data } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order_id", "payment_collection_id"],
      filters: { payment_collection_id: part },
    })
    for (const link of data) if (link.order_id) out.set(link.payment_collection_id, link.order_id)
  }
  return out
}
