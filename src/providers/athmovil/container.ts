import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { AthMovilClient } from "../../lib/athmovil"
import { accountProblemReporter } from "./account-problems"
import { createAthMovilClient } from "./client-factory"
import { findAthMovilProviderEntry, type ResolvedAthMovilOptions } from "./options"

export interface AthMovilContext {
  client: AthMovilClient
  options: ResolvedAthMovilOptions
  /** Medusa provider id, e.g. `pp_athmovil_athmovil`. */
  providerId: string
}

type Resolver = { resolve<T = unknown>(key: string): T }

// One client per loaded config: routes, jobs and workflows share its connection pool.
const cache = new WeakMap<object, AthMovilContext>()

/** Routes, jobs and workflows reach ATH with the provider's own options (the one source of truth). */
export function resolveAthMovil(container: Resolver): AthMovilContext {
  const configModule = container.resolve<{ modules?: Record<string, unknown> }>(ContainerRegistrationKeys.CONFIG_MODULE)
  const cached = cache.get(configModule)
  if (cached) return cached
  const entry = findAthMovilProviderEntry(configModule)
  if (!entry) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      'ATH Móvil is not configured: add { resolve: "medusa-payment-athmovil/providers/athmovil", id: "athmovil", options } to the payment module providers in medusa-config.ts.'
    )
  }
  const context = {
    client: createAthMovilClient(entry.options, {
      onRequest: accountProblemReporter(() => container.resolve(ContainerRegistrationKeys.PG_CONNECTION)),
    }),
    options: entry.options,
    providerId: `pp_athmovil_${entry.id}`,
  }
  cache.set(configModule, context)
  return context
}
