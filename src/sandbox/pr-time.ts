/**
 * ATH Móvil formats every date in Puerto Rico local time (AST, UTC-4, no
 * daylight saving), so a fixed offset is exact and needs no tz database.
 */

const PR_OFFSET_MS = -4 * 3600 * 1000

const pad = (n: number, width = 2): string => String(n).padStart(width, "0")

function prParts(ms: number): Date {
  return new Date(ms + PR_OFFSET_MS)
}

/** "YYYY-MM-DD" in Puerto Rico; the key of the daily transaction counter. */
export function formatPrDate(ms: number): string {
  const d = prParts(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** "YYYY-MM-DD HH:MM:SS" in Puerto Rico. */
export function formatPrDateTime(ms: number): string {
  const d = prParts(ms)
  return `${formatPrDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/** Strict inverse of formatPrDateTime; null for anything that is not a real calendar time. */
export function parsePrDateTime(text: unknown): number | null {
  if (typeof text !== "string") return null
  const m = DATE_TIME.exec(text)
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number)
  const utc = Date.UTC(y, mo - 1, d, h, mi, s)
  const check = new Date(utc)
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== mi ||
    check.getUTCSeconds() !== s
  ) {
    return null
  }
  return utc - PR_OFFSET_MS
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/** Java's Date.toString() in AST, as in "The Token has expired on Fri Oct 28 15:21:00 AST 2022." */
export function formatJavaDateAst(ms: number): string {
  const d = prParts(ms)
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} AST ${d.getUTCFullYear()}`
}
