/** Puerto Rico is UTC-4 all year (no DST); ATH reports and expects local time. */
const PR_OFFSET_MS = -4 * 60 * 60 * 1000
const PR_OFFSET_TEXT = "-04:00"

/** Last millisecond of year 9999: past it a Date no longer prints as a 4-digit-year ISO string. */
const MAX_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

const LOCAL_OR_ISO =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

function offsetMs(text: string | undefined): number {
  if (text === undefined) return PR_OFFSET_MS
  if (text.toUpperCase() === "Z") return 0
  const sign = text.startsWith("-") ? -1 : 1
  const digits = text.slice(1).replace(":", "")
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60 * 1000
}

/**
 * Epoch milliseconds of an ATH date: "YYYY-MM-DD HH:MM:SS" (optionally with a
 * fraction such as ".0") read as Puerto Rico time, an ISO string with offset,
 * or epoch milliseconds as a number or a digit string. Null when absent or
 * unreadable.
 */
export function athDateToEpochMs(value: unknown): number | null {
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value > 0 && value <= MAX_EPOCH_MS ? value : null
  }
  if (typeof value !== "string") return null
  const text = value.trim()
  if (/^\d+$/.test(text)) {
    return athDateToEpochMs(Number(text))
  }
  const m = LOCAL_OR_ISO.exec(text)
  if (!m) return null
  const [, y, mo, d, h, mi, s = "0", frac = "", offset] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, Number((frac + "000").slice(0, 3)))
  const check = new Date(wall)
  // Date.UTC silently rolls over (Feb 30 → Mar 2); a real date survives the round trip.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return null
  }
  return wall - offsetMs(offset)
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0")
}

function puertoRicoParts(epochMs: number) {
  const local = new Date(epochMs + PR_OFFSET_MS)
  return {
    date: `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`,
    millis: local.getUTCMilliseconds(),
  }
}

/** ISO 8601 in Puerto Rico time, e.g. "2023-01-13T16:17:06-04:00". */
export function toPuertoRicoIso(epochMs: number): string {
  const { date, time, millis } = puertoRicoParts(epochMs)
  const fraction = millis === 0 ? "" : `.${pad(millis, 3)}`
  return `${date}T${time}${fraction}${PR_OFFSET_TEXT}`
}

/** The "YYYY-MM-DD HH:MM:SS" Puerto Rico form the report endpoint expects. */
export function toAthLocalDateTime(epochMs: number): string {
  const { date, time } = puertoRicoParts(epochMs)
  return `${date} ${time}`
}

/** ATH date → ISO 8601 in Puerto Rico time; "" / null / unreadable → null. */
export function parseAthDate(value: unknown): string | null {
  const epochMs = athDateToEpochMs(value)
  return epochMs === null ? null : toPuertoRicoIso(epochMs)
}
