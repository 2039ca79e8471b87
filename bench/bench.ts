/**
 * The benchmark behind `npm run bench` (see run.js). Everything runs against one real
 * `medusa start` process of the repository's own app (root medusa-config.ts), a fresh PostgreSQL
 * database made for this run, and the ATH sandbox in this process (zero added latency unless a
 * figure says otherwise). Each figure is measured next to a reference in the same run.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { startSandbox } from "../src/sandbox"
import { cleanupAll } from "../integration-tests/helpers/cleanup"
import { medusaEnv } from "../integration-tests/helpers/medusa-env"
import { medusaCli, startMedusa, type MedusaProcess } from "../integration-tests/helpers/medusa-process"
import { createDatabase, type TestDatabase } from "../integration-tests/helpers/postgres"
import { ATH_PROVIDER_ID, type SeededStore } from "../integration-tests/helpers/store"
import { markdown } from "./report"
import { benchExport, benchSweeps, seedAndTimeAdmin, type ScaleCtx } from "./scale"
import { BIG, SMALL, scaledSize } from "./seed"
import { benchApproval, benchCheckout, benchPeak } from "./checkout"
import { type Ctx, SYSTEM_PROVIDER, WEBHOOK_SECRET, log } from "./context"
import { benchMemory } from "./memory"
import { benchReconcile } from "./reconcile-bench"
import { benchWebhooks, benchWebhooksOpenLoop } from "./webhooks"

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
