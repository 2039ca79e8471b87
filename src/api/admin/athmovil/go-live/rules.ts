import type { GoLiveCheck as GoLiveCheckView, GoLiveCheckId, TokenState } from "../../../../modules/athmovil/admin-views"

/** One check, with this file's fix ids (the admin reads it as `GoLiveCheck` with any fix id). */
export type GoLiveCheck = GoLiveCheckView<FixId>
export type { GoLiveCheckId }

export const LABELS: Record<GoLiveCheckId, string> = {
  public_token: "Public token accepted by ATH Móvil",
  private_token: "Private token accepted by ATH Móvil",
  listener_url: "Webhook listener reachable at publicBaseUrl",
  webhooks_subscribed: "Webhooks subscribed to this listener",
  simulated_event: "Test event from the ATH Business app received",
  recovery_job: "Closed-tab recovery job ran in the last 5 minutes",
  report_job: "Nightly report sync ran",
  clock: "Server clock within 60 s of ATH Móvil's",
}

const SYNC_SCRIPT = "npx medusa exec ./node_modules/medusa-payment-athmovil/.medusa/server/src/scripts/athmovil-sync.js"

export const FIXES = {
  public_token_missing: "Set the publicToken provider option in medusa-config.ts (the ATH Business app shows it under Settings).",
  public_token_rejected: "ATH Móvil refused the public token: copy it again from the ATH Business app's Settings into the publicToken option and restart.",
  private_token_missing: "Set the privateToken provider option (ATH Business app → Settings): refunds, the report and webhooks need it.",
  private_token_rejected: "ATH Móvil refused the private token: copy it again from the ATH Business app's Settings into the privateToken option and restart.",
  ath_unreachable: "Let this server reach ATH Móvil over HTTPS (firewall, DNS, proxy; ATH may refuse traffic from outside Puerto Rico) and run the check again.",
  webhook_secret_missing: "Set the webhookSecret provider option to a long random string (e.g. `openssl rand -hex 32`) and restart.",
  public_base_url_missing: "Set the publicBaseUrl provider option to the https:// address ATH Móvil reaches this backend at.",
  public_base_url_not_https: "Serve this backend over https and set publicBaseUrl to that https:// address (plain http://localhost only works for sandbox and dev runs).",
  listener_unreachable: "Make publicBaseUrl reach this Medusa server (DNS, reverse proxy, firewall, TLS certificate) so the probe gets through, then run the check again.",
  listener_wrong_answer: "The server at publicBaseUrl is not this store (or has another webhookSecret): point publicBaseUrl at this backend.",
  webhooks_not_subscribed: "Subscribe the webhooks: ATH Móvil admin page → Settings → Subscribe webhooks.",
  webhooks_other_url: "Subscribe the webhooks again (Settings → Subscribe webhooks): ATH posts to another URL than the one publicBaseUrl and webhookSecret give now.",
  webhooks_events_off: "Subscribe the webhooks again with every eCommerce and refund event on (Settings → Subscribe webhooks).",
  simulated_send: "In the ATH Business app open Settings → Development → Webhooks and send a test event; it should show up here within seconds.",
  recovery_not_running: "Run at least one Medusa instance with scheduled jobs (workerMode \"shared\" or \"worker\"): athmovil-recover-sessions must run every minute.",
  recovery_failed: "The last recovery run failed (detail, server log): fix the cause; the job runs again every minute.",
  report_not_running: "Keep an instance with scheduled jobs (workerMode \"shared\" or \"worker\") running over 05:30 UTC, when the nightly report sync runs, and check again after it.",
  report_failed: `The last report sync failed (detail, server log): fix the cause, then catch up with \`${SYNC_SCRIPT}\`.`,
  report_needs_private_token: "Set the privateToken provider option: the nightly report sync reads ATH's transaction report with it.",
  clock_skew: "Synchronise this server's clock with NTP (e.g. `timedatectl set-ntp true`): ATH refuses tokens and reports by time.",
} as const

export type FixId = keyof typeof FIXES

export function green(id: GoLiveCheckId, detail: string, at: Date | null = null): GoLiveCheck {
  return { id, ok: true, label: LABELS[id], detail, fix: null, fix_id: null, at: at?.toISOString() ?? null }
}

export function red(id: GoLiveCheckId, fixId: FixId, detail: string, at: Date | null = null): GoLiveCheck {
  return { id, ok: false, label: LABELS[id], detail, fix: FIXES[fixId], fix_id: fixId, at: at?.toISOString() ?? null }
}

export function tokenCheck(
  id: "public_token" | "private_token",
  state: TokenState,
  message: string | null
): GoLiveCheck {
  const which = id === "public_token" ? "public" : "private"
  switch (state) {
    case "ok":
      return green(id, `ATH Móvil accepted the ${which} token (a call that changes nothing).`)
    case "not_configured":
      return red(id, `${which}_token_missing`, `The ${which}Token option is not set.`)
    case "rejected":
      return red(id, `${which}_token_rejected`, message ?? `ATH Móvil refused the ${which} token.`)
    case "unreachable":
      return red(id, "ath_unreachable", message ?? "ATH Móvil did not answer.")
  }
}

