import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resolveAthMovil } from "../providers/athmovil/container"
import { REPORT_JOB } from "../modules/athmovil/utils/account-activity-sql"
import { trackJobRun, type JobRunDetail } from "../workflows/go-live/job-runs"
import { parseReconcileRange, previousPuertoRicoDay, runReportReconciliation } from "../workflows/reconcile-report"

/**
 * Nightly: yesterday (a Puerto Rico calendar day) from ATH's transaction report into the ledger,
 * and a warning listing whatever differs from Medusa. Re-running writes nothing new, so several
 * instances running it, or a manual run of the same day, are harmless.
 */
export default async function athMovilReportSync(container: MedusaContainer) {
  await trackJobRun(container, config.name, () => syncYesterday(container))
}

async function syncYesterday(container: MedusaContainer): Promise<JobRunDetail> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const { options } = resolveAthMovil(container)
  if (!options.privateToken) {
    logger.info("ATH Móvil report sync skipped: the transaction report needs the privateToken provider option")
    return { skipped: "the transaction report needs the privateToken provider option" }
  }
  const day = previousPuertoRicoDay()
  const result = await runReportReconciliation(container, parseReconcileRange({ from: day, to: day }))
  const summary =
    `ATH Móvil report sync ${day}: ${result.report.payments} payments, ${result.report.refunds} refunds; ` +
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
