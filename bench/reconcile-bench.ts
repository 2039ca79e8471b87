/** Reconciliation figures: 10k and 50k report payments, uncapped and with a small container's heap. */
import { medusaCli } from "../integration-tests/helpers/medusa-process"
import { type Ctx, log } from "./context"

/** A 512 MB container's usual Node heap setting. */
export const SMALL_CONTAINER_HEAP_MB = 320

export async function benchReconcile(ctx: Ctx, sizes = [10_000, 50_000]) {
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
