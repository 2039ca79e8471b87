import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { describeZodIssues } from "../../../lib/athmovil/zod-issues"

export const pagination = {
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(20),
  offset: z.coerce.number().int().min(0, "offset must be 0 or more").default(0),
}

/** Query-string validation with messages that name the parameter and the rule. */
export function parseQuery<T extends z.ZodTypeAny>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query)
  if (!parsed.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid query: ${describeZodIssues(parsed.error.issues, "query")}`)
  }
  return parsed.data
}

/** The listener URL embeds the webhook secret: admins see only its last characters. */
export function maskListenerUrl(url: string, secret: string): string {
  return url.replace(secret, `••••${secret.slice(-4)}`)
}
