/**
 * `medusa exec ./bench/reconcile.ts <from> <to>`: inside a Medusa process, times
 *  1. one report reconciliation with the plugin's `runReportReconciliation` (fetch the ATH
 *     transaction report, parse, tie rows to Medusa sessions and upsert the ledger, match refunds,
 *     compare with Medusa), and
 *  2. the raw ledger path: `client.transactionReportRange` + parse + `upsertTransactions` of every
 *     payment row (keyed `bench:<reference>`, as if each row were tied to a Medusa payment),
 * sampling memory during each. Prints `RESULT <json>`. A third argument `workflow-only` skips 2
 * (the small-container run: 2 reads the whole range in one answer on purpose).
 */
import { performance } from "node:perf_hooks"
import { ATHMOVIL_MODULE } from "../src/modules/athmovil"
import type AthMovilModuleService from "../src/modules/athmovil/service"
import { resolveAthMovil } from "../src/providers/athmovil/container"
import { parseReconcileRange, runReportReconciliation } from "../src/workflows/reconcile-report"

async function measure<T>(fn: () => Promise<T>) {
  global.gc?.()
  const before = process.memoryUsage()
  let rssPeak = before.rss
  let heapPeak = before.heapUsed
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    rssPeak = Math.max(rssPeak, m.rss)
    heapPeak = Math.max(heapPeak, m.heapUsed)
  }, 25)
  const started = performance.now()
  try {
    const value = await fn()
    const m = process.memoryUsage()
    return {
      value,
      ms: performance.now() - started,
      rssBefore: before.rss,
      rssPeak: Math.max(rssPeak, m.rss),
      heapGrowthPeak: Math.max(heapPeak, m.heapUsed) - before.heapUsed,
    }
  } finally {
    clearInterval(sampler)
  }
}

export default async function reconcile({ container, args }: { container: any; args: string[] }) {
  const range = parseReconcileRange({ from: args[0], to: args[1] })
  const workflow = await measure(() => runReportReconciliation(container, range))
  const result = workflow.value
  const workflowFigures = {
    ms: workflow.ms,
    rssBefore: workflow.rssBefore,
    rssPeak: workflow.rssPeak,
    heapGrowthPeak: workflow.heapGrowthPeak,
    rows: result.report.rows,
    payments: result.report.payments,
    refunds: result.report.refunds,
    ledger: result.ledger,
    refundPhase: result.refunds,
    differences: result.differences.length,
  }
  if (args[2] === "workflow-only") {
    console.log(`RESULT ${JSON.stringify({ workflow: workflowFigures })}`)
    return
  }

  const { client } = resolveAthMovil(container)
  const athmovil = container.resolve(ATHMOVIL_MODULE) as AthMovilModuleService
  let fetchMs = 0
  let payments = 0
  const direct = await measure(async () => {
    const t = performance.now()
    const rows = await client.transactionReportRange({ from: new Date(range.fromMs), to: new Date(range.toMs) })
    fetchMs = performance.now() - t
    const ledgerRows = rows
      .filter((r) => r.transactionType.toUpperCase() !== "REFUND")
      .map((r) => ({
        ecommerce_id: `bench:${r.referenceNumber}`,
        status: "COMPLETED" as const,
        total: r.total,
        fee: r.fee,
        net_amount: r.netAmount,
        refunded_total: r.totalRefundedAmount,
        reference_number: r.referenceNumber,
        daily_transaction_id: r.dailyTransactionId,
        transaction_date: r.date,
        customer_name: r.name,
        customer_phone: r.phoneNumber,
        customer_email: r.email,
        metadata1: r.metadata1,
        metadata2: r.metadata2,
        last_synced_at: new Date(),
        last_synced_via: "report" as const,
      }))
    payments = ledgerRows.length
    return athmovil.upsertTransactions(ledgerRows)
  })

  console.log(
    `RESULT ${JSON.stringify({
      workflow: workflowFigures,
      direct: {
        ms: direct.ms,
        fetchMs,
        upsertMs: direct.ms - fetchMs,
        payments,
        written: direct.value,
        rssBefore: direct.rssBefore,
        rssPeak: direct.rssPeak,
        heapGrowthPeak: direct.heapGrowthPeak,
      },
    })}`
  )
}
