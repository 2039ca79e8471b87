"use server"
import { cookies } from "next/headers"
import { redirect } from "next/navigation"
import { completeAthMovilCheckout } from "medusa-payment-athmovil/storefront"
import { medusaConfig, serverSdk } from "./config"

const CART_COOKIE = "_athm_cart_id"
const ADDRESS = {
  first_name: "Jane",
  last_name: "Rivera",
  address_1: "1 Calle Fortaleza",
  city: "San Juan",
  postal_code: "00901",
  country_code: "pr",
}

/** Product page → cart with shipping chosen → checkout's payment step (the starter's address and delivery steps, condensed). */
export async function addToCart(formData) {
  const locale = String(formData.get("locale"))
  const variantId = String(formData.get("variant_id"))
  const phone = String(formData.get("phone") || "")
  const sdk = serverSdk()
  const { regionId } = medusaConfig()
  const address = { ...ADDRESS, phone }
  const { cart } = await sdk.store.cart.create({
    region_id: regionId,
    email: "jane@example.com",
    items: [{ variant_id: variantId, quantity: 1 }],
    shipping_address: address,
    billing_address: address,
  })
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
  await sdk.store.cart.addShippingMethod(cart.id, { option_id: shipping_options[0].id })
  ;(await cookies()).set(CART_COOKIE, cart.id, { httpOnly: true, sameSite: "lax", path: "/" })
  redirect(`/${locale}/checkout?step=payment`)
}

export async function currentCartId() {
  return (await cookies()).get(CART_COOKIE)?.value ?? null
}

/**
 * The starter's `placeOrder`, for ATH Móvil: completes the cart on the server (retrying while the
 * approval is still in flight) and redirects to the confirmation page.
 */
export async function placeOrder({ cartId, sessionId, locale }) {
  const order = await completeAthMovilCheckout(serverSdk(), cartId, { sessionId })
  ;(await cookies()).delete(CART_COOKIE)
  redirect(`/${locale}/order/${order.id}/confirmed`)
}
