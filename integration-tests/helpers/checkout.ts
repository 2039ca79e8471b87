import type { AthSandbox } from "../../src/sandbox"
import { ATH_PROVIDER_ID, SHOPPER_PHONE, cartReadyToPay, startAthPayment, storefront, type SeededStore } from "./store"

/** A shopper who pays with ATH Móvil end to end: returns the order and the ATH ticket id. */
export async function paidOrder(store: SeededStore, sandbox: AthSandbox, quantity = 1, providerId = ATH_PROVIDER_ID) {
  const sdk = storefront(store)
  const cart = await cartReadyToPay(sdk, store, { quantity })
  const { session } = await startAthPayment(sdk, cart, SHOPPER_PHONE, providerId)
  const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
  sandbox.approve({ ecommerceId })
  const done = await sdk.store.cart.complete(cart.id)
  if (done.type !== "order") throw new Error(`expected an order, got ${JSON.stringify(done)}`)
  return { order: (done as { order: { id: string; total: number } }).order, ecommerceId, sessionId: session.id, cartId: cart.id, phone: SHOPPER_PHONE }
}
