import { MathBN, MedusaError } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import { ATH_LIMITS } from "../../lib/athmovil/limits"

/** ATH Móvil's own limits for one payment, in USD (defined once in lib). */
export const ATH_MIN_TOTAL = ATH_LIMITS.minTotal
export const ATH_MAX_TOTAL = ATH_LIMITS.maxTotal

// bignumber.js rounding mode 4 = ROUND_HALF_UP, what a cashier does with a half cent (1 would truncate).
const ROUND_HALF_UP = 4

/** The one place where Medusa amounts become ATH amounts: a 2-decimal string, never a float. */
export function toAthAmount(amount: BigNumberInput): string {
  const value = MathBN.convert(amount)
  // bignumber.js turns junk into NaN silently; "NaN" must never reach ATH or a comparison.
  if (!value.isFinite()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount must be a decimal number, got ${JSON.stringify(String(amount))}`)
  }
  return value.toFixed(2, ROUND_HALF_UP)
}

/** The ATH limit a total breaks (its catalogue id), or null when ATH takes it. */
export function athTotalLimitBreached(amount: string): "total_below_minimum" | "total_above_maximum" | null {
  if (MathBN.lt(amount, ATH_MIN_TOTAL)) return "total_below_minimum"
  if (MathBN.gt(amount, ATH_MAX_TOTAL)) return "total_above_maximum"
  return null
}

/** The one sum of money: exact over Medusa's BigNumbers and ATH's strings, rounded once to 2 decimals. */
export function sumAmounts(amounts: BigNumberInput[]): string {
  return toAthAmount(MathBN.add(0, ...amounts))
}
