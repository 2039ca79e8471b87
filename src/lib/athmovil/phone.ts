import { clientValidationError, issue } from "./errors"
import { tryNormalisePhoneNumber } from "./phone-rule"

export { tryNormalisePhoneNumber }

export const PHONE_RULE = "must be a 10-digit phone number"

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
