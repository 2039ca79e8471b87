/**
 * The one rule for an ATH Móvil phone number (Puerto Rico and the US: 10 digits), shared by the
 * server and the framework-free storefront kit — so this file imports nothing.
 *
 * An optional +1/1 country prefix, then 3-3-4 digits separated by nothing, a space, a dash or a
 * dot, with the area code optionally in parentheses.
 */
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
