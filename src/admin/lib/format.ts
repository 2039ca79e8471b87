/** ATH Móvil reports Puerto Rico time; the admin shows it that way whatever the browser's zone. */
const ATH_TIME_ZONE = "America/Puerto_Rico"

/** Decimal money in the payment's currency, in the admin user's locale. */
export function formatMoney(amount: string | number | null | undefined, currency: string, locale: string): string {
  if (amount === null || amount === undefined || amount === "") return "—"
  const value = typeof amount === "number" ? amount : Number(amount)
  if (!Number.isFinite(value)) return String(amount)
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(value)
}

export function formatDateTime(value: string | Date | null | undefined, locale: string): string {
  if (!value) return "—"
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: ATH_TIME_ZONE,
    timeZoneName: "short",
  }).format(date)
}

/** "YYYY-MM-DD" of a day in Puerto Rico (date inputs and reconciliation ranges). */
export function puertoRicoDay(date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: ATH_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(date)
  return parts
}

/** Start and end of Puerto Rico days as ISO instants, for the ledger's date filter (PR is UTC-4 all year). */
export function puertoRicoDayStart(day: string): string {
  return `${day}T00:00:00.000-04:00`
}

export function puertoRicoDayEnd(day: string): string {
  return `${day}T23:59:59.999-04:00`
}

/** Long ATH ids stay readable: the start and the end, the whole value is in the copy button. */
export function shorten(value: string | null | undefined, head = 10, tail = 6): string {
  if (!value) return "—"
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`
}
