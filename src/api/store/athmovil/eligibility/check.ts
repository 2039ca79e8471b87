import type { BigNumberInput } from "@medusajs/framework/types"
import { athTotalLimitBreached, toAthAmount } from "../../../../providers/athmovil/money"

/** Why a cart cannot be paid with ATH Móvil; each is a shopper catalogue id (`shopper-messages.ts`). */
export type EligibilityReasonCode = "currency_not_usd" | "total_below_minimum" | "total_above_maximum" | "not_enabled_in_region"

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
 * are the provider's own (`athTotalLimitBreached` on the amount as `toAthAmount` rounds it), so the
 * answer matches what `initiatePayment` would decide.
 */
export function eligibilityReasons(facts: EligibilityFacts): { reasons: EligibilityReasonCode[]; currency: string; total: string } {
  const currency = String(facts.currencyCode ?? "").toUpperCase()
  const total = toAthAmount(facts.total ?? 0)
  const reasons: EligibilityReasonCode[] = []
  if (currency !== "USD") reasons.push("currency_not_usd")
  const breached = athTotalLimitBreached(total)
  if (breached) reasons.push(breached)
  if (!facts.enabledInRegion) reasons.push("not_enabled_in_region")
  return { reasons, currency: currency || "?", total }
}
