import type { AthRequestEvent } from "../../lib/athmovil"
import { classifyAthFailure } from "../../lib/athmovil/failure-actor"
import { ATHMOVIL_EVENTS, type AthMovilAccountProblemData } from "../../modules/athmovil/events"
import { QUEUE_EVENT_SQL } from "../../modules/athmovil/utils/event-outbox-sql"

type Knex = { raw(sql: string, bindings: unknown[]): PromiseLike<unknown> }

/**
 * What only the merchant can fix in their ATH account, read off an ATH answer by the one
 * classification (`classifyAthFailure`): the store's tokens refused, or the business account not
 * active. Null for anything a shopper or a retry can fix — a ticket's own expired token included.
 */
export function accountProblemOf(e: AthRequestEvent): Omit<AthMovilAccountProblemData, "provider_id"> | null {
  if (e.outcome !== "error") return null
  const { reason } = classifyAthFailure({ name: e.errorName ?? "AthMovilError", code: e.errorCode, operation: e.operation })
  if (reason !== "credentials_refused" && reason !== "business_inactive") return null
  return { reason, code: e.errorCode ?? null, operation: e.operation }
}

/** A process queues one event per problem every 10 minutes: a refused token fails every checkout. */
const QUIET_MS = 10 * 60_000

/**
 * The ATH client's request hook that queues `athmovil.account.problem` (the admin is notified
 * from it) when ATH answers with a problem only the merchant can fix. Never throws: reporting
 * must not turn a payment into a failure.
 */
export function accountProblemReporter(
  pg: () => Knex | undefined,
  /** The account whose client this hook watches (read when a problem is reported). */
  providerId: () => string | null,
  now = () => Date.now()
): (e: AthRequestEvent) => void {
  const last = new Map<string, number>()
  return (e) => {
    const problem = accountProblemOf(e)
    if (!problem) return
    const at = now()
    if (at - (last.get(problem.reason) ?? -Infinity) < QUIET_MS) return
    last.set(problem.reason, at)
    const knex = pg()
    if (!knex) return
    let account: string | null = null
    try {
      account = providerId()
    } catch {
      // An account the config does not name still gets its notice, unlabelled.
    }
    const data: AthMovilAccountProblemData = { ...problem, provider_id: account }
    Promise.resolve(knex.raw(QUEUE_EVENT_SQL, [ATHMOVIL_EVENTS.ACCOUNT_PROBLEM, JSON.stringify(data)])).catch(() => {
      // The next failing call reports it again.
      last.delete(problem.reason)
    })
  }
}
