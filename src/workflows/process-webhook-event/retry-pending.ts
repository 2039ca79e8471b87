import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import { MAX_WEBHOOK_ATTEMPTS } from "../../modules/athmovil/utils/webhook-event-sql"
import { processAthMovilWebhookWorkflow } from "./index"
import type { AthMovilContainer as Container } from "../../providers/athmovil/container"


export { MAX_WEBHOOK_ATTEMPTS }

/** Events one run of the retry job takes at most; the rest wait for the next minute. */
const WEBHOOK_RETRY_BATCH = 100

/**
 * Events whose processing failed (ATH unreachable, a lock held too long, a crash) or that the
 * in-process queue could not take (a burst) wait as pending; this applies the oldest of them once
 * they are a minute old. Events out of attempts are `failed` and never in this query, so however
 * many an outage leaves behind, newer events are still retried.
 */
export async function retryPendingWebhookEvents(container: Container, { minAgeSeconds = 60 } = {}): Promise<number> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const { ids, newlyFailed } = await athmovil.listRetryableWebhookEvents({ minAgeSeconds, limit: WEBHOOK_RETRY_BATCH })
  if (newlyFailed > 0) {
    logger.warn(
      `${newlyFailed} ATH Móvil webhook event(s) failed ${MAX_WEBHOOK_ATTEMPTS} times and now wait for a replay (admin → ATH Móvil → Webhooks, outcome "failed").`
    )
  }
  let retried = 0
  for (const id of ids) {
    try {
      await processAthMovilWebhookWorkflow(container as never).run({ input: { id } })
      retried++
    } catch (e) {
      logger.warn(`ATH Móvil webhook event ${id} retry failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return retried
}
