/**
 * Figures of a busy store's three years (issue 15), each measured at the 10,000-row baseline and
 * at 1,000,000 rows in the same run: the admin page, the accountant's month export, and the two
 * background sweeps. bench.ts runs them; this file holds the measuring.
 */
import fs from "node:fs"
import http from "node:http"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import Medusa from "@medusajs/js-sdk"
import type { AthSandbox } from "../src/sandbox"
import { startAthMovilPayment } from "../src/storefront"
import { medusaCli } from "../integration-tests/helpers/medusa-process"
import { type TestDatabase } from "../integration-tests/helpers/postgres"
import { SHOPPER_PHONE, cartReadyToPay, type SeededStore } from "../integration-tests/helpers/store"
import { adminProbes, explainProbes, pickTargets, timeProbes } from "./admin"
import { seedBigStore, type SeedSize } from "./seed"

export interface ScaleCtx {
  sandbox: AthSandbox
  db: TestDatabase
  env: NodeJS.ProcessEnv
  store: SeededStore
  serverUrl: () => string
  serverPid: () => number
  log: (line: string) => void
}

export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return kb * 1024
}

const mb = (b: number) => Math.round((b / 1048576) * 10) / 10

/** Seeds one size (replacing the other) and times the admin page on it; at `explain`, also prints the plans. */
export async function seedAndTimeAdmin(ctx: ScaleCtx, size: SeedSize, { explain }: { explain: boolean }) {
  ctx.log(`scale: seeding ${size.ledger.toLocaleString("en-US")} ledger rows, ${size.webhooks.toLocaleString("en-US")} webhook events, ${size.sessions.toLocaleString("en-US")} payment sessions`)
  const seeded = await seedBigStore(ctx.db, size, (l) => ctx.log(l))
  ctx.log(`scale: seeded in ${Math.round(seeded.ms / 1000)} s ${JSON.stringify(seeded.rows)}`)
  const picks = await pickTargets(ctx.db)
  const probes = adminProbes(picks)
  ctx.log(`scale: timing the admin page (${probes.length} calls × 40)`)
  const timings = await timeProbes(ctx.serverUrl(), ctx.store.adminHeaders.headers, probes)
  const plans = explain ? await explainProbes(ctx.db, probes) : []
  return { seeded, picks, timings, plans }
}

/**
 * transactions.csv of one Puerto Rico month, downloaded as the admin's button does, read as a
 * stream; the server's RSS sampled every 20 ms against its idle RSS just before.
 */
export async function benchExport(ctx: ScaleCtx, from: string, to: string) {
  const pid = ctx.serverPid()
  const idleSamples: number[] = []
  for (let i = 0; i < 5; i++) {
    idleSamples.push(rssOf(pid))
    await new Promise((r) => setTimeout(r, 200))
  }
  const idle = idleSamples.sort((a, b) => a - b)[2]
  let peak = idle
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20)
  const started = performance.now()
  const url = new URL(`${ctx.serverUrl()}/admin/athmovil/exports/transactions.csv?from=${from}&to=${to}&kind=all`)
  const result = await new Promise<{ rows: number; bytes: number; firstByteMs: number; status: number }>((resolve, reject) => {
    http
      .get(url, { headers: ctx.store.adminHeaders.headers }, (res) => {
        let bytes = 0
        let lines = 0
        let firstByteMs = -1
        res.on("data", (chunk: Buffer) => {
          if (firstByteMs < 0) firstByteMs = performance.now() - started
          bytes += chunk.length
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++
        })
        res.on("end", () => resolve({ rows: Math.max(0, lines - 1), bytes, firstByteMs, status: res.statusCode ?? 0 }))
        res.on("error", reject)
      })
      .on("error", reject)
  }).finally(() => clearInterval(sampler))
  const ms = performance.now() - started
  return {
    range: { from, to },
    status: result.status,
    rows: result.rows,
    mb: mb(result.bytes),
    ms: Math.round(ms),
    first_byte_ms: Math.round(result.firstByteMs),
    rss_idle_mb: mb(idle),
    rss_peak_mb: mb(peak),
    rss_growth_mb: mb(peak - idle),
  }
}

/**
 * Shoppers who approved in ATH Móvil and closed the tab: a cart, the payment started through the
 * storefront kit, the ticket approved at the sandbox, no `cart.complete`. The sweep must order them.
 */
export async function paidAndClosed(ctx: ScaleCtx, n: number): Promise<string[]> {
  const sdk = new Medusa({ baseUrl: ctx.serverUrl(), publishableKey: ctx.store.publishableKey })
  const carts: string[] = []
  for (let i = 0; i < n; i++) {
    const cart = await cartReadyToPay(sdk, ctx.store)
    const p = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
    ctx.sandbox.approve({ ecommerceId: p.ecommerceId })
    carts.push(cart.id)
  }
  return carts
}

/**
 * Runs bench/sweeps.ts in a `medusa exec` process beside the running server: once it is warm
 * (READY), `n` shoppers approve and close the tab, the marker file tells it to time its runs, and
 * the closed tabs are checked for their orders.
 */
export async function benchSweeps(ctx: ScaleCtx, n = 5, runs = 5) {
  const marker = path.join(os.tmpdir(), `athm-bench-sweeps-${process.pid}-${Date.now()}`)
  let carts: string[] = []
  let ready: () => void = () => undefined
  const isReady = new Promise<void>((r) => (ready = r))
  const exec = medusaCli(["exec", "./bench/sweeps.ts", String(runs), marker], ctx.env, {
    timeoutMs: 600_000,
    onLine: (l) => l.startsWith("READY") && ready(),
  })
  await Promise.race([isReady, exec])
  carts = await paidAndClosed(ctx, n)
  const athBefore = ctx.sandbox.callCount()
  fs.writeFileSync(marker, "go")
  const r = await exec
  fs.rmSync(marker, { force: true })
  const line = r.output.find((l) => l.startsWith("RESULT "))
  if (r.code !== 0 || !line) throw new Error(`sweeps failed:\n${r.output.slice(-30).join("\n")}`)
  const result = JSON.parse(line.slice(7))
  const [{ ordered }] = await ctx.db.query<{ ordered: number }>(
    `SELECT count(*)::int AS ordered FROM cart WHERE id = ANY($1) AND completed_at IS NOT NULL`,
    [carts]
  )
  const later = (values: number[]) => [...values.slice(1)].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]
  return {
    warmup: result.warmup,
    payment_sessions: result.payment_sessions,
    webhook_events: result.webhook_events,
    closed_tab: {
      shoppers: carts.length,
      ordered,
      first_run_ms: result.recover[0].ms,
      first_run_counts: result.recover[0].counts,
      later_runs_median_ms: later(result.recover.map((x: { ms: number }) => x.ms)),
      runs: result.recover.map((x: { ms: number }) => x.ms),
    },
    webhook_retry: {
      first_run_ms: result.retry[0].ms,
      retried_first_run: result.retry[0].retried,
      fresh_failures_done: result.fresh_failures_done,
      later_runs_median_ms: later(result.retry.map((x: { ms: number }) => x.ms)),
      runs: result.retry.map((x: { ms: number }) => x.ms),
    },
    ath_calls: ctx.sandbox.callCount() - athBefore,
  }
}
