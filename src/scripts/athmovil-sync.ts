import type { ExecArgs } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { AthMovilError } from "../lib/athmovil"
import { resolveAthMovil } from "../providers/athmovil/container"
import { buildError } from "../providers/athmovil/errors"
import {
  RECONCILE_PHASES,
  parseReconcileRange,
  previousPuertoRicoDay,
  runReportReconciliation,
  type ProgressListener,
  type ReconcilePhase,
  type ReconciliationResult,
} from "../workflows/reconcile-report"

/*
 * npx medusa exec ./src/scripts/athmovil-sync.ts -- --from 2026-01-01 --to 2026-01-31
 *
 * Reconciles ATH Móvil's transaction report with the ledger and Medusa for whole Puerto Rico
 * days (default: yesterday), with a progress bar and a summary. Safe to repeat: a second run
 * over the same days writes nothing new. Output goes to stdout/stderr directly: it is a CLI.
 */

const USAGE = "usage: npx medusa exec ./src/scripts/athmovil-sync.ts -- --from YYYY-MM-DD --to YYYY-MM-DD [--provider pp_athmovil_<id>]"

const PHASE_LABELS: Record<ReconcilePhase, string> = {
  report: "Reading ATH report",
  ledger: "Updating ledger",
  refunds: "Matching refunds",
  compare: "Comparing with Medusa",
}

/** Accepts `--from X`, `--from=X`, or two bare dates; yargs may hand over `--` itself too. */
export function parseSyncArgs(args: string[]): { from?: string; to?: string; provider?: string; unknown: string[] } {
  const out: { from?: string; to?: string; provider?: string; unknown: string[] } = { unknown: [] }
  const bare: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = String(args[i])
    if (arg === "--") continue
    const m = /^--(from|to|provider)(?:=(.*))?$/.exec(arg)
    if (m) {
      out[m[1] as "from" | "to" | "provider"] = m[2] ?? args[++i]
    } else if (arg.startsWith("--")) {
      out.unknown.push(arg)
    } else {
      bare.push(arg)
    }
  }
  out.from ??= bare[0]
  out.to ??= bare[1] ?? out.from
  return out
}

function bar(done: number, total: number, width = 28): string {
  const filled = Math.round((done / Math.max(total, 1)) * width)
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)))
  return rows.map((r) => r.map((cell, c) => (cell ?? "").padEnd(widths[c])).join("  ").trimEnd()).join("\n")
}

export function renderSummary(result: ReconciliationResult): string {
  const lines = [
    `ATH Móvil reconciliation ${result.range.from} → ${result.range.to} (${result.provider_id})`,
    "",
    table([
      ["", "count"],
      ["report windows", String(result.report.windows)],
      ["report rows", String(result.report.rows)],
      ["  payments", String(result.report.payments)],
      ["  refunds", String(result.report.refunds)],
      ["  other", String(result.report.other)],
      ["ledger matched", String(result.ledger.matched)],
      ["ledger inserted", String(result.ledger.inserted)],
      ["ledger updated", String(result.ledger.updated)],
      ["ledger unchanged", String(result.ledger.unchanged)],
      ["refunds known", String(result.refunds.known)],
      ["refunds confirmed", String(result.refunds.confirmed)],
      ["refunds recorded", String(result.refunds.recorded)],
      ["refunds unmatched", String(result.refunds.unmatched)],
      ["payments checked", String(result.checked_payments)],
      ["differences", String(result.differences.length)],
    ]),
  ]
  if (result.differences.length) {
    lines.push(
      "",
      table([
        ["kind", "reference", "ATH", "Medusa", "fix"],
        ...result.differences.map((d) => [
          d.kind,
          d.reference_number ?? d.payment_id ?? "",
          d.ath_amount ?? "",
          d.medusa_amount ?? "",
          d.fix ? d.fix.kind : "review",
        ]),
      ]),
      "",
      "Apply fixes from the admin (ATH Móvil → Reconciliation) or POST /admin/athmovil/reconciliation/fix."
    )
  }
  return lines.join("\n") + "\n"
}

/**
 * `medusa exec` hands over only bare positional words: yargs keeps `--from …` as its own options
 * and drops what follows `--`. The words after the script's path on the command line are the truth.
 */
export function scriptArgs(argv: string[], fallback: string[]): string[] {
  const at = argv.findIndex((a) => /athmovil-sync(\.[cm]?[jt]s)?$/.test(a))
  return at >= 0 ? argv.slice(at + 1) : fallback
}

export default async function athmovilSync({ container, args }: ExecArgs) {
  const parsed = parseSyncArgs(scriptArgs(process.argv, (args ?? []).map(String)))
  if (parsed.unknown.length) {
    process.stderr.write(`Unknown option(s): ${parsed.unknown.join(", ")}\n${USAGE}\n`)
    process.exitCode = 1
    return
  }
  let range
  try {
    const day = previousPuertoRicoDay()
    // One account per run: --provider names it (default: the store's first ATH Móvil account).
    range = { ...parseReconcileRange({ from: parsed.from ?? day, to: parsed.to ?? day }), provider_id: resolveAthMovil(container, parsed.provider).providerId }
  } catch (e) {
    if (!(e instanceof MedusaError)) throw e
    process.stderr.write(`Invalid options: ${e.message}\n${USAGE}\n`)
    process.exitCode = 1
    return
  }

  const tty = process.stdout.isTTY
  let last = ""
  const progress: { onProgress: ProgressListener } = {
    onProgress: ({ phase, done, total }) => {
      const index = RECONCILE_PHASES.indexOf(phase)
      const overall = (index + (total ? done / total : 0)) / RECONCILE_PHASES.length
      const detail = phase === "report" && total > 1 ? ` (window ${done}/${total})` : ""
      const line = `${bar(Math.round(overall * 100), 100)} ${String(Math.round(overall * 100)).padStart(3)}%  ${PHASE_LABELS[phase]}${detail}`
      if (line === last) return
      last = line
      process.stdout.write(tty ? `\r${line.padEnd(80)}` : `${line}\n`)
    },
  }
  let result: ReconciliationResult
  try {
    result = await runReportReconciliation(container, range, progress)
  } catch (e) {
    if (!(e instanceof AthMovilError)) throw e
    process.stderr.write(`\n${buildError("read the transaction report", e).message}\n`)
    process.exitCode = 1
    return
  }
  process.stdout.write(`${tty ? "\r" : ""}${bar(100, 100)} 100%  Done${" ".repeat(60)}\n\n`)
  process.stdout.write(renderSummary(result))
}
