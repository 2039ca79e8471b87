import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../modules/athmovil"
import type AthMovilModuleService from "../modules/athmovil/service"
import { listAthMovilAccounts } from "../providers/athmovil/container"

/**
 * Keeps the webhook table bounded over a busy year: once a processed event is older than its
 * account's `webhookRetentionDays` provider option (default 90) its raw body is cleared, and
 * repeats stored as their own rows (before the repeat counter) are deleted. Outcomes and payloads stay.
 */
export default async function athMovilWebhookRetention(container: MedusaContainer) {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const total = { bodiesCleared: 0, repeatsDeleted: 0 }
  for (const { options, providerId } of listAthMovilAccounts(container)) {
    const result = await athmovil.purgeWebhookEvents({ olderThanDays: options.webhookRetentionDays, providerId })
    total.bodiesCleared += result.bodiesCleared
    total.repeatsDeleted += result.repeatsDeleted
    if (result.bodiesCleared || result.repeatsDeleted) {
      container
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .info(
          `ATH Móvil webhook retention ${providerId} (${options.webhookRetentionDays} days): ${result.bodiesCleared} raw bodies cleared, ${result.repeatsDeleted} old repeat rows deleted`
        )
    }
  }
  return total
}

export const config = {
  name: "athmovil-webhook-retention",
  // Daily, at a quiet hour for Puerto Rico (08:17 UTC = 04:17 AST).
  schedule: "17 8 * * *",
}
