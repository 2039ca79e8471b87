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

export function isWithinAthLimits(amount: string): boolean {
  return MathBN.gte(amount, ATH_MIN_TOTAL) && MathBN.lte(amount, ATH_MAX_TOTAL)
}

export function sumAmounts(amounts: string[]): string {
  return MathBN.add(0, ...amounts).toFixed(2, ROUND_HALF_UP)
}
