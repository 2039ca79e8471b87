import { z } from "zod"
import { MedusaError } from "@medusajs/framework/utils"
import { ATH_PRODUCTION_API_BASE_URL } from "../../lib/athmovil/client"
import { ATH_LIMITS } from "../../lib/athmovil/limits"
import { describeZodIssues } from "../../lib/athmovil/zod-issues"

/**
 * Options of the ATH Móvil payment provider, given in `medusa-config.ts` under
 * the payment module's `providers` entry
 * (`{ resolve: "medusa-payment-athmovil/providers/athmovil", id: "athmovil", options }`).
 */
export interface AthMovilOptions {
  /** Public token of the ATH Business account (ATH Business app → Settings → Development). Required. */
  publicToken: string
  /**
   * Private token of the same account. Needed for refunds, webhook subscription and the
   * transaction report; checkout works without it. Never logged or returned by any route.
   */
  privateToken?: string
  /** Seconds the shopper has to approve the payment in the ATH Móvil app: 120–600, default 600. */
  paymentTimeoutSeconds?: number
  /** Timeout of one HTTP request to ATH Móvil, in milliseconds: 1000–120000, default 15000. */
  requestTimeoutMs?: number
  /** Payments API base URL. Default: ATH Móvil production. Point it at `athmovil-sandbox` to test. */
  apiBaseUrl?: string
  /** Base URL of the www.athmovil.com services (webhook subscription, report, search). Default: production. */
  reportBaseUrl?: string
  /**
   * Secret part of the webhook listener URL (`/hooks/athmovil/<webhookSecret>`). ATH Móvil signs
   * nothing, so an unguessable URL is the first line of defence (every event is verified with
   * ATH before it changes anything). At least 24 characters; without it the listener is off.
   */
  webhookSecret?: string
  /** Public URL of this Medusa backend as ATH Móvil reaches it (HTTPS in production), used to build the webhook listener URL. */
  publicBaseUrl?: string
  /**
   * Key that encrypts the per-payment ATH auth token stored in the payment session
   * (session data is visible to the storefront). At least 32 characters. Derived from
   * `privateToken` when absent; one of the two is required. Must be the same on every instance.
   */
  encryptionKey?: string
  /**
   * Days a processed webhook event keeps its raw body before the daily retention job clears it
   * (old repeat rows are deleted then too): 1–3650, default 90. The event row, its outcome and
   * the normalised payload stay for the audit.
   */
  webhookRetentionDays?: number
}

const TIMEOUT_RULE = `paymentTimeoutSeconds must be between ${ATH_LIMITS.minTimeoutSeconds} and ${ATH_LIMITS.maxTimeoutSeconds} (ATH Móvil's limits)`

const url = (field: string) =>
  z.url({ message: `${field} must be an absolute http(s) URL` }).refine((v) => /^https?:\/\//.test(v), {
    message: `${field} must start with http:// or https://`,
  })

export const AthMovilOptionsSchema = z
  .object({
    publicToken: z
      .string({ message: "publicToken is required (the ATH Business public token)" })
      .trim()
      .min(1, "publicToken is required (the ATH Business public token)"),
    privateToken: z.string().trim().min(1, "privateToken must not be empty when given").optional(),
    paymentTimeoutSeconds: z
      .number({ message: "paymentTimeoutSeconds must be a number of seconds" })
      .int("paymentTimeoutSeconds must be a whole number of seconds")
      .min(ATH_LIMITS.minTimeoutSeconds, TIMEOUT_RULE)
      .max(ATH_LIMITS.maxTimeoutSeconds, TIMEOUT_RULE)
      .default(ATH_LIMITS.defaultTimeoutSeconds),
    requestTimeoutMs: z
      .number({ message: "requestTimeoutMs must be a number of milliseconds" })
      .int("requestTimeoutMs must be a whole number of milliseconds")
      .min(1000, "requestTimeoutMs must be between 1000 and 120000")
      .max(120000, "requestTimeoutMs must be between 1000 and 120000")
      .default(15000),
    apiBaseUrl: url("apiBaseUrl").optional(),
    reportBaseUrl: url("reportBaseUrl").optional(),
    webhookSecret: z
      .string()
      .min(24, "webhookSecret must be at least 24 characters (it is the only thing that protects the listener URL)")
      .regex(/^[A-Za-z0-9_-]+$/, "webhookSecret may only contain letters, digits, '-' and '_' (it is part of a URL)")
      .optional(),
    publicBaseUrl: url("publicBaseUrl").optional(),
    encryptionKey: z.string().min(32, "encryptionKey must be at least 32 characters").optional(),
    webhookRetentionDays: z
      .number({ message: "webhookRetentionDays must be a number of days" })
      .int("webhookRetentionDays must be a whole number of days")
      .min(1, "webhookRetentionDays must be between 1 and 3650")
      .max(3650, "webhookRetentionDays must be between 1 and 3650")
      .default(90),
  })
  .refine((o) => !!(o.encryptionKey || o.privateToken), {
    message: "set encryptionKey (32+ characters) or privateToken: one of them is needed to encrypt ATH auth tokens",
    path: ["encryptionKey"],
  })

