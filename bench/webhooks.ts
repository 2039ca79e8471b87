/** Webhook ingest figures: closed-loop bursts against Medusa's own route, and an open loop at a fixed rate. */
import { randomBytes } from "node:crypto"
import { Pool } from "undici"
import { type Ctx, WEBHOOK_SECRET, log, now, sleep, stats } from "./context"

function refundNotice(run: string, i: number) {
  // Legacy refund shape for a reference no payment of this store has: stored, de-duplicated and
  // processed for real (ledger lookups, outcome "unmatched") without asking ATH anything.
  const amount = (1 + (i % 50)).toFixed(2)
  return {
    transactionType: "refund",
    status: "completed",
    date: "2026-11-20 10:00:00.0",
    referenceNumber: `${String(200000000 + i)}-bench${run}${String(i).padStart(8, "0")}`,
    dailyTransactionID: String(i % 10000).padStart(4, "0"),
    name: "Bench Shopper",
    phoneNumber: "7875551234",
    email: "bench@example.com",
    message: "bench",
    total: amount,
    tax: "0.00",
    subtotal: amount,
    fee: "0.00",
    netAmount: "0.00",
    totalRefundedAmount: amount,
  }
}

function deliveriesFor(run: string, distinct: number, copies: number): string[] {
  const bodies = Array.from({ length: distinct }, (_, i) => JSON.stringify(refundNotice(run, i)))
  const deliveries: string[] = []
  for (const b of bodies) for (let c = 0; c < copies; c++) deliveries.push(b)
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]]
  }
  return deliveries
}

/**
 * Sends every request over `senders` keep-alive connections (undici's pool: the lightest client,
 * so the sender takes as little of the machine's CPU from the server as it can); the time of each
 * acknowledgement. `null` bodies are GETs.
 */
async function send(url: string, deliveries: Array<string | null>, senders: number) {
  const { origin, pathname } = new URL(url)
  const pool = new Pool(origin, { connections: senders })
  const request = async (body: string | null) => {
    const res = await pool.request({
      path: pathname,
      method: body === null ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body ?? undefined,
    })
    await res.body.text()
    return res.statusCode
  }
  // Warm the route with a few requests that are not counted.
  for (let i = 0; i < 20; i++) {
    await request(deliveries[0] === null ? null : JSON.stringify(refundNotice(`warm${randomBytes(2).toString("hex")}`, i)))
  }
  const ackMs: number[] = []
  const statuses = new Map<number, number>()
  let next = 0
  const started = now()
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < deliveries.length) {
        const body = deliveries[next++]
        const t = now()
        const status = await request(body)
        ackMs.push(now() - t)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
    })
  )
  const ackWallMs = now() - started
  await pool.close()
  return { ackMs, ackWallMs, started, statuses }
}

