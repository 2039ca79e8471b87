import { AuthenticationError, TransactionError, ValidationError, type AthReportRow } from "../../../lib/athmovil"
import { compareAmounts } from "../../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../../modules/athmovil"
import type AthMovilModuleService from "../../../modules/athmovil/service"
import { resolveAthMovil } from "../../../providers/athmovil/container"
import {
  otherIncomeFromReport,
  otherIncomeRow,
  type OtherIncomeFact,
  type OtherIncomeKind,
} from "../../reconcile-report/other-income"
import type { Container, WebhookHandler } from "./types"

/**
 * ATH's own word on a reference: its search service. A search ATH refuses (no private token, an
 * unknown reference) is "not confirmed"; an outage throws, so the event is retried later.
 */
async function askAth(container: Container, referenceNumber: string): Promise<AthReportRow[]> {
  try {
    return await resolveAthMovil(container).client.searchTransaction({ referenceNumber })
  } catch (e) {
    if (e instanceof TransactionError || e instanceof ValidationError || e instanceof AuthenticationError) return []
    throw e
  }
}

/**
 * "Payment received" / "Donation received": ATH Móvil income made in the app, outside this store's
 * checkout. It is kept as other ATH income (no order, its own totals). The webhook only names it:
 * the row counts as income once ATH's search lists the same reference, type and total; until then
 * (or if ATH's search does not list app payments) it is kept OPEN, shown but not counted, and the
 * next reconciliation of ATH's report confirms it.
 */
export const otherIncomeReceived: WebhookHandler = async (container, event) => {
  const kind = event.kind as OtherIncomeKind
  const reference = event.referenceNumber?.trim()
  if (!reference) {
    return { outcome: "rejected", error: `A ${event.kind} event without a reference number names no ATH transaction.` }
  }
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const confirmed = (await askAth(container, reference))
    .map(otherIncomeFromReport)
    .find((f): f is OtherIncomeFact => !!f && f.referenceNumber.trim() === reference && compareAmounts(f.total, event.total) === 0)
  if (confirmed) {
    await athmovil.upsertTransaction(otherIncomeRow(confirmed, true, "webhook"))
    return { outcome: "applied" }
  }
  // Only what the notice claims about the money is kept, never who paid: the ledger's customer
  // details come from ATH's own answers, and this row counts for nothing until ATH lists it.
  const claimed: OtherIncomeFact = {
    kind,
    referenceNumber: reference,
    total: event.total,
    fee: null,
    netAmount: null,
    refundedTotal: null,
    date: event.date,
    dailyTransactionId: null,
    name: null,
    phone: null,
    email: null,
  }
  await athmovil.upsertTransaction(otherIncomeRow(claimed, false, "webhook"))
  return {
    outcome: "applied",
    error: `Kept as other ATH income awaiting ATH's confirmation: ATH's search does not list ${kind} ${reference} for ${event.total}; the next reconciliation of ATH's report confirms it.`,
  }
}
