import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { listAthMovilAccounts, resolveAthMovil, type AthMovilContext, type AthMovilContainer } from "../../../providers/athmovil/container"

/** The `provider_id` every /admin/athmovil route takes: which ATH Business account it is about. */
export const AccountField = { provider_id: z.string({ message: "provider_id must be a provider id" }).trim().max(200, "provider_id is too long").optional() }

/**
 * The account an admin request names (`provider_id`), or the store's first account when it names
 * none. Anything that is not one of the store's ATH Móvil accounts is a 400 naming the field.
 */
export function adminAccount(container: AthMovilContainer, providerId: string | undefined): AthMovilContext {
  if (providerId === undefined || providerId === "") return resolveAthMovil(container)
  const accounts = listAthMovilAccounts(container)
  const account = accounts.find((a) => a.providerId === providerId)
  if (!account) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `provider_id must be one of this store's ATH Móvil accounts (${accounts.map((a) => a.providerId).join(", ")}); got ${JSON.stringify(providerId.slice(0, 60))}.`
    )
  }
  return account
}

/**
 * The refunds one account's list shows. Refunds no ledger row ties to any account (imported, or
 * from before accounts existed) are listed with the first account's, so none drops out of sight.
 */
export function refundsAccountFilter(container: AthMovilContainer, providerId: string | undefined) {
  const account = adminAccount(container, providerId)
  return { provider_id: account.providerId, with_unclaimed: account === resolveAthMovil(container) }
}
