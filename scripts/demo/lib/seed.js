"use strict"
/**
 * Seeds the demo store through the Admin API of the running server, the way a merchant would
 * set it up in the dashboard. Idempotent: everything is looked up by name/handle first, so
 * running the demo again on the same database changes nothing.
 */
const { DemoError } = require("./errors")
const { PRODUCTS } = require("./catalog")

const ATH_PROVIDER_ID = "pp_athmovil_athmovil"
const STORE_NAME = "Tienda Boricua"
const NAMES = {
  salesChannel: "ATH Móvil demo store",
  apiKey: "ATH Móvil demo storefront",
  region: "Puerto Rico",
  location: "San Juan warehouse",
  fulfillmentSet: "Puerto Rico shipping",
  zone: "Puerto Rico",
  profile: "Default Shipping Profile",
  standard: "Standard (2–4 days)",
  express: "Express (next day)",
}

function adminApi(baseUrl, token) {
  async function call(method, path, body) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let json
    try {
      json = text ? JSON.parse(text) : {}
    } catch {
      json = { message: text }
    }
    if (!res.ok) throw new DemoError(`Seeding failed: ${method} ${path} → ${res.status} ${json.message ?? text}`, "SEED_FAILED")
    return json
  }
  return {
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body ?? {}),
  }
}

/** Logs in as the demo admin; returns a bearer token or null when the credentials are refused. */
async function login(baseUrl, { email, password }) {
  const res = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) return null
  return (await res.json()).token ?? null
}

