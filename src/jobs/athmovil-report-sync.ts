import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { listAthMovilAccounts, type AthMovilContext } from "../providers/athmovil/container"
import { REPORT_JOB } from "../modules/athmovil/utils/account-activity-sql"
import { trackJobRun, type JobRunDetail } from "../workflows/go-live/job-runs"
import { parseReconcileRange, previousPuertoRicoDay, runReportReconciliation } from "../workflows/reconcile-report"

/**
 * Nightly, per ATH Móvil account: yesterday (a Puerto Rico calendar day) from that account's
 * transaction report into the ledger, and a warning listing whatever differs from Medusa.
 * Re-running writes nothing new, so several instances running it, or a manual run of the same
 * day, are harmless. One account failing does not keep the others from their run.
 */
export default async function athMovilReportSync(container: MedusaContainer) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const day = previousPuertoRicoDay()
  const failures: string[] = []
  for (const account of listAthMovilAccounts(container)) {
    // Each account's run is recorded for its go-live check; one account failing does not keep the next from its run.
    await trackJobRun(container, config.name, () => syncDay(container, logger, account, day), [account.providerId]).catch((e) =>
      failures.push(`${account.providerId}: ${e instanceof Error ? e.message : String(e)}`)
    )
  }
  // Medusa's job runner reports the job as failed, with every account's reason.
  if (failures.length) throw new Error(`ATH Móvil report sync ${day} failed for ${failures.join("; ")}`)
}

async function syncDay(container: MedusaContainer, logger: Logger, { options, providerId }: AthMovilContext, day: string): Promise<JobRunDetail> {
  if (!options.privateToken) {
    logger.info(`ATH Móvil report sync skipped for ${providerId}: the transaction report needs the privateToken provider option`)
    return { skipped: "the transaction report needs the privateToken provider option" }
  }
  const result = await runReportReconciliation(container, { ...parseReconcileRange({ from: day, to: day }), provider_id: providerId })
  const summary =
    `ATH Móvil report sync ${day}: ${result.report.payments} payments, ${result.report.refunds} refunds at ${providerId}; ` +
    `ledger +${result.ledger.inserted}/~${result.ledger.updated}; refunds recorded ${result.refunds.recorded}`
  if (!result.differences.length) {
    logger.info(`${summary}; no differences`)
    return { summary: `${day}: ${result.report.payments} payments, ${result.report.refunds} refunds, no differences` }
  }
  logger.warn(
    `${summary}; ${result.differences.length} difference(s) to review in the admin (ATH Móvil → Reconciliation): ` +
      result.differences.map((d) => `${d.kind} ${d.reference_number ?? d.payment_id ?? ""}`.trim()).join(", ")
  )
  return { summary: `${day}: ${result.report.payments} payments, ${result.report.refunds} refunds, ${result.differences.length} difference(s) to review` }
}

export const config = {
  name: REPORT_JOB,
  // 05:30 UTC = 01:30 in Puerto Rico (UTC-4, no daylight saving): the previous day is closed at ATH.
  schedule: "30 5 * * *",
}
