import Medusa from "@medusajs/js-sdk"
import type { AxiosInstance } from "axios"

export const ATH_PROVIDER_ID = "pp_athmovil_athmovil"
export const SHOPPER_PHONE = "7875551234"
const ADMIN_EMAIL = "admin@athmovil.test"
const ADMIN_PASSWORD = "athmovil-admin-password"

export interface SeededStore {
  adminHeaders: { headers: Record<string, string> }
  publishableKey: string
  regionId: string
  eurRegionId: string
  shippingOptionId: string
  variantId: string
  cheapVariantId: string
  priceyVariantId: string
  baseUrl: string
}

function decodeJwt(token: string): Record<string, string> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"))
}

/**
 * A minimal store made through the Admin API, the way a merchant would: a USD "Puerto Rico"
 * region with ATH Móvil enabled, a EUR region, shipping, and two products (one at 0.50).
 */
export async function seedStore(api: AxiosInstance, container: { resolve(key: string): unknown }): Promise<SeededStore> {
  const reg = await api.post("/auth/user/emailpass/register", { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
  const { createUserAccountWorkflow } = require("@medusajs/core-flows")
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: decodeJwt(reg.data.token).auth_identity_id, userData: { email: ADMIN_EMAIL } },
  })
  const login = await api.post("/auth/user/emailpass", { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
  const adminHeaders = { headers: { authorization: `Bearer ${login.data.token}` } }

  const sc = (await api.post("/admin/sales-channels", { name: "Webshop" }, adminHeaders)).data.sales_channel
  const key = (await api.post("/admin/api-keys", { title: "store", type: "publishable" }, adminHeaders)).data.api_key
  await api.post(`/admin/api-keys/${key.id}/sales-channels`, { add: [sc.id] }, adminHeaders)

  const region = (
    await api.post(
      "/admin/regions",
      { name: "Puerto Rico", currency_code: "usd", countries: ["pr"], payment_providers: [ATH_PROVIDER_ID] },
      adminHeaders
    )
  ).data.region
  const eurRegion = (
    await api.post(
      "/admin/regions",
      { name: "Europe", currency_code: "eur", countries: ["es"], payment_providers: [ATH_PROVIDER_ID] },
      adminHeaders
    )
  ).data.region

  const loc = (await api.post("/admin/stock-locations", { name: "San Juan" }, adminHeaders)).data.stock_location
  await api.post(`/admin/stock-locations/${loc.id}/sales-channels`, { add: [sc.id] }, adminHeaders)
  await api.post(`/admin/stock-locations/${loc.id}/fulfillment-providers`, { add: ["manual_manual"] }, adminHeaders)
  const withSet = (
    await api.post(
      `/admin/stock-locations/${loc.id}/fulfillment-sets?fields=*fulfillment_sets`,
      { name: "PR shipping", type: "shipping" },
      adminHeaders
    )
  ).data.stock_location
  const zone = (
    await api.post(
      `/admin/fulfillment-sets/${withSet.fulfillment_sets[0].id}/service-zones`,
      {
        name: "PR+ES",
        geo_zones: [
          { type: "country", country_code: "pr" },
          { type: "country", country_code: "es" },
        ],
      },
      adminHeaders
    )
  ).data.fulfillment_set.service_zones[0]
  const profile = (await api.post("/admin/shipping-profiles", { name: "Default", type: "default" }, adminHeaders)).data
    .shipping_profile
  const option = (
    await api.post(
      "/admin/shipping-options",
      {
        name: "Standard",
        service_zone_id: zone.id,
        shipping_profile_id: profile.id,
        provider_id: "manual_manual",
        price_type: "flat",
        type: { label: "Standard", description: "Standard", code: "standard" },
        prices: [
          { currency_code: "usd", amount: 5 },
          { currency_code: "eur", amount: 5 },
        ],
        rules: [
          { attribute: "enabled_in_store", operator: "eq", value: "true" },
          { attribute: "is_return", operator: "eq", value: "false" },
        ],
      },
      adminHeaders
    )
  ).data.shipping_option

  const product = async (title: string, usd: number) =>
    (
      await api.post(
        "/admin/products",
        {
          title,
          status: "published",
          shipping_profile_id: profile.id,
          options: [{ title: "Size", values: ["One"] }],
          variants: [
            {
              title: "One",
              options: { Size: "One" },
              manage_inventory: false,
              prices: [
                { currency_code: "usd", amount: usd },
                { currency_code: "eur", amount: usd },
              ],
            },
          ],
          sales_channels: [{ id: sc.id }],
        },
        adminHeaders
      )
    ).data.product.variants[0].id

  return {
    adminHeaders,
    publishableKey: key.token,
    regionId: region.id,
    eurRegionId: eurRegion.id,
    shippingOptionId: option.id,
    variantId: await product("Café de Puerto Rico", 20),
    cheapVariantId: await product("Sticker", 0.5),
    priceyVariantId: await product("Hamaca artesanal", 1495.01),
    baseUrl: String(api.defaults.baseURL),
  }
}

/** The storefront side, through @medusajs/js-sdk as a real storefront would. */
export function storefront(store: SeededStore): Medusa {
  return new Medusa({ baseUrl: store.baseUrl, publishableKey: store.publishableKey })
}

const ADDRESS = {
  first_name: "Jane",
  last_name: "Rivera",
  address_1: "1 Calle Fortaleza",
  city: "San Juan",
  postal_code: "00901",
}

export async function cartReadyToPay(
  sdk: Medusa,
  store: SeededStore,
  opts: { variantId?: string; quantity?: number; regionId?: string; country?: string; shipping?: boolean } = {}
) {
  const country = opts.country ?? "pr"
  const address = { ...ADDRESS, country_code: country }
  const { cart } = await sdk.store.cart.create({
    region_id: opts.regionId ?? store.regionId,
    email: "jane@example.com",
    items: [{ variant_id: opts.variantId ?? store.variantId, quantity: opts.quantity ?? 1 }],
    shipping_address: address,
    billing_address: address,
  })
  if (opts.shipping === false) return cart
  const { cart: withShipping } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: store.shippingOptionId })
  return withShipping
}

export async function startAthPayment(sdk: Medusa, cart: { id: string }, phone = SHOPPER_PHONE, providerId = ATH_PROVIDER_ID) {
  const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart as never, {
    provider_id: providerId,
    data: { phone_number: phone, cart_id: cart.id },
  })
  const session = payment_collection.payment_sessions!.find((s) => s.provider_id === providerId)!
  return { paymentCollection: payment_collection, session }
}
