import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { describeZodIssues } from "../../../lib/athmovil/zod-issues"

/** Request-body validation with messages that name the field and the rule. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid body: ${describeZodIssues(parsed.error.issues, "body")}`)
  }
  return parsed.data
}
