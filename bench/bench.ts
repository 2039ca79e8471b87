/**
 * The benchmark behind `npm run bench` (see run.js). Everything runs against one real
 * `medusa start` process of the repository's own app (root medusa-config.ts), a fresh PostgreSQL
 * database made for this run, and the ATH sandbox in this process (zero added latency unless a
 * figure says otherwise). Each figure is measured next to a reference in the same run.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { randomBytes } from "node:crypto"
import Medusa from "@medusajs/js-sdk"
import { Pool } from "undici"
import { startSandbox, SANDBOX_ROUTES, type AthSandbox } from "../src/sandbox"
import { completeAthMovilCheckout, startAthMovilPayment, waitForAthMovilApproval } from "../src/storefront"
import { cleanupAll } from "../integration-tests/helpers/cleanup"
import { medusaEnv } from "../integration-tests/helpers/medusa-env"
import { medusaCli, startMedusa, type MedusaProcess } from "../integration-tests/helpers/medusa-process"
import { createDatabase, type TestDatabase } from "../integration-tests/helpers/postgres"
import { ATH_PROVIDER_ID, SHOPPER_PHONE, cartReadyToPay, type SeededStore } from "../integration-tests/helpers/store"
import { markdown } from "./report"
import { benchExport, benchSweeps, rssOf, seedAndTimeAdmin, type ScaleCtx } from "./scale"
import { BIG, SMALL, scaledSize } from "./seed"

const ROOT = path.resolve(__dirname, "..")
const WEBHOOK_SECRET = `bench-webhook-secret-${randomBytes(12).toString("hex")}`
const SYSTEM_PROVIDER = "pp_system_default"

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const now = () => performance.now()

interface Stats {
  n: number
  p50: number
  p95: number
  p99: number
  mean: number
  min: number
  max: number
}

function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
  const round = (v: number) => Math.round(v * 10) / 10
  return {
    n: s.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
    min: round(s[0] ?? 0),
    max: round(s[s.length - 1] ?? 0),
  }
}

function log(line: string) {
  process.stdout.write(`[bench] ${line}\n`)
}

interface Ctx {
  sandbox: AthSandbox
  db: TestDatabase
  env: NodeJS.ProcessEnv
  server: MedusaProcess
  store: SeededStore
}

const sdkFor = (ctx: Ctx) => new Medusa({ baseUrl: ctx.server.url, publishableKey: ctx.store.publishableKey })

/* ------------------------------------------------------------- 1. checkout overhead */

async function benchCheckout(ctx: Ctx, count = 40) {
  const sdk = sdkFor(ctx)
  const prepareAth = async () => {
    const cart = await cartReadyToPay(sdk, ctx.store)
    const p = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
    ctx.sandbox.approve({ ecommerceId: p.ecommerceId })
    return cart.id
  }
  const prepareSystem = async () => {
    const cart = await cartReadyToPay(sdk, ctx.store)
    await sdk.store.payment.initiatePaymentSession(cart as never, { provider_id: SYSTEM_PROVIDER })
    return cart.id
  }
  const timeComplete = async (cartId: string) => {
    const t = now()
    const r = await sdk.store.cart.complete(cartId)
    const ms = now() - t
    if (r.type !== "order") throw new Error(`checkout did not produce an order: ${JSON.stringify(r).slice(0, 300)}`)
    return ms
  }
  log(`checkout overhead: warming up`)
  for (let i = 0; i < 5; i++) {
    await timeComplete(await prepareAth())
    await timeComplete(await prepareSystem())
  }
  const ath: number[] = []
  const system: number[] = []
  let athCalls = 0
  for (let i = 0; i < count; i++) {
    const order: Array<"ath" | "system"> = i % 2 ? ["ath", "system"] : ["system", "ath"]
    for (const kind of order) {
      if (kind === "ath") {
        const cartId = await prepareAth()
        const before = ctx.sandbox.callCount()
        ath.push(await timeComplete(cartId))
        athCalls += ctx.sandbox.callCount() - before
      } else {
        system.push(await timeComplete(await prepareSystem()))
      }
    }
    if ((i + 1) % 25 === 0) log(`checkout overhead: ${i + 1}/${count}`)
  }
  const a = stats(ath)
  const s = stats(system)
  return {
    ath: a,
    system: s,
    ratio_p50: Math.round((a.p50 / s.p50) * 100) / 100,
    ratio_p95: Math.round((a.p95 / s.p95) * 100) / 100,
    ath_calls_per_complete: athCalls / count,
  }
}

