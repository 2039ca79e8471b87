import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"

/** Request-body validation with messages that name the field and the rule. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid body: ${reasons.join("; ")}`)
  }
  return parsed.data
}
