import { MedusaError } from "@medusajs/framework/utils"
import { athDateToEpochMs } from "../../../../lib/athmovil/dates"
import type { BooksRange } from "../../../../modules/athmovil/utils/books-filter"

const DAY = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

function instant(field: "from" | "to", value: string): Date {
  const text = value.trim()
  const ms = DAY.test(text) ? athDateToEpochMs(`${text} 00:00:00`) : /T/.test(text) ? athDateToEpochMs(text) : null
  if (ms === null) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field} must be a Puerto Rico calendar day written YYYY-MM-DD (or an ISO date-time with offset), got ${JSON.stringify(value)}`
    )
  }
  // A whole day `to` includes that day: the range ends at the next Puerto Rico midnight.
  return new Date(field === "to" && DAY.test(text) ? ms + DAY_MS : ms)
}

/**
 * The books' date filter, in Puerto Rico days (AST, UTC−4, as ATH Business and the IVU return
 * count them): `from` inclusive, `to` a whole day inclusive. Both optional.
 */
export function parseBooksRange(query: { from?: unknown; to?: unknown }): BooksRange {
  const read = (field: "from" | "to") => {
    const value = query[field]
    if (value === undefined || value === "") return undefined
    if (typeof value !== "string") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} must be given once, as YYYY-MM-DD`)
    }
    return instant(field, value)
  }
  const range = { from: read("from"), to: read("to") }
  if (range.from && range.to && range.from >= range.to) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `from (${query.from}) must be before to (${query.to})`)
  }
  return range
}
