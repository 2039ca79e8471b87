/**
 * `medusa exec ./bench/sweeps.ts <runs> <marker file>`: inside a warm Medusa process, times the
 * plugin's two background sweeps on the seeded store. It warms up (one run of each sweep), prints
 * `READY`, and waits for the bench to write the marker file once its shoppers have approved and
 * closed the tab; the timed runs follow at once, within the 30 s grace in which the server's own
 * cron leaves a fresh session alone.
 *  1. closed-tab recovery (`recoverAthMovilSessions`) with the provider's finished sessions in the
 *     table and the paid-and-closed shoppers the bench made just before: the first run must place
 *     every order, the later runs find nothing to do;
 *  2. the webhook retry job (`retryPendingWebhookEvents`) with the seeded events (150 exhausted
 *     among them) and 3 fresh failures written here: the first run retries the 3.
 * Each run's wall time and outcome counts; prints `RESULT <json>`.
 */
import fs from "node:fs"
import { performance } from "node:perf_hooks"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { recoverAthMovilSessions } from "../src/workflows/recover-sessions"
import { retryPendingWebhookEvents } from "../src/workflows/process-webhook-event/retry-pending"

type Knex = { raw(sql: string, b?: unknown[]): Promise<{ rows: any[] }> }

/** Three deliveries whose processing failed once (refund notices for unknown references: retried without ATH). */
const FRESH_FAILURES = `
INSERT INTO athmovil_webhook_event (id, idempotency_key, kind, status, reference_number, amount, raw_amount, payload, raw_body,
  received_at, last_received_at, outcome, attempts, error, created_at, updated_at)
SELECT 'athwh_benchf' || k || floor(extract(epoch FROM now()))::text, 'bench:fresh:' || k || ':' || floor(extract(epoch FROM now()))::text,
  'refund', 'completed', 'bench-fresh-' || k, 1.00, '{"value":"1.00","precision":20}',
  jsonb_build_object('transactionType', 'refund', 'referenceNumber', 'bench-fresh-' || k, 'total', '1.00'),
  jsonb_build_object('transactionType', 'refund', 'status', 'completed', 'referenceNumber', 'bench-fresh-' || k, 'total', '1.00',
    'date', '2026-11-20 10:00:00.0')::text,
  now() - interval '5 minutes', now() - interval '5 minutes', 'pending', 1, 'ATH unreachable (bench)', now(), now()
FROM generate_series(1, 3) AS k
RETURNING id`

async function timed<T>(fn: () => Promise<T>) {
  const t = performance.now()
  const value = await fn()
  return { ms: Math.round((performance.now() - t) * 10) / 10, value }
}

export default async function sweeps({ container, args }: { container: any; args: string[] }) {
  const runs = Math.max(2, Number(args[0] ?? 5))
  const marker = args[1]
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex
  const warmup = { recover: await timed(() => recoverAthMovilSessions(container, { graceSeconds: 0 })), retry: await timed(() => retryPendingWebhookEvents(container)) }
  console.log("READY")
  const deadline = Date.now() + 300_000
  while (marker && !fs.existsSync(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))

  const recover: Array<{ ms: number; value: Record<string, number> }> = []
  for (let i = 0; i < runs; i++) recover.push(await timed(() => recoverAthMovilSessions(container, { graceSeconds: 0 })))

  const fresh = (await knex.raw(FRESH_FAILURES)).rows.map((r) => r.id as string)
  const retry: Array<{ ms: number; value: number }> = []
  for (let i = 0; i < runs; i++) retry.push(await timed(() => retryPendingWebhookEvents(container, { minAgeSeconds: 60 })))
  const [{ done }] = (
    await knex.raw(`SELECT count(*)::int AS done FROM athmovil_webhook_event WHERE id = ANY(?) AND outcome <> 'pending'`, [fresh])
  ).rows
  const [{ sessions }] = (await knex.raw(`SELECT count(*)::int AS sessions FROM payment_session`)).rows
  const [{ events }] = (await knex.raw(`SELECT count(*)::int AS events FROM athmovil_webhook_event`)).rows

  console.log(
    `RESULT ${JSON.stringify({
      warmup: { recover_ms: warmup.recover.ms, retry_ms: warmup.retry.ms },
      payment_sessions: sessions,
      webhook_events: events,
      recover: recover.map((r) => ({ ms: r.ms, counts: r.value })),
      retry: retry.map((r) => ({ ms: r.ms, retried: r.value })),
      fresh_failures_done: done,
    })}`
  )
}