/* ------------------------------------------------------------- 2. approval to order */

async function benchApproval(ctx: Ctx, count = 30, concurrency = 1, withPolling = false) {
  // The approval lands at a uniformly random moment of the pollers' cycles (0–2 s after the push).
  const approveLater = (ecommerceId: string) => {
    const delay = Math.random() * 2000
    return sleep(delay).then(() => {
      ctx.sandbox.approve({ ecommerceId })
      return now()
    })
  }
  const kitCheckout = async () => {
    const sdk = sdkFor(ctx)
    const cart = await cartReadyToPay(sdk, ctx.store)
    const p = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
    const approvedAt = approveLater(p.ecommerceId)
    await waitForAthMovilApproval(sdk, { sessionId: p.sessionId, cartId: cart.id })
    await completeAthMovilCheckout(sdk, cart.id, { sessionId: p.sessionId })
    const done = now()
    return done - (await approvedAt)
  }
  const pollingCheckout = async () => {
    // The seeds' Python client: call cart.complete every 2 s until it gives an order.
    const sdk = sdkFor(ctx)
    const cart = await cartReadyToPay(sdk, ctx.store)
    const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart as never, {
      provider_id: ATH_PROVIDER_ID,
      data: { phone_number: SHOPPER_PHONE, cart_id: cart.id },
    })
    const session = payment_collection.payment_sessions!.find((s) => s.provider_id === ATH_PROVIDER_ID)!
    const approvedAt = approveLater((session.data as { ecommerce_id: string }).ecommerce_id)
    for (;;) {
      const r = await sdk.store.cart.complete(cart.id).catch(() => null)
      if (r?.type === "order") break
      await sleep(2000)
    }
    const done = now()
    return done - (await approvedAt)
  }
  const kit: number[] = []
  const polling: number[] = []
  let kitCalls = 0
  let pollingCalls = 0
  for (let done = 0; done < count; done += concurrency) {
    const n = Math.min(concurrency, count - done)
    let before = ctx.sandbox.callCount()
    kit.push(...(await Promise.all(Array.from({ length: n }, kitCheckout))))
    kitCalls += ctx.sandbox.callCount() - before
    if (withPolling) {
      before = ctx.sandbox.callCount()
      polling.push(...(await Promise.all(Array.from({ length: n }, pollingCheckout))))
      pollingCalls += ctx.sandbox.callCount() - before
    }
    if ((done + n) % 10 === 0) log(`approval to order: ${done + n}/${count} each`)
  }
  const k = stats(kit)
  const p = withPolling ? stats(polling) : null
  return {
    kit: k,
    // ATH allows one status read per second per ticket; the kit reads at the status route's retry_after_ms.
    read_interval_ms: 1000,
    polling_2s: p,
    ratio_p50: p ? Math.round((k.p50 / p.p50) * 100) / 100 : null,
    ath_calls_per_checkout: { kit: kitCalls / count, polling_2s: pollingCalls / count },
    concurrency,
  }
}

/* ------------------------------------------------------------- 3. peak */