export async function benchWebhooks(ctx: Ctx, distinct = 1000, copies = 5, senders = 50, withCoreRoute = false) {
  const run = randomBytes(3).toString("hex")
  const deliveries = deliveriesFor(run, distinct, copies)
  const url = `${ctx.server.url}/hooks/athmovil/${WEBHOOK_SECRET}`
  const [{ n: baseline }] = await ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM athmovil_webhook_event`)
  log(`webhook ingest: ${deliveries.length} deliveries to the plugin's listener`)
  const { ackMs, ackWallMs, started, statuses } = await send(url, deliveries, senders)
  // Processing is asynchronous (event bus → workflow, a bounded in-process queue; what overflows
  // waits in the table for the retry sweep, 100 a minute): wait up to 60 s, then count what is
  // stored (lost = never stored) and what still waits.
  let processed = { originals: 0, duplicates: 0, pending: 0, outcomes: {} as Record<string, number> }
  const deadline = Date.now() + 60_000
  for (;;) {
    const rows = await ctx.db.query<{ outcome: string; original: boolean; n: string }>(
      `SELECT outcome, duplicate_of_id IS NULL AS original, count(*) AS n FROM athmovil_webhook_event
        WHERE raw_body LIKE $1 GROUP BY 1, 2`,
      [`%bench${run}%`]
    )
    processed = { originals: 0, duplicates: 0, pending: 0, outcomes: {} }
    for (const r of rows) {
      const n = Number(r.n)
      if (r.original) {
        processed.originals += n
        processed.outcomes[r.outcome] = (processed.outcomes[r.outcome] ?? 0) + n
        if (r.outcome === "pending") processed.pending += n
      } else processed.duplicates += n
    }
    if ((processed.originals >= distinct && processed.pending === 0) || Date.now() > deadline) break
    await sleep(250)
  }
  const processedWallMs = now() - started
  const ack = stats(ackMs)

  // Optional reference: Medusa's own payment webhook route with the same load (it only emits an
  // event; the provider sees the payloads 5 s later). The figure compares with /health.
  let reference: Record<string, unknown> | null = null
  if (withCoreRoute) {
    log(`webhook ingest: the same load on Medusa's /hooks/payment/athmovil_athmovil`)
    const core = await send(`${ctx.server.url}/hooks/payment/athmovil_athmovil`, deliveriesFor(`c${run}`, distinct, copies), senders)
    await sleep(8000)
    reference = {
      route: "/hooks/payment/athmovil_athmovil (Medusa core)",
      acks_per_second: Math.round(deliveries.length / (core.ackWallMs / 1000)),
      ack: stats(core.ackMs),
      http_statuses: Object.fromEntries(core.statuses),
    }
  }
  // The ceiling of the HTTP stack itself: Medusa's /health runs no route code and no query.
  log(`webhook ingest: the same number of GET /health`)
  const health = await send(`${ctx.server.url}/health`, deliveries.map(() => null), senders)
  const ceiling = {
    route: "GET /health",
    requests_per_second: Math.round(deliveries.length / (health.ackWallMs / 1000)),
    latency: stats(health.ackMs),
  }
  return {
    reference,
    ceiling,
    deliveries: deliveries.length,
    distinct,
    senders,
    event_kind: "refund notices for references unknown to the store (outcome: unmatched)",
    acks_per_second: Math.round(deliveries.length / (ackWallMs / 1000)),
    ack: ack,
    http_statuses: Object.fromEntries(statuses),
    stored_before_run: Number(baseline),
    originals_stored: processed.originals,
    duplicates_stored: processed.duplicates,
    processed_once: processed.originals - processed.pending,
    waiting_for_retry_sweep: processed.pending,
    lost: distinct - processed.originals,
    outcomes: processed.outcomes,
    all_processed_after_ms: Math.round(processedWallMs),
  }
}

/**
 * Open loop: deliveries sent at a fixed rate whatever the server answers (as ATH does), each
 * timed from the moment it was due, so a server falling behind shows in the latency instead of
 * slowing the sender down (no coordinated omission).
 */
export async function benchWebhooksOpenLoop(ctx: Ctx, rate = 100, seconds = 20) {
  const run = randomBytes(3).toString("hex")
  const { origin, pathname } = new URL(`${ctx.server.url}/hooks/athmovil/${WEBHOOK_SECRET}`)
  const pool = new Pool(origin, { connections: 256 })
  const total = rate * seconds
  const bodies = Array.from({ length: total }, (_, i) => JSON.stringify(refundNotice(`o${run}`, i)))
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  const inFlight: Array<Promise<void>> = []
  log(`webhook ingest, open loop: ${total} deliveries at ${rate}/s`)
  const started = now()
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate
    const wait = due - now()
    if (wait > 1) await sleep(wait)
    inFlight.push(
      pool
        .request({ path: pathname, method: "POST", headers: { "content-type": "application/json" }, body: bodies[i] })
        .then(async (res) => {
          await res.body.text()
          latencies.push(now() - due)
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
        })
    )
  }
  await Promise.all(inFlight)
  const wallMs = now() - started
  await pool.close()
  return {
    rate_offered: rate,
    seconds,
    deliveries: total,
    achieved_per_second: Math.round(total / (wallMs / 1000)),
    ack: stats(latencies),
    http_statuses: Object.fromEntries(statuses),
  }
}
