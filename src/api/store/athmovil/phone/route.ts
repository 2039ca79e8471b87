import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { tryNormalisePhoneNumber } from "../../../../lib/athmovil/phone"
import { shopperPhone, type PhoneSource } from "../../../../providers/athmovil/cart-lookup"
import { listAthMovilAccounts } from "../../../../providers/athmovil/container"
import { SAVED_PHONE_KEY, maskPhone, savedPhoneFromContext } from "../../../../providers/athmovil/saved-phone"
import { SavedPhoneQuery } from "./validators"
import { describeZodIssues } from "../../../../lib/athmovil/zod-issues"

type Query = { graph(q: unknown): Promise<{ data: Array<Record<string, any>> }> }

/** Sources only the cart's own customer may see; the cart's addresses are the cart's (its id reads them). */
const OWNER_ONLY: ReadonlySet<PhoneSource> = new Set<PhoneSource>(["saved", "customer"])

/**
 * The phone the store would send this cart's ATH Móvil request to if the storefront sends none,
 * masked, for the storefront to prefill: `{ phone_masked: "(•••) •••-1234", source }`, or
 * `{ phone_masked: null, source: null }` when there is none to offer (ask the shopper).
 *
 * It runs the provider's own rule (`shopperPhone`) on the inputs `initiatePayment` receives for
 * this requester (the cart's rows; the logged-in customer and their ATH account holder), so what is
 * shown is what the server uses. A phone of the customer — the saved one or the customer record's —
 * is answered only to the cart's own logged-in customer; for anyone else the answer is null
 * rather than the next phone in line, so nobody learns another customer's digits.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const parsed = SavedPhoneQuery.safeParse(req.query)
  if (!parsed.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${describeZodIssues(parsed.error.issues, "query")}`)
  }
  const { cart_id: cartId } = parsed.data
  const query = req.scope.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: ["id", "customer_id", "completed_at", "shipping_address.phone", "billing_address.phone", "customer.phone"],
    filters: { id: cartId },
  })
  const cart = carts[0]
  if (!cart) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id '${cartId}' not found`)

  const actorId = req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : undefined
  let actor: Record<string, any> | undefined
  if (actorId) {
    const { data } = await query.graph({ entity: "customer", fields: ["id", "phone", "account_holders.*"], filters: { id: actorId } })
    actor = data[0]
  }
  // The phone saved by whichever of the store's ATH accounts took the shopper's last payment.
  const athProviders = new Set(listAthMovilAccounts(req.scope).map((a) => a.providerId))
  const holders = (actor?.account_holders ?? []).filter((h: any) => athProviders.has(h?.provider_id))
  const accountHolder = holders.find((h: any) => h?.data?.[SAVED_PHONE_KEY]) ?? holders[0]
  const picked = cart.completed_at
    ? null
    : shopperPhone(
        undefined,
        {
          shipping: cart.shipping_address?.phone ?? null,
          billing: cart.billing_address?.phone ?? null,
          customer: cart.customer?.phone ?? null,
          customer_id: cart.customer_id ?? null,
        },
        actor?.phone,
        tryNormalisePhoneNumber,
        savedPhoneFromContext({ customer: actor, account_holder: accountHolder })
      )
  const isOwner = !!actorId && actorId === cart.customer_id
  const shown = picked && (!OWNER_ONLY.has(picked.source) || isOwner) ? picked : null
  res.setHeader("Cache-Control", "private, no-store")
  res.json({ phone_masked: shown ? maskPhone(shown.phone) : null, source: shown?.source ?? null })
}
