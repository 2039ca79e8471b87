import type { BigNumberInput } from "@medusajs/framework/types"
import { compareAmounts, type AthReportRow } from "../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { RefundDTO } from "../../modules/athmovil/types"
import { toAthAmount } from "../../providers/athmovil/money"
import type { AthMovilContainer as Container } from "../../providers/athmovil/container"


/** A refund as ATH's own answer (report or search row) describes it — never a webhook body. */
export interface SeenRefund {
  transactionId: string
  referenceNumber: string | null
  amount: string
  date: string | null
  dailyTransactionId: string | null
  message: string | null
}

/** ATH's report/search row of a refund, as the ledger confirms it. */
export function seenRefundFromAth(transactionId: string, paymentReference: string | null, row: AthReportRow): SeenRefund {
  return {
    transactionId,
    referenceNumber: row.referenceNumber && row.referenceNumber !== paymentReference ? row.referenceNumber : null,
    amount: row.total,
    date: row.date,
    dailyTransactionId: row.dailyTransactionId,
    message: row.message,
  }
}

/**
 * ATH's report or search showed a refund that Medusa already recorded: fill in ATH's own
 * details on that ledger row instead of adding a second row for the same money. A row is matched by
 * the refund's reference number, else by amount among rows ATH has not confirmed yet.
 */
export async function confirmLedgerRefund(container: Container, seen: SeenRefund): Promise<RefundDTO | null> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const rows = await athmovil.listAthRefunds({ transaction_id: seen.transactionId }, { take: 500, order: { created_at: "ASC" } })
  const byReference = seen.referenceNumber ? rows.find((r) => r.reference_number === seen.referenceNumber) : undefined
  const sameAmount = (r: RefundDTO) => compareAmounts(toAthAmount(r.amount as BigNumberInput), seen.amount) === 0
  const match =
    byReference ??
    rows.find((r) => sameAmount(r) && !!seen.dailyTransactionId && r.daily_transaction_id === seen.dailyTransactionId) ??
    rows.find((r) => sameAmount(r) && !r.daily_transaction_id)
  if (!match) return null
  const complete = match.daily_transaction_id && match.refunded_at && (match.reference_number || !seen.referenceNumber)
  if (complete) return match
  const [updated] = await athmovil.updateAthRefunds([
    {
      id: match.id,
      // The refund's own reference lets later runs recognise it without guessing by amount.
      reference_number: match.reference_number ?? seen.referenceNumber,
      daily_transaction_id: match.daily_transaction_id ?? seen.dailyTransactionId,
      refunded_at: seen.date ? new Date(seen.date) : match.refunded_at,
      message: match.message ?? seen.message,
      state: "synced",
    },
  ])
  return updated ?? match
}
