import { AuthenticationError, TransactionError, ValidationError, type AthReportRow } from "../../../lib/athmovil"
import { compareAmounts } from "../../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../../modules/athmovil"
import type AthMovilModuleService from "../../../modules/athmovil/service"
import type { AthMovilContext } from "../../../providers/athmovil/container"
import { otherIncomeFromReport, otherIncomeRow, type OtherIncomeFact } from "../../reconcile-report/other-income"
import type { WebhookHandler } from "./types"

/**
 * ATH's own word on a reference: its search service. A search ATH refuses (no private token, an
 * unknown reference) is "not confirmed"; an outage throws, so the event is retried later.
 */
async function askAth(account: AthMovilContext, referenceNumber: string): Promise<AthReportRow[]> {
  try {
    return await account.client.searchTransaction({ referenceNumber })
  } catch (e) {
    if (e instanceof TransactionError || e instanceof ValidationError || e instanceof AuthenticationError) return []
    throw e
  }
}

/**
 * "Payment received" / "Donation received": ATH Móvil income made in the app, outside this store's
 * checkout. It is kept as other ATH income (no order, its own totals) once ATH's own search lists
 * the same reference, type and total. An unsigned notice ATH does not (yet) list writes nothing:
 * the event stays in the inbox as `unmatched`, shown in the admin, and the next reconciliation of
 * ATH's report records the income from ATH's word.
 */
export const otherIncomeReceived: WebhookHandler = async (container, event, account) => {
  const reference = event.referenceNumber?.trim()
  if (!reference) {
    return { outcome: "rejected", error: `A ${event.kind} event without a reference number names no ATH transaction.` }
  }
  const confirmed = (await askAth(account, reference))
    .map(otherIncomeFromReport)
    .find((f): f is OtherIncomeFact => !!f && f.referenceNumber.trim() === reference && compareAmounts(f.total, event.total) === 0)
  if (!confirmed) {
    return {
      outcome: "unmatched",
      error: `ATH's search does not list ${event.kind} ${reference} for ${event.total}; nothing was recorded from the notice. The next reconciliation of ATH's report records it if ATH lists it.`,
    }
  }
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  await athmovil.upsertTransaction(otherIncomeRow(confirmed, true, "webhook", account.providerId))
  return { outcome: "applied" }
}
