import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { listAthMovilAccounts } from "../../../../providers/athmovil/container"
import { shopperMessage } from "../../../../providers/athmovil/shopper-messages"
import { speakTo } from "../shopper-answers"
import { eligibilityReasons } from "./check"
import { EligibilityQuery } from "./validators"
import { describeZodIssues } from "../../../../lib/athmovil/zod-issues"

interface CartRow {
  id: string
  currency_code: string | null
  total: unknown
  raw_total?: unknown
  region?: { payment_providers?: Array<{ id: string; is_enabled?: boolean } | null> | null } | null
}

/**
 * Whether the cart can be paid with ATH Móvil, and if not why (in English or Spanish), so the
 * storefront can disable the option with the reason instead of failing at "Pay".
 * `GET /store/athmovil/eligibility?cart_id=…[&locale=es]` (or `Accept-Language`) → `{ eligible, reasons: [{ code, message }] }`.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const parsed = EligibilityQuery.safeParse(req.query)
  if (!parsed.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${describeZodIssues(parsed.error.issues, "query")}`)
  }
  const { cart_id: cartId } = parsed.data
  const athProviders = new Set(listAthMovilAccounts(req.scope).map((a) => a.providerId))
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "currency_code", "total", "region.payment_providers.id", "region.payment_providers.is_enabled"],
    filters: { id: cartId },
  })
  const cart = (data as CartRow[])[0]
  if (!cart) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id '${cartId}' not found`)

  // Any of the store's ATH accounts this cart's region offers (a store may run one account per region).
  const enabledInRegion = (cart.region?.payment_providers ?? []).some((p) => !!p?.id && athProviders.has(p.id) && p.is_enabled !== false)
  const { reasons, currency, total } = eligibilityReasons({
    currencyCode: cart.currency_code,
    total: (cart.raw_total ?? cart.total) as never,
    enabledInRegion,
  })
  const locale = speakTo(req, res)
  res.setHeader("Cache-Control", "no-store")
  res.json({
    eligible: reasons.length === 0,
    reasons: reasons.map((code) => ({ code, message: shopperMessage(code, locale, { currency, total }) })),
  })
}
