/**
 * Money is kept as integer cents everywhere inside the sandbox; floats only
 * appear when a response is serialised, because that is what ATH Móvil emits.
 */

export type AmountParse =
  | { ok: true; cents: number }
  | { ok: false; reason: "format" | "digits" }

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/

/**
 * Accepts a JSON number or a decimal string (clients send both). Bounds follow
 * BTRA_0020: at most 4 integer digits and 2 decimals.
 */
export function parseAmount(value: unknown): AmountParse {
  let text: string
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, reason: "format" }
    text = String(value)
  } else if (typeof value === "string") {
    text = value.trim()
  } else {
    return { ok: false, reason: "format" }
  }
  const m = DECIMAL.exec(text)
  if (!m) return { ok: false, reason: "format" }
  const [, sign, intPart, fracPart = ""] = m
  const significant = intPart.replace(/^0+(?=\d)/, "")
  if (significant.length > 4 || fracPart.length > 2) return { ok: false, reason: "digits" }
  const cents = Number(significant) * 100 + Number(fracPart.padEnd(2, "0"))
  return { ok: true, cents: sign === "-" ? -cents : cents }
}

export function formatCents(cents: number): string {
  const abs = Math.abs(cents)
  const units = Math.floor(abs / 100)
  const rest = String(abs % 100).padStart(2, "0")
  return `${cents < 0 ? "-" : ""}${units}.${rest}`
}

/** Dividing an exact integer by 100 yields the double closest to the decimal, so it prints cleanly. */
export function centsToNumber(cents: number): number {
  return cents / 100
}

/** ATH Móvil stores fees as 32-bit floats: 0.60 comes back as 0.6000000238418579. */
export function centsToFloat32(cents: number): number {
  return Math.fround(cents / 100)
}

/** A percentage such as "2.50", held as millionths of the amount (2.50 % → 25000). */
export interface FeeRate {
  partsPerMillion: number
  fixedCents: number
}

const PERCENT = /^(\d{1,3})(?:\.(\d{1,4}))?$/

export function parseFeeRate(percent: string, fixed: string): FeeRate {
  const p = PERCENT.exec(percent.trim())
  if (!p) throw new Error(`feePercent must be a decimal percentage such as "2.50", got "${percent}"`)
  const partsPerMillion = Number(p[1]) * 10_000 + Number((p[2] ?? "").padEnd(4, "0"))
  if (partsPerMillion > 1_000_000) throw new Error(`feePercent cannot exceed 100, got "${percent}"`)
  const f = parseAmount(fixed)
  if (!f.ok || f.cents < 0) throw new Error(`feeFixed must be a non-negative amount such as "0.25", got "${fixed}"`)
  return { partsPerMillion, fixedCents: f.cents }
}

/** Half-up rounding to the cent, like a merchant statement; never more than the total. */
export function computeFeeCents(totalCents: number, rate: FeeRate): number {
  const scaled = totalCents * rate.partsPerMillion
  const percentPart = Math.floor((2 * scaled + 1_000_000) / 2_000_000)
  return Math.min(totalCents, percentPart + rate.fixedCents)
}
