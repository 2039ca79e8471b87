const TOKEN_LIKE_KEY = /token|secret|password|authori[sz]ation|jwt/i
const REDACTED = "[redacted]"
// ATH's auth_token is a JWT; mask any JWT even when this call did not send it.
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g

/** Replaces every occurrence of the given secret values, and anything JWT-shaped, in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text.replace(JWT, REDACTED)
  for (const secret of secrets) {
    if (secret.length >= 4) {
      out = out.split(secret).join(REDACTED)
    }
  }
  return out
}

/**
 * Copy of an ATH body that is safe to keep on an error: token-like keys are
 * dropped (createPayment answers with a JWT, requests carry the tokens) and
 * any known secret value inside a string is masked.
 */
export function sanitiseBody(value: unknown, secrets: readonly string[] = []): unknown {
  if (typeof value === "string") {
    return redactText(value, secrets)
  }
  if (Array.isArray(value)) {
    return value.map((v) => sanitiseBody(v, secrets))
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) {
      if (!TOKEN_LIKE_KEY.test(key)) {
        out[key] = sanitiseBody(v, secrets)
      }
    }
    return out
  }
  return value
}
