import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { listAthMovilAccounts, type AthMovilContainer as Container } from "../../providers/athmovil/container"
import { reconcileAthSession, type ReconcileOutcome } from "./reconcile-session"

export { reconcileAthSession } from "./reconcile-session"
export type { ReconcileOutcome } from "./reconcile-session"


export interface RecoverOptions {
  /** Leave sessions touched more recently than this alone: the shopper's own tab is probably completing them. */
  graceSeconds?: number
  /** How far back to look for paid-but-orderless sessions. */
  lookbackHours?: number
  /** Most sessions reconciled in one run (at most about two ATH reads each): a run's work is bounded. */
  batchSize?: number
  /**
   * Sessions reconciled at the same time. Each one is ATH reads and Medusa's payment and cart
   * workflows (~1 s); one after the other, five shoppers who closed the tab wait five seconds for
   * their orders. Sessions of one payment collection still go one at a time.
   */
  concurrency?: number
}

/**
 * Sessions that can still need recovery: no payment in Medusa yet and not canceled. Medusa moves a
 * session to `authorized` in the same transaction that creates its payment, so `authorized` and
 * `captured` sessions are finished once their cart is an order, and `canceled` ones are over;
 * a busy store has thousands of those in the window, which is why they are never even listed.
 */
export const RECOVERABLE_SESSION_STATUSES = ["pending", "requires_more", "error"] as const

/**
 * What one run reads, newest first: open sessions, and paid sessions whose cart never became an
 * order (a server that died between the payment and the order). One statement over the
 * `created_at` window (index `IDX_athmovil_payment_session_created_at`), so sessions Medusa
 * finished cost neither a row here nor an ATH call. Every account's sessions in one list: each is
 * then reconciled with its own provider's client (the session's provider_id names the account).
 */
const sweepSql = (accounts: number) => `
SELECT ps.id, ps.payment_collection_id
  FROM payment_session ps
 WHERE ps.deleted_at IS NULL
   AND ps.provider_id IN (${Array(accounts).fill("?").join(", ")})
   AND ps.created_at >= ?
   AND ps.updated_at <= ?
   AND (ps.status IN (${RECOVERABLE_SESSION_STATUSES.map((s) => `'${s}'`).join(", ")})
        OR (ps.status IN ('authorized', 'captured')
            AND EXISTS (SELECT 1 FROM cart_payment_collection cpc
                         WHERE cpc.payment_collection_id = ps.payment_collection_id AND cpc.deleted_at IS NULL)
            AND NOT EXISTS (SELECT 1 FROM cart_payment_collection cpc
                              JOIN order_cart oc ON oc.cart_id = cpc.cart_id AND oc.deleted_at IS NULL
                             WHERE cpc.payment_collection_id = ps.payment_collection_id AND cpc.deleted_at IS NULL)))
 ORDER BY ps.created_at DESC
 LIMIT ?`

type Knex = { raw(sql: string, bindings: unknown[]): Promise<{ rows: Array<{ id: string; payment_collection_id: string }> }> }

/**
 * Sweeps ATH sessions that may still need recovery, newest first, at most `batchSize` per run.
 * Open sessions leave the list by themselves (paid → authorized and ordered, expired or rejected
 * at ATH → canceled), so older ones are reached as soon as newer ones settle, within an ATH timeout.
 */
export async function recoverAthMovilSessions(
  container: Container,
  { graceSeconds = 30, lookbackHours = 48, batchSize = 100, concurrency = 4 }: RecoverOptions = {}
): Promise<Record<ReconcileOutcome, number>> {
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const providerIds = listAthMovilAccounts(container).map((a) => a.providerId)
  const now = Date.now()
  const { rows: sessions } = await knex.raw(sweepSql(providerIds.length), [
    ...providerIds,
    new Date(now - lookbackHours * 3600_000),
    new Date(now - graceSeconds * 1000),
    batchSize,
  ])
  const counts = {
    order_created: 0,
    payment_attached: 0,
    marked_canceled: 0,
    waiting: 0,
    already_done: 0,
    locked: 0,
    not_found: 0,
  } as Record<ReconcileOutcome, number>
  const reconcile = async (id: string) => {
    try {
      counts[await reconcileAthSession(container, id)]++
    } catch (e) {
      // One unreachable ticket must not stop the sweep; the next run tries again.
      logger.warn(`ATH Móvil session ${id} not reconciled: ${e instanceof Error ? e.message : String(e)}`)
      counts.waiting++
    }
  }
  // Newest first, one payment collection's sessions in order; `concurrency` collections at a time.
  const byCollection = new Map<string, string[]>()
  for (const { id, payment_collection_id } of sessions) {
    byCollection.set(payment_collection_id, [...(byCollection.get(payment_collection_id) ?? []), id])
  }
  const queue = [...byCollection.values()]
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const id of group) await reconcile(id)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker))
  return counts
}
