import { createHash } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import { SUBSCRIPTION_ACTIVITY } from "../../../../modules/athmovil/utils/account-activity-sql"
import type { AccountActivityDTO } from "../../../../modules/athmovil/types"
import { maskListenerUrl } from "../query"
import type { SubscriptionRecord } from "./rules"

type Scope = Pick<MedusaContainer, "resolve">

/** Tells listener URLs apart without storing one: the URL holds the webhook secret. */
export function listenerFingerprint(listenerUrl: string): string {
  return createHash("sha256").update(listenerUrl).digest("hex")
}

/** Called by the subscribe route after ATH accepted the subscription. */
export async function recordSubscription(
  scope: Scope,
  input: { providerId: string; listenerUrl: string; webhookSecret: string; events: Record<string, boolean> }
): Promise<void> {
  await scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE).recordAccountActivity({
    provider_id: input.providerId,
    name: SUBSCRIPTION_ACTIVITY,
    ok: true,
    detail: {
      listener_url: maskListenerUrl(input.listenerUrl, input.webhookSecret),
      listener_fingerprint: listenerFingerprint(input.listenerUrl),
      events: input.events,
    },
  })
}

export function subscriptionFrom(rows: AccountActivityDTO[]): SubscriptionRecord | null {
  const row = rows.find((r) => r.name === SUBSCRIPTION_ACTIVITY)
  if (!row) return null
  const d = row.detail as Partial<Omit<SubscriptionRecord, "at">>
  return { at: new Date(row.at), listener_url: String(d.listener_url), listener_fingerprint: String(d.listener_fingerprint), events: d.events ?? {} }
}
