/**
 * Phone numbers as ATH Móvil knows them: 10 digits (Puerto Rico and the US). The kit checks
 * locally so a typo never costs a round trip; the server checks again.
 */

/**
 * The 10 digits of a phone number after removing "(", ")", "-", ".", spaces and a leading
 * "+1" (or "1" in front of 11 digits), or `null` when what is left is not 10 digits.
 *
 * @example normaliseAthMovilPhone("+1 (787) 555-0100") // "7875550100"
 */
export function normaliseAthMovilPhone(input: string | number): string | null {
  let text = String(input).trim().replace(/[\s().-]/g, "")
  if (text.startsWith("+1")) text = text.slice(2)
  else if (text.length === 11 && text.startsWith("1")) text = text.slice(1)
  return /^\d{10}$/.test(text) ? text : null
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
