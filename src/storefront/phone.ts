/**
 * Phone numbers as ATH Móvil knows them: 10 digits (Puerto Rico and the US). The kit checks
 * locally so a typo never costs a round trip; the server checks again, with the same rule.
 */
import { tryNormalisePhoneNumber } from "../lib/athmovil/phone-rule"

/**
 * The 10 digits of a phone number, or `null` when it is not one: 3-3-4 digits separated by
 * nothing, spaces, dashes or dots, the area code optionally in parentheses, an optional +1 in
 * front. The server's own rule (one file, `lib/athmovil/phone-rule.ts`), so what passes here
 * passes there.
 *
 * @example normaliseAthMovilPhone("+1 (787) 555-0100") // "7875550100"
 */
export function normaliseAthMovilPhone(input: string | number): string | null {
  return tryNormalisePhoneNumber(input)
}

/** "7875550100" → "787-555-0100", for showing the number back to the shopper. */
export function formatAthMovilPhone(digits: string): string {
  const d = normaliseAthMovilPhone(digits)
  return d ? `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}` : digits
}

/** 125 → "2:05", for the countdown to expiry. */
export function formatAthMovilCountdown(secondsLeft: number): string {
  const s = Math.max(0, Math.floor(secondsLeft))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`
}
