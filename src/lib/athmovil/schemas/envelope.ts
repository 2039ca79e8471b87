import type { z } from "zod"

export type ParseResult<T> = { ok: true; value: T } | { ok: false; detail: string }

function statusOf(body: unknown): string | null {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return null
  const status = (body as Record<string, unknown>).status
  return typeof status === "string" ? status.trim().toLowerCase() : null
}

/** ATH signals errors in the body, sometimes with HTTP 200. */
export function isErrorEnvelope(body: unknown): boolean {
  return statusOf(body) === "error"
}

export function isSuccessEnvelope(body: unknown): body is { status: string; data?: unknown } {
  return statusOf(body) === "success"
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ")
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): ParseResult<T> {
  const result = schema.safeParse(value)
  return result.success ? { ok: true, value: result.data } : { ok: false, detail: describe(result.error) }
}

/** Parses `data` of a `{status:"success", data}` envelope. */
export function parseEnvelopeData<T>(schema: z.ZodType<T>, body: unknown): ParseResult<T> {
  if (!isSuccessEnvelope(body)) {
    return { ok: false, detail: "not a success envelope" }
  }
  return parseWith(schema, body.data)
}
