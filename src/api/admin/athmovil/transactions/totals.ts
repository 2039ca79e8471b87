import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import { toAthAmount } from "../../../../providers/athmovil/money"

/** Rows read per query while adding up; totals stop (and say so) past MAX_ROWS. */
const PAGE = 2000
const MAX_ROWS = 100_000

export interface LedgerTotals {
  currency_code: string
  /** Completed payments in the filter. */
  count: number
  gross: string
  fees: string
  net: string
  refunded: string
  /** true when the filter matched more rows than were added up. */
  partial: boolean
}

export function emptyTotals(): LedgerTotals {
  return { currency_code: "usd", count: 0, gross: "0.00", fees: "0.00", net: "0.00", refunded: "0.00", partial: false }
}

/**
 * Money of the filtered ledger rows (not just the page): what ATH collected (completed payments),
 * its fees, the net paid out, and what was refunded. Decimal arithmetic, 2-decimal strings.
 */
export async function ledgerTotals(athmovil: AthMovilModuleService, where: Record<string, unknown>): Promise<LedgerTotals> {
  let gross: BigNumberInput = 0
  let fees: BigNumberInput = 0
  let net: BigNumberInput = 0
  let refunded: BigNumberInput = 0
  let count = 0
  let read = 0
  for (;;) {
    const page = await athmovil.listAthTransactions(
      { ...where, status: "COMPLETED" },
      { select: ["id", "total", "fee", "net_amount", "refunded_total"], take: PAGE, skip: read, order: { id: "ASC" } }
    )
    for (const t of page) {
      count++
      gross = MathBN.add(gross, t.raw_total ?? t.total)
      fees = MathBN.add(fees, t.raw_fee ?? t.fee ?? 0)
      net = MathBN.add(net, t.raw_net_amount ?? t.net_amount ?? 0)
      refunded = MathBN.add(refunded, t.raw_refunded_total ?? t.refunded_total ?? 0)
    }
    read += page.length
    if (page.length < PAGE || read >= MAX_ROWS) {
      return {
        currency_code: "usd",
        count,
        gross: toAthAmount(gross),
        fees: toAthAmount(fees),
        net: toAthAmount(net),
        refunded: toAthAmount(refunded),
        partial: page.length === PAGE,
      }
    }
  }
}
