import { randomBytes } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import { RECOVERY_JOB, REPORT_JOB, jobActivity } from "../../../../modules/athmovil/utils/account-activity-sql"
import type { AccountActivityDTO } from "../../../../modules/athmovil/types"
import type { AthMovilContext } from "../../../../providers/athmovil/container"
import { usesAthProductionApi } from "../../../../providers/athmovil/options"
import { probeProof } from "../../../hooks/athmovil/probe"
import { buildListenerUrl } from "../listener-url"
import { maskListenerUrl } from "../query"
import { checkTokens } from "../settings/token-check"
import {
  clockCheck,
  green,
  recoveryJobCheck,
  red,
  reportJobCheck,
  simulatedEventCheck,
  subscriptionCheck,
  tokenCheck,
  type FixId,
  type GoLiveCheck,
  type JobRunRecord,
} from "./rules"
import { listenerFingerprint, subscriptionFrom } from "./subscription"
import type { GoLiveReport as GoLiveReportView } from "../../../../modules/athmovil/admin-views"

export type GoLiveReport = GoLiveReportView<FixId>

/** The probe gives up quickly: ATH itself waits only seconds for a listener. */
const PROBE_TIMEOUT_MS = 5_000

type Scope = Pick<MedusaContainer, "resolve">

function isLive(options: AthMovilContext["options"]): boolean {
  return process.env.NODE_ENV === "production" || usesAthProductionApi(options)
}

/** The listener URL ATH should post to today, or the red check saying why there is none. */
function listenerUrlOf(options: AthMovilContext["options"], live: boolean): { url: string } | { check: GoLiveCheck } {
  if (!options.webhookSecret) return { check: red("listener_url", "webhook_secret_missing", "The webhookSecret option is not set: the listener is off.") }
  if (!options.publicBaseUrl) return { check: red("listener_url", "public_base_url_missing", "The publicBaseUrl option is not set.") }
  let url: string
  try {
    url = buildListenerUrl({
      publicBaseUrl: options.publicBaseUrl,
      webhookSecret: options.webhookSecret,
      // Unused: publicBaseUrl is set, and the check never trusts a request's Host.
      requestOrigin: { protocol: "https", host: undefined },
    })
  } catch (e) {
    return { check: red("listener_url", "public_base_url_not_https", e instanceof Error ? e.message : String(e)) }
  }
  if (live && !url.startsWith("https://")) {
    return { check: red("listener_url", "public_base_url_not_https", "publicBaseUrl is plain http: ATH Móvil's production posts only to https listeners.") }
  }
  return { url }
}

/** Asks the listener at the URL ATH would use to prove it is this store (see hooks/athmovil/probe.ts). */
async function probeListener(listenerUrl: string, webhookSecret: string, shownUrl: string): Promise<GoLiveCheck> {
  const nonce = randomBytes(16).toString("hex")
  let answer: unknown
  try {
    // No redirects: the URL carries the secret, and ATH does not follow them either.
    const res = await fetch(`${listenerUrl}?probe=${nonce}`, { redirect: "manual", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    if (res.status !== 200) return red("listener_url", "listener_wrong_answer", `${shownUrl} answered the probe with HTTP ${res.status}.`)
    answer = await res.json().catch(() => null)
  } catch (e) {
    const why = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : "the connection failed"
    return red("listener_url", "listener_unreachable", `${shownUrl} did not answer the probe (${why}).`)
  }
  if ((answer as { probe?: unknown } | null)?.probe !== probeProof(webhookSecret, nonce)) {
    return red("listener_url", "listener_wrong_answer", `${shownUrl} answered, but not with this store's proof.`)
  }
  return green("listener_url", `${shownUrl} reached this store's listener.`)
}

function jobRunFrom(rows: AccountActivityDTO[], job: string): JobRunRecord | null {
  const row = rows.find((r) => r.name === jobActivity(job))
  return row ? { at: new Date(row.at), ok: row.ok, age_seconds: Number(row.age_seconds), detail: row.detail } : null
}

/**
 * The go-live check of one ATH Móvil account: each check green or red with its fix. Changes
 * nothing at ATH or in Medusa (the token and clock reads ask for tickets that cannot exist; the
 * probe stores nothing). Used by `GET /admin/athmovil/go-live` and `src/scripts/athmovil-go-live.ts`.
 */
export async function runGoLiveCheck(scope: Scope, { client, options, providerId }: AthMovilContext): Promise<GoLiveReport> {
  const athmovil = scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const live = isLive(options)
  const listener = listenerUrlOf(options, live)
  const shownUrl = "url" in listener ? maskListenerUrl(listener.url, options.webhookSecret!) : ""
  const [tokens, clock, listenerCheck, activity, simulatedAt] = await Promise.all([
    checkTokens(client, !!options.privateToken),
    client.readServerClock().then(
      (c) => c,
      (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })
    ),
    "url" in listener ? probeListener(listener.url, options.webhookSecret!, shownUrl) : listener.check,
    athmovil.listAccountActivity(providerId),
    athmovil.latestSimulatedWebhookAt(providerId),
  ])
  const subscription = subscriptionFrom(activity)
  const checks = [
    tokenCheck("public_token", tokens.public_token, tokens.message),
    tokenCheck("private_token", tokens.private_token, tokens.message),
    listenerCheck,
    subscriptionCheck(subscription, "url" in listener ? listenerFingerprint(listener.url) : null),
    simulatedEventCheck(simulatedAt, subscription?.at ?? null),
    recoveryJobCheck(jobRunFrom(activity, RECOVERY_JOB)),
    reportJobCheck(jobRunFrom(activity, REPORT_JOB)),
    clockCheck(clock),
  ]
  return { provider_id: providerId, live, ok: checks.every((c) => c.ok), checked_at: new Date().toISOString(), checks }
}