/** The last successful subscription, as recorded by the subscribe route. */
export interface SubscriptionRecord {
  at: Date
  listener_url: string
  listener_fingerprint: string
  events: Record<string, boolean>
}

/** Webhook kinds the plugin acts on: without them payments and refunds go unnoticed until a sweep. */
const NEEDED_EVENTS = ["ecommercePaymentReceived", "ecommercePaymentCancelled", "ecommercePaymentExpired", "refundSent"]

export function subscriptionCheck(record: SubscriptionRecord | null, currentFingerprint: string | null): GoLiveCheck {
  const id = "webhooks_subscribed"
  if (!record) return red(id, "webhooks_not_subscribed", "No webhook subscription was recorded for this account.")
  // Sorted: the stored JSON keeps no key order.
  const on = Object.entries(record.events).filter(([, v]) => v).map(([k]) => k).sort()
  const detail = `Subscribed ${record.listener_url} to ${on.join(", ") || "no events"}.`
  if (currentFingerprint === null || record.listener_fingerprint !== currentFingerprint) {
    return red(id, "webhooks_other_url", `${detail} That is not the listener URL built from today's options.`, record.at)
  }
  const off = NEEDED_EVENTS.filter((e) => record.events[e] !== true)
  if (off.length) return red(id, "webhooks_events_off", `${detail} Off: ${off.join(", ")}.`, record.at)
  return green(id, detail, record.at)
}

/**
 * A test event proves ATH reaches the listener only if it came after the subscription that is
 * in force (before it, ATH may have posted to another URL).
 */
export function simulatedEventCheck(receivedAt: Date | null, subscribedAt: Date | null): GoLiveCheck {
  const id = "simulated_event"
  if (!receivedAt) return red(id, "simulated_send", "No SIMULATED event has reached the listener.")
  if (subscribedAt && receivedAt < subscribedAt) {
    return red(id, "simulated_send", "The last SIMULATED event arrived before the current webhook subscription.", receivedAt)
  }
  return green(id, "The last SIMULATED event reached the listener.", receivedAt)
}

/** A job's last run, as recorded by trackJobRun. */
export interface JobRunRecord {
  at: Date
  ok: boolean
  age_seconds: number
  detail: { error?: string; skipped?: string; summary?: string }
}

const RECOVERY_MAX_AGE_SECONDS = 5 * 60
/** A nightly job a little over a day old has missed a night. */
const REPORT_MAX_AGE_SECONDS = 26 * 3600

export function recoveryJobCheck(run: JobRunRecord | null): GoLiveCheck {
  const id = "recovery_job"
  if (!run) return red(id, "recovery_not_running", "athmovil-recover-sessions has never run.")
  const ago = `${Math.round(run.age_seconds)} s ago`
  if (!run.ok) return red(id, "recovery_failed", `The last run (${ago}) failed: ${run.detail.error ?? "unknown error"}.`, run.at)
  if (run.age_seconds > RECOVERY_MAX_AGE_SECONDS) return red(id, "recovery_not_running", `The last run was ${ago}.`, run.at)
  return green(id, `The last run was ${ago}.`, run.at)
}

export function reportJobCheck(run: JobRunRecord | null): GoLiveCheck {
  const id = "report_job"
  if (!run) return red(id, "report_not_running", "athmovil-report-sync has never run (it runs nightly at 05:30 UTC).")
  const hours = Math.round((run.age_seconds / 3600) * 10) / 10
  const ago = `${hours} h ago`
  if (run.detail.skipped) return red(id, "report_needs_private_token", `The last run (${ago}) was skipped: ${run.detail.skipped}.`, run.at)
  if (!run.ok) return red(id, "report_failed", `The last run (${ago}) failed: ${run.detail.error ?? "unknown error"}.`, run.at)
  if (run.age_seconds > REPORT_MAX_AGE_SECONDS) return red(id, "report_not_running", `The last run was ${ago}: a night was missed.`, run.at)
  return green(id, `The last run (${ago}) succeeded${run.detail.summary ? `: ${run.detail.summary}` : ""}.`, run.at)
}

const MAX_CLOCK_SKEW_SECONDS = 60

export function clockCheck(clock: { athTime: Date; localTime: Date } | { error: string }): GoLiveCheck {
  const id = "clock"
  if ("error" in clock) return red(id, "ath_unreachable", `Could not read ATH Móvil's clock: ${clock.error}`)
  const skew = Math.round((clock.athTime.getTime() - clock.localTime.getTime()) / 1000)
  // ATH's Date header drops the milliseconds: a second either way is agreement.
  const detail = Math.abs(skew) <= 1 ? "This server's clock agrees with ATH Móvil's." : `This server's clock is ${Math.abs(skew)} s ${skew > 0 ? "behind" : "ahead of"} ATH Móvil's.`
  return Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS ? red(id, "clock_skew", detail) : green(id, detail)
}
