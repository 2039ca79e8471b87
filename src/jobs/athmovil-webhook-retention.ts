import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../modules/athmovil"
import type AthMovilModuleService from "../modules/athmovil/service"
import { resolveAthMovil } from "../providers/athmovil/container"

/**
 * Keeps the webhook table bounded over a busy year: once a processed event is older than the
 * `webhookRetentionDays` provider option (default 90) its raw body is cleared, and repeats stored
 * as their own rows (before the repeat counter) are deleted. Outcomes and payloads stay.
 */
export default async function athMovilWebhookRetention(container: MedusaContainer) {
  const { options } = resolveAthMovil(container)
  const result = await container
    .resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    .purgeWebhookEvents({ olderThanDays: options.webhookRetentionDays })
  if (result.bodiesCleared || result.repeatsDeleted) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .info(
        `ATH Móvil webhook retention (${options.webhookRetentionDays} days): ${result.bodiesCleared} raw bodies cleared, ${result.repeatsDeleted} old repeat rows deleted`
      )
  }
  return result
}

export const config = {
  name: "athmovil-webhook-retention",
  // Daily, at a quiet hour for Puerto Rico (08:17 UTC = 04:17 AST).
  schedule: "17 8 * * *",
}
