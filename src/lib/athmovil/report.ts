import { createHash } from "node:crypto"
import { AthMovilError } from "./errors"
import { isSuccessEnvelope, parseWith, type ParseResult } from "./schemas/envelope"
import { athReportRowsSchema } from "./schemas/report"
import type { AthReportRow } from "./types"

/** ATH answers an empty date range with an error instead of an empty list. */
const NO_RECORDS_CODES = new Set(["BTRA_0022", "BTRA_0046"])

export function isNoRecordsError(error: unknown): boolean {
  return error instanceof AthMovilError && error.code !== null && NO_RECORDS_CODES.has(error.code)
}

/** transactionReport answers with a bare array; an enveloped array is accepted too. */
export function parseReportResponse(body: unknown): ParseResult<AthReportRow[]> {
  return parseWith(athReportRowsSchema, isSuccessEnvelope(body) ? body.data : body)
}

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === "" ||
    (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0)
  )
}

/**
 * searchTransaction answers with one bare object, or a list when several
 * match. The zero-match shape is undocumented, so "nothing" in any form is [].
 */
export function parseSearchResponse(body: unknown): ParseResult<AthReportRow[]> {
  const payload = isSuccessEnvelope(body) ? body.data : body
  if (isEmpty(payload)) {
    return { ok: true, value: [] }
  }
  return parseWith(athReportRowsSchema, Array.isArray(payload) ? payload : [payload])
}

export interface ReportWindow {
  fromMs: number
  toMs: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Consecutive windows of at most `maxDays` covering [fromMs, toMs] in whole
 * seconds (ATH's date format). ATH may keep sub-second timestamps, so each
 * window starts on the second the previous one ended: nothing falls between
 * two windows, and a row listed twice is dropped by `firstSightings`.
 */
export function splitReportWindows(fromMs: number, toMs: number, maxDays: number): ReportWindow[] {
  const start = Math.floor(fromMs / 1000) * 1000
  const end = Math.floor(toMs / 1000) * 1000
  const windows: ReportWindow[] = []
  let cursor = start
  do {
    const windowEnd = Math.min(cursor + maxDays * DAY_MS, end)
    windows.push({ fromMs: cursor, toMs: windowEnd })
    cursor = windowEnd
  } while (cursor < end)
  return windows
}

/**
 * A filter that drops rows identical to one it already passed (the overlap of adjacent windows).
 * It remembers a digest of each row, not the row's text: a month of a busy store is ~50,000 rows.
 */
export function firstSightings(): (row: AthReportRow) => boolean {
  const seen = new Set<string>()
  return (row) => {
    const key = createHash("sha1").update(JSON.stringify(row)).digest("base64")
    if (seen.has(key)) return false
    seen.add(key)
    return true
  }
}

