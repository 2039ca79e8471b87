import { createHash, timingSafeEqual } from "node:crypto"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { AthMovilClient } from "../../lib/athmovil"
import { accountProblemReporter } from "./account-problems"
import { createAthMovilClient } from "./client-factory"
import { findAthMovilProviderEntries, type ResolvedAthMovilOptions } from "./options"

/** One registered ATH Business account, with the client that talks to it. */
export interface AthMovilContext {
  client: AthMovilClient
  options: ResolvedAthMovilOptions
  /** Medusa provider id, e.g. `pp_athmovil_athmovil`. */
  providerId: string
}

/** What the plugin needs of a Medusa container (a route's scope, a job's or a workflow step's container): the one shape every file uses. */
export type AthMovilContainer = { resolve<T = unknown>(key: string): T }

// One client per account and loaded config: routes, jobs and workflows share its connection pool.
const cache = new WeakMap<object, AthMovilContext[]>()

/**
 * Every ATH Móvil account of the store, in config order (the first is the admin's default). Jobs
 * and reconciliation run once per account, each with its own client.
 */
export function listAthMovilAccounts(container: AthMovilContainer): AthMovilContext[] {
  const configModule = container.resolve<{ modules?: Record<string, unknown> }>(ContainerRegistrationKeys.CONFIG_MODULE)
  const cached = cache.get(configModule)
  if (cached) return cached
  const accounts = findAthMovilProviderEntries(configModule).map((entry) => ({
    client: createAthMovilClient(entry.options, {
      onRequest: accountProblemReporter(() => container.resolve(ContainerRegistrationKeys.PG_CONNECTION), () => entry.providerId),
    }),
    options: entry.options,
    providerId: entry.providerId,
  }))
  cache.set(configModule, accounts)
  return accounts
}

/**
 * The account a payment session, payment or ledger row belongs to: pass that row's own
 * `provider_id` (never one a storefront or a webhook body chose). Without one: the store's first
 * account, what single-account stores and the admin's default mean.
 */
export function resolveAthMovil(container: AthMovilContainer, providerId?: string | null): AthMovilContext {
  const accounts = listAthMovilAccounts(container)
  if (accounts.length === 0) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      'ATH Móvil is not configured: add { resolve: "medusa-payment-athmovil/providers/athmovil", id: "athmovil", options } to the payment module providers in medusa-config.ts.'
    )
  }
  if (providerId === undefined || providerId === null) return accounts[0]
  const account = accounts.find((a) => a.providerId === providerId)
  if (!account) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `${providerId} is not an ATH Móvil account of this store (registered: ${accounts.map((a) => a.providerId).join(", ")}).`
    )
  }
  return account
}

const sha256 = (value: string) => createHash("sha256").update(value).digest()

/**
 * The account whose listener URL carries this secret, or null. Every account's secret is compared
 * (hashed, in constant time), so the answer's timing says nothing about which one came close.
 */
export function accountByWebhookSecret(container: AthMovilContainer, given: string): AthMovilContext | null {
  const digest = sha256(given)
  let found: AthMovilContext | null = null
  for (const account of listAthMovilAccounts(container)) {
    const secret = account.options.webhookSecret
    if (secret && timingSafeEqual(sha256(secret), digest) && !found) found = account
  }
  return found
}
