import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { listAthMovilAccounts } from "../providers/athmovil/container"
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
  for (const { options, providerId } of listAthMovilAccounts(container)) {
    if (!options.privateToken) {
      logger.info(`ATH Móvil report sync skipped for ${providerId}: the transaction report needs the privateToken provider option`)
      continue
    }
    try {
      const result = await runReportReconciliation(container, { ...parseReconcileRange({ from: day, to: day }), provider_id: providerId })
      const summary =
        `ATH Móvil report sync ${day}: ${result.report.payments} payments, ${result.report.refunds} refunds at ${providerId}; ` +
        `ledger +${result.ledger.inserted}/~${result.ledger.updated}; refunds recorded ${result.refunds.recorded}`
      if (!result.differences.length) {
        logger.info(`${summary}; no differences`)
        continue
      }
      logger.warn(
        `${summary}; ${result.differences.length} difference(s) to review in the admin (ATH Móvil → Reconciliation): ` +
          result.differences.map((d) => `${d.kind} ${d.reference_number ?? d.payment_id ?? ""}`.trim()).join(", ")
      )
    } catch (e) {
      logger.error(`ATH Móvil report sync ${providerId} ${day} failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
}

export const config = {
  name: "athmovil-report-sync",
  // 05:30 UTC = 01:30 in Puerto Rico (UTC-4, no daylight saving): the previous day is closed at ATH.
  schedule: "30 5 * * *",
}
