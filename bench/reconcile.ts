/**
 * `medusa exec ./bench/reconcile.ts <from> <to>`: one report reconciliation (the plugin's
 * `runReportReconciliation`: fetch the ATH transaction report, parse, upsert the ledger, match
 * refunds, compare with Medusa) timed inside a Medusa process, with its memory sampled.
 */
import { performance } from "node:perf_hooks"
import { parseReconcileRange, runReportReconciliation } from "../src/workflows/reconcile-report"

export default async function reconcile({ container, args }: { container: any; args: string[] }) {
  const range = parseReconcileRange({ from: args[0], to: args[1] })
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  const heapBefore = process.memoryUsage().heapUsed
  let rssPeak = rssBefore
  let heapPeak = heapBefore
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    rssPeak = Math.max(rssPeak, m.rss)
    heapPeak = Math.max(heapPeak, m.heapUsed)
  }, 25)
  const started = performance.now()
  const result = await runReportReconciliation(container, range)
  const ms = performance.now() - started
  clearInterval(sampler)
  const m = process.memoryUsage()
  rssPeak = Math.max(rssPeak, m.rss)
  heapPeak = Math.max(heapPeak, m.heapUsed)
  console.log(
    `RESULT ${JSON.stringify({
      ms,
      rssBefore,
      rssPeak,
      heapBefore,
      heapPeak,
      rows: result.report.rows,
      payments: result.report.payments,
      refunds: result.report.refunds,
      ledger: result.ledger,
      refundPhase: result.refunds,
      differences: result.differences.length,
    })}`
  )
}
