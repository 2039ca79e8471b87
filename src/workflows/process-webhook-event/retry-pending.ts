import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import { processAthMovilWebhookWorkflow } from "./index"

type Container = { resolve<T = unknown>(key: string): T }

/** After this many failed attempts an event waits for a person (admin → Replay). */
export const MAX_WEBHOOK_ATTEMPTS = 5

/**
 * Events whose processing failed (ATH unreachable, a lock held too long, a crash) are released as
 * pending; this retries them once they are a minute old, with a bounded number of attempts.
 */
export async function retryPendingWebhookEvents(container: Container, { minAgeSeconds = 60 } = {}): Promise<number> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const pending = await athmovil.listAthWebhookEvents(
    { outcome: "pending", received_at: { $lte: new Date(Date.now() - minAgeSeconds * 1000) } } as never,
    { take: 100, order: { received_at: "ASC" }, select: ["id", "attempts"] }
  )
  let retried = 0
  for (const event of pending) {
    if (event.attempts >= MAX_WEBHOOK_ATTEMPTS) continue
    try {
      await processAthMovilWebhookWorkflow(container as never).run({ input: { id: event.id } })
      retried++
    } catch (e) {
      logger.warn(`ATH Móvil webhook event ${event.id} retry failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return retried
}
