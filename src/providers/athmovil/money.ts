import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

/** ATH Móvil's own limits for one payment, in USD. */
export const ATH_MIN_TOTAL = "1.00"
export const ATH_MAX_TOTAL = "1500.00"

// bignumber.js rounding mode 4 = ROUND_HALF_UP, what a cashier does with a half cent (1 would truncate).
const ROUND_HALF_UP = 4

/** The one place where Medusa amounts become ATH amounts: a 2-decimal string, never a float. */
export function toAthAmount(amount: BigNumberInput): string {
  return MathBN.convert(amount).toFixed(2, ROUND_HALF_UP)
}

/** The ATH limit a total breaks (its catalogue id), or null when ATH takes it. */
export function athTotalLimitBreached(amount: string): "total_below_minimum" | "total_above_maximum" | null {
  if (MathBN.lt(amount, ATH_MIN_TOTAL)) return "total_below_minimum"
  if (MathBN.gt(amount, ATH_MAX_TOTAL)) return "total_above_maximum"
  return null
}

export function sumAmounts(amounts: string[]): string {
  return MathBN.add(0, ...amounts).toFixed(2, ROUND_HALF_UP)
}
