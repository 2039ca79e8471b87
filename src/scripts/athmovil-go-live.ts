import type { ExecArgs } from "@medusajs/framework/types"
import { runGoLiveCheck, type GoLiveReport } from "../api/admin/athmovil/go-live/check"
import { listAthMovilAccounts } from "../providers/athmovil/container"

/*
 * npx medusa exec ./node_modules/medusa-payment-athmovil/.medusa/server/src/scripts/athmovil-go-live.js
 *
 * The admin's go-live check on the command line: one line per check, ✓ or ✗ with its fix, and
 * exit code 1 when any check is red (for a deploy pipeline). Changes nothing. Output goes to
 * stdout directly: it is a CLI.
 */

export function renderGoLive(report: GoLiveReport): string {
  const lines = [`ATH Móvil go-live check: ${report.provider_id} (${report.live ? "production" : "sandbox / dev"}), ${report.checked_at}`]
  for (const c of report.checks) {
    const when = c.at ? ` [${c.at}]` : ""
    lines.push(c.ok ? `✓ ${c.label}: ${c.detail}${when}` : `✗ ${c.label}: ${c.detail}${when} Fix: ${c.fix}`)
  }
  const red = report.checks.filter((c) => !c.ok).length
  lines.push(red ? `${red} of ${report.checks.length} checks red: not ready to go live.` : `All ${report.checks.length} checks green: ready to go live.`)
  return lines.join("\n") + "\n"
}

/** Every ATH Business account of the store, one report each; red when any account has a red check. */
export default async function athmovilGoLive({ container }: ExecArgs) {
  for (const account of listAthMovilAccounts(container)) {
    const report = await runGoLiveCheck(container, account)
    process.stdout.write(renderGoLive(report))
    if (!report.ok) process.exitCode = 1
  }
}
