import type { Logger } from "@medusajs/framework/types"

/**
 * The lock every path that may change a payment's refunds takes in Medusa's locking module:
 * the admin refund route, the refund-notice handler, the reconciliation fix, the admin refresh.
 * One key per Medusa payment, so the read of Medusa's refunds, the ATH call and Medusa's write of
 * `payment.data` happen one path at a time.
 */
export function paymentLockKey(paymentId: string): string {
  return `athmovil:payment:${paymentId}`
}

type Knex = {
  transaction<T>(job: (trx: { raw(sql: string, bindings?: unknown[]): Promise<unknown> }) => Promise<T>): Promise<T>
}

/** How long a refund waits for another refund of the same ticket before giving up. */
const WAIT_SECONDS = 30

/**
 * Inside the provider (which sees only the Payment module's container, not the locking module)
 * the same guarantee comes from a PostgreSQL advisory lock on the shared database: it holds
 * across Medusa instances and is released when the transaction ends, even if the process dies.
 */
export async function withTicketLock<T>(
  knex: Knex | undefined,
  key: string,
  logger: Logger | undefined,
  job: () => Promise<T>
): Promise<T> {
  if (!knex?.transaction) {
    logger?.warn(`ATH Móvil: no database connection for the refund lock of ${key}; running without it`)
    return job()
  }
  return knex.transaction(async (trx) => {
    await trx.raw(`SET LOCAL lock_timeout = '${WAIT_SECONDS}s'`)
    await trx.raw("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [key])
    return job()
  })
}