async function seedDemoStore({ medusaUrl, admin, log = () => {} }) {
  const token = await login(medusaUrl, admin)
  if (!token) {
    throw new DemoError(
      `Could not log in as ${admin.email} with the demo password. If you changed it, use --fresh to start over with a new database.`,
      "SEED_FAILED"
    )
  }
  const api = adminApi(medusaUrl, token)
  const created = []

  // Sales channel + publishable key: what the storefront authenticates with.
  let sc = (await api.get(`/admin/sales-channels?limit=200`)).sales_channels.find((s) => s.name === NAMES.salesChannel)
  if (!sc) {
    sc = (await api.post("/admin/sales-channels", { name: NAMES.salesChannel, description: "Storefront of the ATH Móvil demo" })).sales_channel
    created.push("sales channel")
  }
  let key = (await api.get(`/admin/api-keys?type=publishable&limit=200`)).api_keys.find((k) => k.title === NAMES.apiKey && !k.revoked_at)
  if (!key) {
    key = (await api.post("/admin/api-keys", { title: NAMES.apiKey, type: "publishable" })).api_key
    created.push("publishable key")
  }
  const keyChannels = (await api.get(`/admin/api-keys/${key.id}?fields=*sales_channels`)).api_key.sales_channels ?? []
  if (!keyChannels.some((c) => c.id === sc.id)) await api.post(`/admin/api-keys/${key.id}/sales-channels`, { add: [sc.id] })

  // Store currency: USD.
  const store = (await api.get("/admin/stores?fields=*supported_currencies")).stores[0]
  if (store && !(store.supported_currencies ?? []).some((c) => c.currency_code === "usd")) {
    await api.post(`/admin/stores/${store.id}`, {
      supported_currencies: [...store.supported_currencies.map((c) => ({ currency_code: c.currency_code, is_default: c.is_default })), { currency_code: "usd" }],
    })
  }
  if (store && (store.default_sales_channel_id !== sc.id || store.name === "Medusa Store")) {
    await api.post(`/admin/stores/${store.id}`, {
      default_sales_channel_id: sc.id,
      ...(store.name === "Medusa Store" ? { name: STORE_NAME } : {}),
    })
  }

  // Region: Puerto Rico, USD, with ATH Móvil enabled.
  const regions = (await api.get("/admin/regions?limit=200&fields=*countries,*payment_providers")).regions
  let region = regions.find((r) => (r.countries ?? []).some((c) => c.iso_2 === "pr")) ?? regions.find((r) => r.name === NAMES.region)
  if (!region) {
    region = (
      await api.post("/admin/regions", {
        name: NAMES.region,
        currency_code: "usd",
        countries: ["pr"],
        payment_providers: [ATH_PROVIDER_ID],
        automatic_taxes: true,
      })
    ).region
    created.push("region")
  } else if (!(region.payment_providers ?? []).some((p) => p.id === ATH_PROVIDER_ID)) {
    const providers = (region.payment_providers ?? []).map((p) => p.id)
    await api.post(`/admin/regions/${region.id}`, { payment_providers: [...providers, ATH_PROVIDER_ID] })
  }

  // Stock location, fulfillment set, service zone, shipping profile and options.
  let location = (await api.get("/admin/stock-locations?limit=200&fields=*sales_channels,*fulfillment_sets,*fulfillment_providers")).stock_locations.find(
    (l) => l.name === NAMES.location
  )
  if (!location) {
    location = (
      await api.post("/admin/stock-locations?fields=*sales_channels,*fulfillment_sets,*fulfillment_providers", {
        name: NAMES.location,
        address: { address_1: "1 Calle Fortaleza", city: "San Juan", country_code: "pr", postal_code: "00901" },
      })
    ).stock_location
    created.push("stock location")
  }
  if (!(location.sales_channels ?? []).some((c) => c.id === sc.id)) {
    await api.post(`/admin/stock-locations/${location.id}/sales-channels`, { add: [sc.id] })
  }
  if (!(location.fulfillment_providers ?? []).some((p) => p.id === "manual_manual")) {
    await api.post(`/admin/stock-locations/${location.id}/fulfillment-providers`, { add: ["manual_manual"] })
  }
  let fset = (location.fulfillment_sets ?? []).find((f) => f.type === "shipping")
  if (!fset) {
    const withSet = (
      await api.post(`/admin/stock-locations/${location.id}/fulfillment-sets?fields=*fulfillment_sets`, {
        name: NAMES.fulfillmentSet,
        type: "shipping",
      })
    ).stock_location
    fset = withSet.fulfillment_sets.find((f) => f.type === "shipping")
  }
  const zones = (await api.get(`/admin/stock-locations/${location.id}?fields=*fulfillment_sets,*fulfillment_sets.service_zones`)).stock_location
    .fulfillment_sets.find((f) => f.id === fset.id).service_zones
  let zone = zones.find((z) => z.name === NAMES.zone)
  if (!zone) {
    zone = (
      await api.post(`/admin/fulfillment-sets/${fset.id}/service-zones`, {
        name: NAMES.zone,
        geo_zones: [{ type: "country", country_code: "pr" }],
      })
    ).fulfillment_set.service_zones.find((z) => z.name === NAMES.zone)
  }
  const profiles = (await api.get("/admin/shipping-profiles?limit=200")).shipping_profiles
  let profile = profiles.find((p) => p.type === "default") ?? profiles[0]
  if (!profile) {
    profile = (await api.post("/admin/shipping-profiles", { name: NAMES.profile, type: "default" })).shipping_profile
  }
  const options = (await api.get(`/admin/shipping-options?limit=200&service_zone_id=${zone.id}`)).shipping_options
  for (const [name, code, amount, description] of [
    [NAMES.standard, "standard", 5, "Delivered in 2–4 business days anywhere in Puerto Rico."],
    [NAMES.express, "express", 12, "Next business day in the metro area."],
  ]) {
    if (options.some((o) => o.name === name)) continue
    await api.post("/admin/shipping-options", {
      name,
      service_zone_id: zone.id,
      shipping_profile_id: profile.id,
      provider_id: "manual_manual",
      price_type: "flat",
      type: { label: name, description, code },
      prices: [{ currency_code: "usd", amount }],
      rules: [
        { attribute: "enabled_in_store", operator: "eq", value: "true" },
        { attribute: "is_return", operator: "eq", value: "false" },
      ],
    })
    created.push(`shipping option ${code}`)
  }

  // Products with pictures, sold in the demo sales channel.
  for (const p of PRODUCTS) {
    const existing = (await api.get(`/admin/products?handle=${encodeURIComponent(p.handle)}&fields=id`)).products[0]
    if (existing) continue
    await api.post("/admin/products", {
      title: p.title,
      handle: p.handle,
      description: p.description,
      status: "published",
      thumbnail: p.image,
      images: [{ url: p.image }],
      shipping_profile_id: profile.id,
      options: [{ title: "Option", values: ["Default"] }],
      variants: [
        {
          title: "Default",
          sku: `DEMO-${p.handle.toUpperCase()}`,
          options: { Option: "Default" },
          manage_inventory: false,
          prices: [{ currency_code: "usd", amount: p.price }],
        },
      ],
      sales_channels: [{ id: sc.id }],
    })
    created.push(`product ${p.handle}`)
  }

  log(created.length ? `Seeded: ${created.join(", ")}` : "Store already seeded; nothing to add")
  return { publishableKey: key.token, regionId: region.id, salesChannelId: sc.id, adminToken: token }
}

module.exports = { seedDemoStore, login, ATH_PROVIDER_ID }
