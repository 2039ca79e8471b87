import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import { ATH_MIN_TOTAL, isWithinAthLimits, toAthAmount } from "../../../../providers/athmovil/money"
import type { EligibilityReasonCode } from "./reasons"

export interface EligibilityFacts {
  /** The cart's currency, as Medusa stores it ("usd"). */
  currencyCode: string | null | undefined
  /** The cart's total: what the payment collection will ask ATH Móvil for. */
  total: BigNumberInput | null | undefined
  /** Whether the ATH Móvil provider is enabled in the cart's region. */
  enabledInRegion: boolean
}

/**
 * Every reason ATH Móvil cannot take this cart, in a stable order; empty when it can. The limits
 * are the provider's own (`isWithinAthLimits` on the amount as `toAthAmount` rounds it), so the
 * answer matches what `initiatePayment` would decide.
 */
export function eligibilityReasons(facts: EligibilityFacts): { reasons: EligibilityReasonCode[]; currency: string; total: string } {
  const currency = String(facts.currencyCode ?? "").toUpperCase()
  const total = toAthAmount(facts.total ?? 0)
  const reasons: EligibilityReasonCode[] = []
  if (currency !== "USD") reasons.push("currency_not_usd")
  if (!isWithinAthLimits(total)) reasons.push(MathBN.lt(total, ATH_MIN_TOTAL) ? "total_below_minimum" : "total_above_maximum")
  if (!facts.enabledInRegion) reasons.push("not_enabled_in_region")
  return { reasons, currency: currency || "?", total }
}
