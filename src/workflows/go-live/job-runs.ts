import type { MedusaContainer } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import { jobActivity } from "../../modules/athmovil/utils/account-activity-sql"
import { listAthMovilAccounts } from "../../providers/athmovil/container"

/** What a job may say about its run: a one-line summary, or why it did nothing. */
export type JobRunDetail = { summary?: string; skipped?: string } | void

const MAX_ERROR_LENGTH = 300

/**
 * Runs a scheduled job and records its run (time, outcome) for the go-live check of each account
 * it served (by default every account: the closed-tab sweep serves them all); the job's own error
 * is rethrown unchanged (Medusa's job runner logs it).
 */
export async function trackJobRun(
  container: MedusaContainer,
  job: string,
  run: () => Promise<JobRunDetail>,
  providerIds: string[] = listAthMovilAccounts(container).map((a) => a.providerId)
): Promise<void> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const record = async (ok: boolean, detail: Record<string, unknown>) => {
    for (const providerId of providerIds) await athmovil.recordAccountActivity({ provider_id: providerId, name: jobActivity(job), ok, detail })
  }
  let detail: JobRunDetail
  try {
    detail = await run()
  } catch (e) {
    // ATH errors are already free of tokens (lib/athmovil/redact.ts); long ones are cut for the admin.
    await record(false, { error: (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR_LENGTH) })
    throw e
  }
  await record(true, detail ?? {})
}
