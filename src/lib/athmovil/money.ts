import { clientValidationError, issue } from "./errors"

export interface ParsedDecimal {
  /** Rounded half away from zero on the third decimal. */
  cents: bigint
  /** True when nothing non-zero follows the second decimal, i.e. no rounding happened. */
  exact: boolean
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/

/**
 * String(n) gives the shortest decimal that round-trips, so ATH's float
 * artefacts (0.6000000238418579) and values like 1.005 keep the digits the
 * sender meant; only the exponent form needs expanding.
 */
function plainDecimal(n: number): string {
  const text = String(n)
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (!m) {
    return text
  }
  const [, sign, int, frac = "", exp] = m
  const digits = int + frac
  const point = int.length + Number(exp)
  if (point <= 0) {
    return `${sign}0.${"0".repeat(-point)}${digits}`
  }
  if (point >= digits.length) {
    return sign + digits + "0".repeat(point - digits.length)
  }
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** Parses a number or decimal string without going through float arithmetic; null when it is not one. */
export function parseDecimal(value: unknown): ParsedDecimal | null {
  let text: string
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null
    text = plainDecimal(value)
  } else if (typeof value === "string") {
    text = value.trim()
  } else {
    return null
  }
  const m = DECIMAL.exec(text)
  if (!m) return null
  const [, sign, int = "", frac = ""] = m
  if (int === "" && frac === "") return null
  const padded = (frac + "000").slice(0, 3)
  let cents = BigInt(int || "0") * 100n + BigInt(padded.slice(0, 2))
  if (Number(padded[2]) >= 5) {
    cents += 1n
  }
  return { cents: sign === "-" ? -cents : cents, exact: /^0*$/.test(frac.slice(2)) }
}

export function centsToAmount(cents: bigint): string {
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  const whole = abs / 100n
  const rest = (abs % 100n).toString().padStart(2, "0")
  return `${negative ? "-" : ""}${whole}.${rest}`
}

function amountToCents(value: string | number, field = "amount"): bigint {
  const parsed = parseDecimal(value)
  if (parsed === null) {
    throw clientValidationError("amount", [issue(field, "must be a decimal amount")])
  }
  return parsed.cents
}

/** Any number or decimal string to ATH's 2-decimal form: 1 → "1.00", 0.6000000238418579 → "0.60". */
export function toAmount(value: string | number, field = "amount"): string {
  return centsToAmount(amountToCents(value, field))
}

export function subtractAmounts(a: string, b: string): string {
  return centsToAmount(amountToCents(a, "a") - amountToCents(b, "b"))
}

export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  const diff = amountToCents(a, "a") - amountToCents(b, "b")
  return diff < 0n ? -1 : diff > 0n ? 1 : 0
}