async function burst(shoppers: number, checkout: () => Promise<void>) {
  const started = now()
  const results = await Promise.all(
    Array.from({ length: shoppers }, async () => {
      const t = now()
      try {
        await checkout()
        return { ok: true as const, ms: now() - t }
      } catch (e) {
        return { ok: false as const, ms: now() - t, error: e instanceof Error ? e.message : String(e) }
      }
    })
  )
  const wallMs = now() - started
  const ok = results.filter((r) => r.ok)
  const errors = results.filter((r) => !r.ok)
  return {
    wall_ms: Math.round(wallMs),
    orders: ok.length,
    orders_per_second: Math.round((ok.length / (wallMs / 1000)) * 100) / 100,
    completion: stats(ok.map((r) => r.ms)),
    errors: errors.length,
    error_samples: errors.slice(0, 3).map((e) => (e as { error: string }).error),
  }
}

async function benchPeak(ctx: Ctx, shoppers = 50) {
  // Reference: the same 50 shoppers paying with pp_system_default (cart, shipping, session, complete).
  log(`peak: ${shoppers} shoppers with ${SYSTEM_PROVIDER}`)
  const reference = await burst(shoppers, async () => {
    const sdk = sdkFor(ctx)
    const cart = await cartReadyToPay(sdk, ctx.store)
    await sdk.store.payment.initiatePaymentSession(cart as never, { provider_id: SYSTEM_PROVIDER })
    const r = await sdk.store.cart.complete(cart.id)
    if (r.type !== "order") throw new Error("no order")
  })
  log(`peak: ${shoppers} shoppers with ATH Móvil (storefront kit), sandbox latency 150 ms ± 50`)
  for (const route of SANDBOX_ROUTES) ctx.sandbox.setFault(route, { latencyMs: 100, jitterMs: 100 })
  const before = ctx.sandbox.callCount()
  const ath = await burst(shoppers, async () => {
    const sdk = sdkFor(ctx)
    const cart = await cartReadyToPay(sdk, ctx.store)
    const p = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
    ctx.sandbox.approve({ ecommerceId: p.ecommerceId })
    await waitForAthMovilApproval(sdk, { sessionId: p.sessionId, cartId: cart.id })
    await completeAthMovilCheckout(sdk, cart.id, { sessionId: p.sessionId })
  })
  ctx.sandbox.clearFaults()
  const calls = ctx.sandbox.callCount() - before
  return {
    shoppers,
    ath: {
      ...ath,
      ath_calls_per_order: ath.orders ? Math.round((calls / ath.orders) * 100) / 100 : null,
      double_debits: ctx.sandbox.listTickets().filter((t) => t.authorizationCount > 1).length,
    },
    system: reference,
    sandbox_latency: "150 ms ± 50 on every route",
  }
}

/* ------------------------------------------------------------- 4. webhook ingest */

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

