import type { MedusaContainer } from "@medusajs/framework/types"
import { recoverAthMovilSessions } from "../workflows/recover-sessions"
import { publishAthMovilEvents } from "../workflows/events/publish"
import { RECOVERY_JOB } from "../modules/athmovil/utils/account-activity-sql"
import { trackJobRun } from "../workflows/go-live/job-runs"

/**
 * Closed-tab recovery: a shopper who approved in ATH Móvil always gets an order, and a
 * cancelled or expired ticket stops the storefront waiting. Safe on several instances at once.
 */
export default async function athMovilRecoverSessions(container: MedusaContainer) {
  await trackJobRun(container, config.name, async () => {
    await recoverAthMovilSessions(container)
    await publishAthMovilEvents(container)
  })
}

export const config = {
  name: RECOVERY_JOB,
  schedule: "* * * * *",
}
