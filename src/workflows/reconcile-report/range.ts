import { MedusaError } from "@medusajs/framework/utils"
import { athDateToEpochMs, toAthLocalDateTime } from "../../lib/athmovil/dates"
import type { ReconcileRange } from "./types"

/** ATH lists a year comfortably in 13 report windows; longer runs belong in the script, in pieces. */
export const MAX_RANGE_DAYS = 366

const DAY_MS = 86_400_000
const DATE = /^\d{4}-\d{2}-\d{2}$/

function dayStartMs(field: string, value: unknown): number {
  if (typeof value !== "string" || !DATE.test(value.trim())) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field} must be a date written YYYY-MM-DD (a Puerto Rico calendar day), got ${JSON.stringify(value ?? null)}`
    )
  }
  const ms = athDateToEpochMs(`${value.trim()} 00:00:00`)
  if (ms === null) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} is not a real calendar date: ${value}`)
  }
  return ms
}

/**
 * Whole Puerto Rico days [from 00:00:00, to 23:59:59], the way a merchant reads ATH Business.
 * Bad input gets a message naming the field and the rule; a range reaching into the future is
 * cut at `now` because ATH refuses future dates (BTRA_0047/0048).
 */
export function parseReconcileRange(input: { from?: unknown; to?: unknown }, now = Date.now()): ReconcileRange {
  const fromMs = dayStartMs("from", input.from)
  const toDayMs = dayStartMs("to", input.to)
  if (fromMs > toDayMs) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `from (${input.from}) must not be after to (${input.to})`)
  }
  if (fromMs > now) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `from (${input.from}) must not be in the future`)
  }
  const days = Math.round((toDayMs - fromMs) / DAY_MS) + 1
  if (days > MAX_RANGE_DAYS) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `the range from ${input.from} to ${input.to} spans ${days} days; at most ${MAX_RANGE_DAYS} days are allowed`
    )
  }
  // Seconds are ATH's resolution; stay a second behind "now" so its clock never sees the future.
  const toMs = Math.min(toDayMs + DAY_MS - 1000, Math.floor(now / 1000) * 1000 - 1000)
  return { from: String(input.from).trim(), to: String(input.to).trim(), fromMs, toMs: Math.max(toMs, fromMs) }
}

/** The Puerto Rico calendar day before `now`, as YYYY-MM-DD (the daily job's range). */
export function previousPuertoRicoDay(now = Date.now()): string {
  return toAthLocalDateTime(now - DAY_MS).slice(0, 10)
}

/** Today's Puerto Rico calendar day, as YYYY-MM-DD. */
export function currentPuertoRicoDay(now = Date.now()): string {
  return toAthLocalDateTime(now).slice(0, 10)
}