export type ResolvedAthMovilOptions = z.output<typeof AthMovilOptionsSchema>

/** Parses provider options, dropping undefined values (env-driven configs pass them). */
export function parseAthMovilOptions(raw: unknown): ResolvedAthMovilOptions {
  const input = Object.fromEntries(
    Object.entries((raw ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== "")
  )
  const parsed = AthMovilOptionsSchema.safeParse(input)
  if (!parsed.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid ATH Móvil provider options: ${describeZodIssues(parsed.error.issues, "")}`
    )
  }
  return parsed.data
}

type ProviderEntry = { resolve?: unknown; id?: string; options?: Record<string, unknown> }

/** One ATH Business account as the store registers it: a provider entry of the payment module. */
export interface AthMovilProviderEntry {
  /** The entry's `id` in medusa-config.ts (`athmovil`, `brand-b`…). */
  id: string
  /** Medusa's provider id for it, `pp_athmovil_<id>`: stored on sessions, payments and ledger rows. */
  providerId: string
  options: ResolvedAthMovilOptions
}

/** Medusa's provider id for an ATH Móvil entry (its payment loader's `pp_<identifier>_<id>`). */
export const athMovilProviderId = (id: string) => `pp_athmovil_${id}`

/** Options two accounts may never share: each account is told apart by them. */
const DISTINCT_OPTIONS = [
  // The listener finds the account by the secret in its URL.
  ["webhookSecret", "each account needs its own listener URL"],
  // The provider finds its own entry by it, and one ATH Business account is one store account.
  ["publicToken", "one ATH Business account can be registered once"],
] as const

/**
 * Every ATH Móvil account the store registered, in config order (the first is the admin's
 * default). The provider options are the one source of truth; routes, jobs and workflows read them
 * from the payment module's config instead of asking the merchant to repeat them. Refuses a config
 * where two entries share an id, a webhook secret or a public token, naming both entries (never the value).
 */
export function findAthMovilProviderEntries(configModule: { modules?: Record<string, unknown> | unknown[] }): AthMovilProviderEntry[] {
  const modules = configModule?.modules ?? {}
  const list = Array.isArray(modules) ? modules : Object.values(modules)
  const entries: AthMovilProviderEntry[] = []
  for (const mod of list as Array<{ resolve?: unknown; options?: { providers?: ProviderEntry[] } }>) {
    for (const provider of mod?.options?.providers ?? []) {
      const resolve = typeof provider.resolve === "string" ? provider.resolve : ""
      if (/athmovil/.test(resolve) && /providers[\\/]athmovil/.test(resolve)) {
        const id = provider.id ?? "athmovil"
        entries.push({ id, providerId: athMovilProviderId(id), options: parseAthMovilOptions(provider.options) })
      }
    }
  }
  for (const [i, entry] of entries.entries()) {
    for (const other of entries.slice(0, i)) {
      if (other.id === entry.id) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ATH Móvil providers: two entries have the id "${entry.id}"; give each account its own id.`)
      }
      for (const [option, why] of DISTINCT_OPTIONS) {
        if (entry.options[option] && entry.options[option] === other.options[option]) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `Invalid ATH Móvil providers: "${other.id}" and "${entry.id}" have the same ${option}; ${why}.`
          )
        }
      }
    }
  }
  return entries
}

/**
 * A registered provider's own id (`pp_athmovil_<id>`). Medusa does not hand a provider its id, so
 * it is the config entry with the same public token (two accounts never share one).
 */
export function providerIdForToken(configModule: unknown, publicToken: string): string {
  const entries = configModule ? findAthMovilProviderEntries(configModule as Parameters<typeof findAthMovilProviderEntries>[0]) : []
  const entry = entries.find((e) => e.options.publicToken === publicToken)
  if (!entry) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "This ATH Móvil provider is not among the payment module's providers in the config.")
  return entry.providerId
}

/**
 * Whether an account talks to ATH Móvil's production payments API (no apiBaseUrl, or ATH's own):
 * the one rule the settings view and the go-live check share.
 */
export function usesAthProductionApi(options: Pick<ResolvedAthMovilOptions, "apiBaseUrl">): boolean {
  if (!options.apiBaseUrl) return true
  try {
    const u = new URL(options.apiBaseUrl)
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}` === ATH_PRODUCTION_API_BASE_URL
  } catch {
    return false
  }
}
