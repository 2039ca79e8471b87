import { BigNumber, MedusaError, trimZeros } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

/** The two columns DML stores for a `bigNumber` field, ready to bind in SQL. */
export interface AmountColumns {
  /** Plain decimal for the `numeric` column (never exponent notation). */
  numeric: string
  /** JSON for the `raw_*` jsonb column, shaped exactly as Medusa's ORM writes it. */
  raw: string
}

/**
 * Converts an amount ("12.34", 12.34, a BigNumber or a raw value) into the
 * values the ORM would have written. Raw SQL bypasses the ORM's BigNumber
 * property setter, so this mirrors it (precision 20, trailing zeros trimmed).
 */
export function toAmountColumns(value: BigNumberInput, field: string): AmountColumns {
  let amount: BigNumber
  try {
    amount = new BigNumber(value)
  } catch {
    throw invalidAmount(field, value)
  }
  const exact = amount.bigNumber
  if (!exact || !exact.isFinite() || exact.isNegative()) {
    throw invalidAmount(field, value)
  }
  const raw = { ...amount.raw!, value: trimZeros(amount.raw!.value as string) }
  return { numeric: exact.toFixed(), raw: JSON.stringify(raw) }
}

function invalidAmount(field: string, value: unknown): MedusaError {
  return new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `${field} must be a non-negative decimal amount, got ${JSON.stringify(value)}`
  )
}
