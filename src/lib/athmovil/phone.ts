import { clientValidationError, issue } from "./errors"

export const PHONE_RULE = "must be a 10-digit phone number"

// An optional +1/1 country prefix, then 3-3-4 digits separated by nothing, a
// space, a dash or a dot, with the area code optionally in parentheses.
const NANP = /^(?:\+?1[\s.-]?)?(?:\((\d{3})\)|(\d{3}))[\s.-]?(\d{3})[\s.-]?(\d{4})$/

/** The 10 digits of a phone number, or null when it has any other shape. */
export function tryNormalisePhoneNumber(input: unknown): string | null {
  let text: string
  if (typeof input === "number") {
    if (!Number.isSafeInteger(input) || input <= 0) return null
    text = String(input)
  } else if (typeof input === "string") {
    text = input.trim()
  } else {
    return null
  }
  const m = NANP.exec(text)
  if (!m) return null
  return `${m[1] ?? m[2]}${m[3]}${m[4]}`
}

export function normalisePhoneNumber(input: string | number, field = "phoneNumber"): string {
  const digits = tryNormalisePhoneNumber(input)
  if (digits === null) {
    throw clientValidationError("phone number", [issue(field, PHONE_RULE)])
  }
  return digits
}

/** The "(787) 123-4567" form ATH stores and matches on in search filters. */
export function formatPhoneForSearch(digits: string): string {
  return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`
}
