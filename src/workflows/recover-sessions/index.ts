import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService, Logger } from "@medusajs/framework/types"
import { resolveAthMovil } from "../../providers/athmovil/container"
import { reconcileAthSession, type ReconcileOutcome } from "./reconcile-session"

export { reconcileAthSession } from "./reconcile-session"
export type { ReconcileOutcome } from "./reconcile-session"

type Container = { resolve<T = unknown>(key: string): T }

export interface RecoverOptions {
  /** Leave sessions touched more recently than this alone: the shopper's own tab is probably completing them. */
  graceSeconds?: number
  /** How far back to look for paid-but-orderless sessions. */
  lookbackHours?: number
  /** Most sessions reconciled in one run (at most about two ATH reads each): a run's work is bounded. */
  batchSize?: number
}

/**
 * Sessions that can still need recovery: no payment in Medusa yet and not canceled. Medusa moves a
 * session to `authorized` in the same transaction that creates its payment, so `authorized` and
 * `captured` sessions are finished and `canceled` ones are over; they stay so forever and a busy
 * store has thousands in the window, which is why they are never even listed.
 */
export const RECOVERABLE_SESSION_STATUSES = ["pending", "requires_more", "error"] as const

/**
 * Sweeps ATH sessions that are still open in Medusa, newest first, at most `batchSize` per run.
 * Open sessions leave the list by themselves (paid → authorized, expired or rejected at ATH →
 * canceled), so older ones are reached as soon as newer ones settle, within an ATH timeout.
 */
export async function recoverAthMovilSessions(
  container: Container,
  { graceSeconds = 30, lookbackHours = 48, batchSize = 100 }: RecoverOptions = {}
): Promise<Record<ReconcileOutcome, number>> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const { providerId } = resolveAthMovil(container)
  const now = Date.now()
  const sessions = await paymentModule.listPaymentSessions(
    {
      provider_id: providerId,
      status: [...RECOVERABLE_SESSION_STATUSES] as never,
      created_at: { $gte: new Date(now - lookbackHours * 3600_000) },
      updated_at: { $lte: new Date(now - graceSeconds * 1000) },
    } as never,
    { select: ["id"], take: batchSize, order: { created_at: "DESC" } }
  )
  const counts = {
    order_created: 0,
    payment_attached: 0,
    marked_canceled: 0,
    waiting: 0,
    already_done: 0,
    locked: 0,
    not_found: 0,
  } as Record<ReconcileOutcome, number>
  for (const { id } of sessions) {
    try {
      counts[await reconcileAthSession(container, id)]++
    } catch (e) {
      // One unreachable ticket must not stop the sweep; the next run tries again.
      logger.warn(`ATH Móvil session ${id} not reconciled: ${e instanceof Error ? e.message : String(e)}`)
      counts.waiting++
    }
  }
  return counts
}