async function benchWebhooks(ctx: Ctx, distinct = 1000, copies = 5, senders = 50, withCoreRoute = false) {
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
async function benchWebhooksOpenLoop(ctx: Ctx, rate = 100, seconds = 20) {
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

/* ------------------------------------------------------------- 5. reconciliation */

/** A 512 MB container's usual Node heap setting. */
const SMALL_CONTAINER_HEAP_MB = 320

async function benchReconcile(ctx: Ctx, sizes = [10_000, 50_000]) {
  const out: Array<Record<string, any>> = []
  // A past, closed range: no checkout of this run falls into it.
  const from = "2026-10-01"
  const to = "2026-10-28"
  // Each run starts from the same ledger and a report of `size` payments Medusa does not know.
  const freshReport = async (size: number) => {
    ctx.sandbox.reset()
    await ctx.db.query(`DELETE FROM athmovil_refund`)
    await ctx.db.query(`DELETE FROM athmovil_transaction WHERE (last_synced_via = 'report' AND payment_id IS NULL) OR ecommerce_id LIKE 'bench:%'`)
    ctx.sandbox.seedReportTransactions(size, { from: new Date("2026-10-01T04:00:00Z"), to: new Date("2026-10-29T03:59:59Z") })
  }
  for (const size of sizes) {
    await freshReport(size)
    const athCallsBefore = ctx.sandbox.callCount()
    log(`reconciliation: ${size} rows`)
    const r = await medusaCli(["exec", "./bench/reconcile.ts", from, to], ctx.env, { timeoutMs: 1_800_000 })
    const line = r.output.find((l) => l.startsWith("RESULT "))
    if (r.code !== 0 || !line) throw new Error(`reconciliation of ${size} rows failed:\n${r.output.slice(-30).join("\n")}`)
    const { workflow: w, direct: d } = JSON.parse(line.slice(7))
    const mb = (b: number) => Math.round(b / 1048576)
    out.push({
      size,
      workflow: {
        rows: w.rows,
        ms: Math.round(w.ms),
        rows_per_second: Math.round(w.rows / (w.ms / 1000)),
        rss_before_mb: mb(w.rssBefore),
        rss_peak_mb: mb(w.rssPeak),
        heap_growth_peak_mb: mb(w.heapGrowthPeak),
        ledger: w.ledger,
        refunds: w.refundPhase,
        differences: w.differences,
      },
      direct: {
        payments: d.payments,
        ms: Math.round(d.ms),
        fetch_parse_ms: Math.round(d.fetchMs),
        upsert_ms: Math.round(d.upsertMs),
        rows_per_second: Math.round(d.payments / (d.ms / 1000)),
        written: d.written,
        rss_peak_mb: mb(d.rssPeak),
        heap_growth_peak_mb: mb(d.heapGrowthPeak),
      },
      ath_calls: ctx.sandbox.callCount() - athCallsBefore,
    })
  }
  // The largest run again as a small container runs it: Node's heap capped (a 512 MB container's
  // usual --max-old-space-size). Uncapped, V8 collects garbage lazily while it has room, so the
  // uncapped peak is mostly garbage not yet collected; capped, the peak is what the work needs.
  const capped = await (async () => {
    const size = sizes[sizes.length - 1]
    await freshReport(size)
    log(`reconciliation: ${size} rows, heap capped at ${SMALL_CONTAINER_HEAP_MB} MB`)
    const env = { ...ctx.env, MEDUSA_NODE_ARGS: `--max-old-space-size=${SMALL_CONTAINER_HEAP_MB}` }
    const r = await medusaCli(["exec", "./bench/reconcile.ts", from, to, "workflow-only"], env, { timeoutMs: 1_800_000 })
    const line = r.output.find((l) => l.startsWith("RESULT "))
    if (r.code !== 0 || !line) return { size, heap_cap_mb: SMALL_CONTAINER_HEAP_MB, completed: false, tail: r.output.slice(-5) }
    const { workflow: w } = JSON.parse(line.slice(7))
    const mb = (b: number) => Math.round(b / 1048576)
    return {
      size,
      heap_cap_mb: SMALL_CONTAINER_HEAP_MB,
      completed: true,
      rows: w.rows,
      ms: Math.round(w.ms),
      rss_before_mb: mb(w.rssBefore),
      rss_peak_mb: mb(w.rssPeak),
      differences: w.differences,
    }
  })()
  await ctx.db.query(`DELETE FROM athmovil_transaction WHERE ecommerce_id LIKE 'bench:%'`)
  const growth = (pick: (run: Record<string, any>) => { ms: number; n: number }) => {
    if (out.length < 2) return null
    const a = pick(out[0])
    const b = pick(out[out.length - 1])
    return Math.round((b.ms / a.ms / (b.n / a.n)) * 100) / 100
  }
  return {
    workflow_via: "runReportReconciliation (src/workflows/reconcile-report) in a `medusa exec` process",
    direct_via: "client.transactionReportRange + parse + AthMovil module upsertTransactions of every payment row",
    runs: out,
    capped,
    linear_growth_ratio: {
      workflow: growth((r) => ({ ms: r.workflow.ms, n: r.workflow.rows })),
      direct: growth((r) => ({ ms: r.direct.ms, n: r.direct.payments })),
    },
  }
}

/* ------------------------------------------------------------- 6. memory */


async function idleRss(label: string, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const server = await startMedusa({ env, cwd, label })
  try {
    for (let i = 0; i < 5; i++) await fetch(`${server.url}/health`).then((r) => r.text())
    await sleep(15_000)
    const samples: number[] = []
    for (let i = 0; i < 5; i++) {
      samples.push(rssOf(server.pid))
      await sleep(1000)
    }
    return samples.sort((a, b) => a - b)[2]
  } finally {
    await server.stop()
  }
}

async function benchMemory(ctx: Ctx, rounds = 3) {
  const withPlugin: number[] = []
  const withoutPlugin: number[] = []
  const bare = { ...ctx.env }
  for (const key of Object.keys(bare)) if (key.startsWith("ATHMOVIL_")) delete bare[key]
  for (let i = 0; i < rounds; i++) {
    log(`memory: round ${i + 1}/${rounds}`)
    withPlugin.push(await idleRss("medusa with the plugin", ctx.env, ROOT))
    withoutPlugin.push(await idleRss("medusa without the plugin", bare, path.join(__dirname, "no-plugin")))
  }
  const mb = (b: number) => Math.round((b / 1048576) * 10) / 10
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]
  const differences = withPlugin.map((w, i) => w - withoutPlugin[i])
  return {
    with_plugin_mb: mb(med(withPlugin)),
    without_plugin_mb: mb(med(withoutPlugin)),
    difference_mb: mb(med(differences)),
    samples_mb: { with: withPlugin.map(mb), without: withoutPlugin.map(mb), differences: differences.map(mb) },
    note: "idle RSS 15 s after start (median of 5 samples per start), rounds alternate the two apps; the figure is the median of the per-round differences. Both apps load their config and code through ts-node (the plugin from its TypeScript source)",
  }
}

/* ------------------------------------------------------------- report */

async function machineInfo(db: TestDatabase) {
  const [{ server_version }] = await db.query<{ server_version: string }>(`SHOW server_version`)
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    ram_gb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    postgres: server_version,
    medusa: require("@medusajs/medusa/package.json").version as string,
    os: `${os.type()} ${os.release()}`,
    load_average_at_start: os.loadavg().map((l) => Math.round(l * 100) / 100),
  }
}

