import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import type { FixResponse } from "../../../../../modules/athmovil/admin-views"
import { applyReconciliationFix } from "../../../../../workflows/reconcile-report"
import { parseBody } from "../../body"

const id = (prefix: string, field: string) =>
  z
    .string({ message: `is required: the ${field}` })
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,60}$`), `must be a Medusa ${field} (${prefix}_…)`)

const Body = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("create_refund"), payment_id: id("pay", "payment id") }).strict(),
    z.object({ kind: z.literal("recover_session"), payment_session_id: id("payses", "payment session id") }).strict(),
  ],
  { message: 'kind must be "create_refund" or "recover_session"' }
)

/**
 * Applies the safe fix for one difference. Each fix re-checks ATH at the moment it runs, so it is
 * idempotent: a second click (or a webhook that got there first) answers `nothing_to_do`.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse<FixResponse>) {
  const fix = parseBody(Body, req.body)
  res.json({ fix: await applyReconciliationFix(req.scope, fix) })
}
