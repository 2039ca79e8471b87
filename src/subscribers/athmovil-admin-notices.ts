import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  ATHMOVIL_EVENTS,
  type AthMovilAccountProblemData,
  type AthMovilReconciliationFinishedData,
  type AthMovilWebhookFailedData,
} from "../modules/athmovil/events"
import { postAdminNotice, type AdminNotice } from "../workflows/notify/admin-notice"
import { currentPuertoRicoDay } from "../workflows/reconcile-report/range"

type Data = AthMovilReconciliationFinishedData | AthMovilWebhookFailedData | AthMovilAccountProblemData

// An account problem is posted once per Puerto Rico day while it lasts (its key carries the day).
function noticeFor(name: string, data: Data): AdminNotice | null {
  if (name === ATHMOVIL_EVENTS.RECONCILIATION_FINISHED) {
    const run = data as AthMovilReconciliationFinishedData
    if (!run.total_differences) return null
    const kinds = Object.entries(run.differences)
      .map(([kind, n]) => `${n} ${kind.replace(/_/g, " ")}`)
      .join(", ")
    return {
      key: `athmovil-reconciliation-${run.id ?? `${run.from}-${run.to}`}`,
      title: `ATH Móvil reconciliation found ${run.total_differences} difference${run.total_differences === 1 ? "" : "s"}`,
      description: `${run.from} to ${run.to}: ${kinds}. Open ATH Móvil → Reconciliation to review and fix them.`,
    }
  }
  if (name === ATHMOVIL_EVENTS.WEBHOOK_FAILED) {
    const event = data as AthMovilWebhookFailedData
    const ticket = event.reference_number ?? event.ecommerce_id ?? "unknown ticket"
    return {
      key: `athmovil-webhook-failed-${event.id}`,
      title: "An ATH Móvil notification could not be applied",
      description: `The ${event.kind} ${event.status ?? ""} notice for ${ticket} failed ${event.attempts} times (${event.error ?? "no error text"}). Fix the cause, then replay it from ATH Móvil → Webhooks.`,
    }
  }
  if (name === ATHMOVIL_EVENTS.ACCOUNT_PROBLEM) {
    const problem = data as AthMovilAccountProblemData
    // A store with several ATH Business accounts hears of each one's problem, and which it is.
    const account = problem.provider_id ? ` (account ${problem.provider_id})` : ""
    const keyed = `${problem.provider_id ? `${problem.provider_id}-` : ""}${currentPuertoRicoDay()}`
    return problem.reason === "business_inactive"
      ? {
          key: `athmovil-business-inactive-${keyed}`,
          title: "ATH Móvil says this business account is not active",
          description: `ATH answered ${problem.code} (${problem.operation})${account}: shoppers cannot pay with ATH Móvil until the ATH Business account is active again. Contact ATH Business support.`,
        }
      : {
          key: `athmovil-credentials-refused-${keyed}`,
          title: "ATH Móvil refused this store's tokens",
          description: `ATH answered ${problem.code ?? "an authentication error"} (${problem.operation})${account}: check the publicToken and privateToken options of that provider entry against ATH Business → Settings → Development.`,
        }
  }
  return null
}

/** What only the merchant can act on reaches the admin's notifications (or the log without them). */
export default async function athMovilAdminNotices({ event, container }: SubscriberArgs<Data>) {
  const notice = noticeFor(event.name, event.data)
  if (notice) await postAdminNotice(container as never, notice)
}

export const config: SubscriberConfig = {
  event: [ATHMOVIL_EVENTS.RECONCILIATION_FINISHED, ATHMOVIL_EVENTS.WEBHOOK_FAILED, ATHMOVIL_EVENTS.ACCOUNT_PROBLEM],
  context: { subscriberId: "athmovil-admin-notices" },
}