export async function main(argv: string[]) {
  const only = argv.find((a) => a.startsWith("--only="))?.slice(7).split(",")
  // The default set (issue 15's table); `peak` (50 shoppers at once) runs only when asked for.
  const want = (name: string) => (only ? only.includes(name) : name !== "peak")
  const started_at = new Date().toISOString()
  const sandbox = await startSandbox({ port: 0 })
  const db = await createDatabase("bench")
  const results: Record<string, any> = { started_at }
  let server: MedusaProcess | null = null
  try {
    results.machine = await machineInfo(db)
    // --profile-server=DIR: the server writes a V8 CPU profile there when it stops (e.g. with --only=checkout).
    const profileDir = argv.find((a) => a.startsWith("--profile-server="))?.slice(17)
    const env = medusaEnv({ databaseUrl: db.url, sandbox, webhookSecret: WEBHOOK_SECRET })
    const serverEnv = profileDir ? { ...env, MEDUSA_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${path.resolve(profileDir)}` } : env
    log(`database ${db.name}: migrating`)
    const migrate = await medusaCli(["db:migrate"], env, { timeoutMs: 600_000 })
    if (migrate.code !== 0) throw new Error(`db:migrate failed:\n${migrate.output.slice(-30).join("\n")}`)
    const start = async () => {
      server = await startMedusa({ env: serverEnv, label: "medusa (bench)" })
      log(`medusa started at ${server.url}`)
      return server
    }
    const stop = async () => {
      await server?.stop()
      server = null
    }
    const first = await start()
    const seed = await medusaCli(["exec", "./integration-tests/scripts/seed-store.ts", first.url], env)
    const line = seed.output.find((l) => l.startsWith("STORE "))
    if (seed.code !== 0 || !line) throw new Error(`seeding failed:\n${seed.output.slice(-30).join("\n")}`)
    const store: SeededStore = JSON.parse(line.slice(6))
    const region = await fetch(`${first.url}/admin/regions/${store.regionId}`, {
      method: "POST",
      headers: { ...store.adminHeaders.headers, "content-type": "application/json" },
      body: JSON.stringify({ payment_providers: [ATH_PROVIDER_ID, SYSTEM_PROVIDER] }),
    })
    if (!region.ok) throw new Error(`could not enable ${SYSTEM_PROVIDER}: ${await region.text()}`)
    const ctx: Ctx = { sandbox, db, env, server: first, store }
    const scale: ScaleCtx = {
      sandbox,
      db,
      env,
      store,
      serverUrl: () => ctx.server.url,
      serverPid: () => ctx.server.pid,
      log,
    }
    // --big-rows=N: a smaller "big" store for trying the bench out (the table then says N, not 1M).
    const bigRows = Number(argv.find((a) => a.startsWith("--big-rows="))?.slice(11) ?? 0)
    const big = bigRows > 0 ? scaledSize(bigRows) : BIG
    const scaleSizes = want("scale") ? ([["small", SMALL], ["big", big]] as const) : []
    const write = () => {
      fs.writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`)
      fs.writeFileSync(path.join(__dirname, "RESULTS.md"), markdown(results))
    }
    results.scale = {}

    // The 10k baseline first, then the same store at 1M; every size-dependent figure runs on both.
    for (const [name, size] of scaleSizes) {
      const isBig = name === "big"
      const part: Record<string, any> = await seedAndTimeAdmin(scale, size, { explain: isBig })
      results.scale[name] = part
      if (isBig) {
        const from = part.picks.monthFrom.toISOString().slice(0, 10)
        const to = new Date(part.picks.monthTo.getTime() - 4 * 3600_000).toISOString().slice(0, 10)
        log(`scale: CSV export of ${from} … ${to}`)
        part.export = await benchExport(scale, from, to)
      }
      log(`scale: ${name}: sweeps in a medusa exec process; 5 shoppers approve and close the tab`)
      part.sweeps = await benchSweeps(scale)
      write()
      if (isBig) {
        // The store's live figures run on the big store, after its sweeps (webhook bursts leave
        // events for the retry sweep, which would then be timed with them).
        if (want("checkout")) results.checkout = await benchCheckout(ctx)
        if (want("approval")) results.approval = await benchApproval(ctx)
        if (want("peak")) results.peak = await benchPeak(ctx)
        if (want("webhooks")) {
          results.webhooks = await benchWebhooks(ctx)
          results.webhooks_open = await benchWebhooksOpenLoop(ctx)
        }
      }
    }
    if (!scaleSizes.length) {
      if (want("checkout")) results.checkout = await benchCheckout(ctx)
      if (want("approval")) results.approval = await benchApproval(ctx)
      if (want("peak")) results.peak = await benchPeak(ctx)
      if (want("webhooks")) {
        results.webhooks = await benchWebhooks(ctx)
        results.webhooks_open = await benchWebhooksOpenLoop(ctx)
      }
    }
    await stop()
    if (want("reconcile")) results.reconcile = await benchReconcile(ctx)
    if (want("memory")) results.memory = await benchMemory(ctx)
    results.finished_at = new Date().toISOString()
    write()
    process.stdout.write(`\n${markdown(results)}\n`)
  } finally {
    await (server as MedusaProcess | null)?.stop()
    await sandbox.stop()
    await cleanupAll()
  }
}
