import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import {
  createLocationFulfillmentSetWorkflow,
  createRegionsWorkflow,
  createServiceZonesWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRatesWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { ATHMOVIL_PROVIDER_ID } from "../storefront/types"

/*
 * npx medusa exec ./node_modules/medusa-payment-athmovil/.medusa/server/src/scripts/athmovil-setup-region.js
 *   [-- --name "Puerto Rico" --shipping-amount 5 --provider pp_athmovil_athmovil]
 *
 * What a store needs before ATH Móvil can take a payment: a USD region holding Puerto Rico with the
 * provider enabled, Puerto Rico's IVU (11.5 %) as its tax rate, a service zone for `pr` and a USD
 * shipping option in it. Creates what is missing, fixes what is incomplete, leaves the rest alone,
 * so a second run changes nothing. Everything is read and checked before the first write: a region
 * of that name in another currency (or `pr` in another region) is refused, never converted, because
 * its prices, carts and orders are in that currency.
 */

export const IVU_RATE = 11.5
const TAX_CODE = "IVU"
const COUNTRY = "pr"
const ZONE_NAME = "Puerto Rico"

export interface SetupRegionOptions {
  name: string
  shippingAmount: number
  providerId: string
}

export type Change = "created" | "updated" | "unchanged"
export interface SetupRegionResult {
  region: { id: string; change: Change }
  taxRegion: { id: string; change: Change }
  stockLocation: { id: string; change: Change }
  serviceZone: { id: string; change: Change }
  shippingOption: { id: string; change: Change }
  storeCurrency: Change
}

const USAGE = 'usage: npx medusa exec <path>/athmovil-setup-region.js -- [--name "Puerto Rico"] [--shipping-amount 5] [--provider pp_athmovil_athmovil]'

/** `--name X`, `--name=X`; yargs may hand over `--` itself too. */
export function parseSetupArgs(args: string[]): SetupRegionOptions {
  const out: SetupRegionOptions = { name: "Puerto Rico", shippingAmount: 5, providerId: ATHMOVIL_PROVIDER_ID }
  for (let i = 0; i < args.length; i++) {
    const arg = String(args[i])
    if (arg === "--") continue
    const m = /^--(name|shipping-amount|provider)(?:=(.*))?$/.exec(arg)
    if (!m) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown argument "${arg}". ${USAGE}`)
    const value = m[2] ?? args[++i]
    if (value === undefined || value === "") throw new MedusaError(MedusaError.Types.INVALID_DATA, `--${m[1]} needs a value. ${USAGE}`)
    if (m[1] === "name") out.name = value
    else if (m[1] === "provider") out.providerId = value
    else {
      // A shipping price in dollars with at most two decimals; kept as given (Medusa stores decimals).
      if (!/^\d{1,6}(\.\d{1,2})?$/.test(value)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `--shipping-amount must be an amount in dollars like 5 or 4.99, got "${value}"`)
      }
      out.shippingAmount = Number(value)
    }
  }
  if (!out.name.trim()) throw new MedusaError(MedusaError.Types.INVALID_DATA, "--name must not be empty")
  return out
}

interface RegionRow {
  id: string
  name: string
  currency_code: string
  countries?: Array<{ iso_2: string }>
  payment_providers?: Array<{ id: string }>
}

interface LocationRow {
  id: string
  name: string
  sales_channels?: Array<{ id: string }>
  fulfillment_providers?: Array<{ id: string }>
  fulfillment_sets?: Array<{
    id: string
    type: string
    service_zones?: Array<{ id: string; name: string; geo_zones?: Array<{ type: string; country_code: string }> }>
  }>
}

/** Reads everything, refuses or plans, then writes only what is missing. */
export async function setupPuertoRicoRegion(container: MedusaContainer, opts: SetupRegionOptions): Promise<SetupRegionResult> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const paymentModule = container.resolve(Modules.PAYMENT)
  const taxModule = container.resolve(Modules.TAX)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const storeModule = container.resolve(Modules.STORE)

  // ---- checks: nothing is written before all of them pass
  const [provider] = await paymentModule.listPaymentProviders({ id: opts.providerId })
  if (!provider || provider.is_enabled === false) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Payment provider ${opts.providerId} is not registered: add medusa-payment-athmovil/providers/athmovil to the payment module in medusa-config.ts (README, Install step 2), or pass --provider with your provider's id`
    )
  }
  const { data: regions } = (await query.graph({
    entity: "region",
    fields: ["id", "name", "currency_code", "countries.iso_2", "payment_providers.id"],
  })) as { data: RegionRow[] }
  const region = regions.find((r) => r.name === opts.name)
  if (region && region.currency_code.toLowerCase() !== "usd") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Region "${opts.name}" (${region.id}) is in ${region.currency_code.toUpperCase()}; ATH Móvil takes USD only and this helper never changes an existing region's currency (its prices, carts and orders are in ${region.currency_code.toUpperCase()}). Rename that region or pass --name with another name. Nothing was changed.`
    )
  }
  const holder = regions.find((r) => r.id !== region?.id && (r.countries ?? []).some((c) => c.iso_2 === COUNTRY))
  if (holder) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Puerto Rico (pr) already belongs to region "${holder.name}" (${holder.id}, ${holder.currency_code.toUpperCase()}); a country can be in one region only. ${
        holder.currency_code.toLowerCase() === "usd" ? `Run again with --name "${holder.name}".` : "Remove pr from that region first."
      } Nothing was changed.`
    )
  }

  const result: SetupRegionResult = {
    region: { id: "", change: "unchanged" },
    taxRegion: { id: "", change: "unchanged" },
    stockLocation: { id: "", change: "unchanged" },
    serviceZone: { id: "", change: "unchanged" },
    shippingOption: { id: "", change: "unchanged" },
    storeCurrency: "unchanged",
  }

  // ---- the store sells in USD (needed to price products and shipping in dollars)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  if (store && !(store.supported_currencies ?? []).some((c) => c.currency_code === "usd")) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          supported_currencies: [
            ...(store.supported_currencies ?? []).map((c) => ({ currency_code: c.currency_code, is_default: c.is_default })),
            { currency_code: "usd", is_default: false },
          ],
        },
      },
    })
    result.storeCurrency = "updated"
  }

  // ---- region: USD, pr, the provider enabled (other providers kept)
  if (!region) {
    const { result: created } = await createRegionsWorkflow(container).run({
      input: { regions: [{ name: opts.name, currency_code: "usd", countries: [COUNTRY], payment_providers: [opts.providerId], automatic_taxes: true }] },
    })
    result.region = { id: created[0].id, change: "created" }
  } else {
    const countries = (region.countries ?? []).map((c) => c.iso_2)
    const providers = (region.payment_providers ?? []).map((p) => p.id)
    const update: { countries?: string[]; payment_providers?: string[] } = {}
    if (!countries.includes(COUNTRY)) update.countries = [...countries, COUNTRY]
    if (!providers.includes(opts.providerId)) update.payment_providers = [...providers, opts.providerId]
    if (Object.keys(update).length) {
      await updateRegionsWorkflow(container).run({ input: { selector: { id: region.id }, update } })
      result.region = { id: region.id, change: "updated" }
    } else result.region = { id: region.id, change: "unchanged" }
  }

  // ---- tax: the country-level tax region for pr with IVU as its default rate
  const taxRegion = (await taxModule.listTaxRegions({ country_code: COUNTRY }, { relations: ["tax_rates"] })).find((t) => !t.parent_id) as
    | { id: string; tax_rates?: Array<{ id: string; is_default: boolean }> }
    | undefined
  if (!taxRegion) {
    const { result: created } = await createTaxRegionsWorkflow(container).run({
      input: [{ country_code: COUNTRY, provider_id: "tp_system", default_tax_rate: { rate: IVU_RATE, code: TAX_CODE, name: "IVU (Puerto Rico sales and use tax)" } }],
    })
    result.taxRegion = { id: created[0].id, change: "created" }
  } else {
    const defaultRate = (taxRegion.tax_rates ?? []).find((r) => r.is_default)
    if (!defaultRate) {
      await createTaxRatesWorkflow(container).run({
        input: [{ tax_region_id: taxRegion.id, rate: IVU_RATE, code: TAX_CODE, name: "IVU (Puerto Rico sales and use tax)", is_default: true }],
      })
      result.taxRegion = { id: taxRegion.id, change: "updated" }
    } else {
      // A merchant who set another default rate (e.g. a municipality's) keeps it: reported, not overwritten.
      result.taxRegion = { id: taxRegion.id, change: "unchanged" }
    }
  }

  // ---- where shipments to pr leave from: the location already serving pr, else the first one, else a new one
  const { data: locations } = (await query.graph({
    entity: "stock_location",
    fields: [
      "id",
      "name",
      "sales_channels.id",
      "fulfillment_providers.id",
      "fulfillment_sets.id",
      "fulfillment_sets.type",
      "fulfillment_sets.service_zones.id",
      "fulfillment_sets.service_zones.name",
      "fulfillment_sets.service_zones.geo_zones.type",
      "fulfillment_sets.service_zones.geo_zones.country_code",
    ],
  })) as { data: LocationRow[] }
  const servesPr = (l: LocationRow) =>
    (l.fulfillment_sets ?? []).flatMap((s) => (s.type === "shipping" ? s.service_zones ?? [] : [])).find((z) => (z.geo_zones ?? []).some((g) => g.country_code === COUNTRY))
  let location = locations.find((l) => servesPr(l)) ?? locations[0]
  if (!location) {
    const { result: created } = await createStockLocationsWorkflow(container).run({
      input: { locations: [{ name: "Puerto Rico warehouse", address: { address_1: "", city: "San Juan", country_code: "PR" } }] },
    })
    location = { id: created[0].id, name: created[0].name, fulfillment_sets: [], sales_channels: [], fulfillment_providers: [] }
    result.stockLocation = { id: location.id, change: "created" }
  } else result.stockLocation = { id: location.id, change: "unchanged" }

  if (!(location.fulfillment_providers ?? []).some((p) => p.id === "manual_manual")) {
    await link.create({ [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" } })
    if (result.stockLocation.change === "unchanged") result.stockLocation.change = "updated"
  }
  if (!(location.sales_channels ?? []).length && store?.default_sales_channel_id) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [store.default_sales_channel_id] } })
    if (result.stockLocation.change === "unchanged") result.stockLocation.change = "updated"
  }

  let zone = servesPr(location)
  if (zone) result.serviceZone = { id: zone.id, change: "unchanged" }
  else {
    let set = (location.fulfillment_sets ?? []).find((s) => s.type === "shipping")
    if (!set) {
      await createLocationFulfillmentSetWorkflow(container).run({
        input: { location_id: location.id, fulfillment_set_data: { name: `${location.name} shipping`, type: "shipping" } },
      })
      const { data } = (await query.graph({ entity: "stock_location", fields: ["fulfillment_sets.id", "fulfillment_sets.type"], filters: { id: location.id } })) as {
        data: LocationRow[]
      }
      set = data[0].fulfillment_sets!.find((s) => s.type === "shipping")!
    }
    const { result: zones } = await createServiceZonesWorkflow(container).run({
      input: { data: [{ fulfillment_set_id: set.id, name: ZONE_NAME, geo_zones: [{ type: "country", country_code: COUNTRY }] }] },
    })
    zone = { id: zones[0].id, name: zones[0].name }
    result.serviceZone = { id: zone.id, change: "created" }
  }

  // ---- a USD shipping option in that zone (any existing one with a USD price counts)
  const options = await fulfillmentModule.listShippingOptions({ service_zone: { id: zone.id } }, { relations: ["rules"] })
  const outbound = options.filter((o) => !(o.rules ?? []).some((r) => r.attribute === "is_return" && String(r.value) === "true"))
  const { data: priced } = outbound.length
    ? ((await query.graph({ entity: "shipping_option", fields: ["id", "prices.currency_code"], filters: { id: outbound.map((o) => o.id) } })) as {
        data: Array<{ id: string; prices?: Array<{ currency_code: string }> }>
      })
    : { data: [] }
  const usdOption = priced.find((o) => (o.prices ?? []).some((p) => p.currency_code === "usd"))
  if (usdOption) result.shippingOption = { id: usdOption.id, change: "unchanged" }
  else {
    const profiles = await fulfillmentModule.listShippingProfiles({})
    let profile = profiles.find((p) => p.type === "default") ?? profiles[0]
    if (!profile) {
      const { result: created } = await createShippingProfilesWorkflow(container).run({ input: { data: [{ name: "Default Shipping Profile", type: "default" }] } })
      profile = created[0]
    }
    const { result: created } = await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: "Standard Shipping (Puerto Rico)",
          price_type: "flat",
          provider_id: "manual_manual",
          service_zone_id: zone.id,
          shipping_profile_id: profile.id,
          type: { label: "Standard", description: "Ships within Puerto Rico.", code: "standard-pr" },
          prices: [
            { currency_code: "usd", amount: opts.shippingAmount },
            { region_id: result.region.id, amount: opts.shippingAmount },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      ],
    })
    result.shippingOption = { id: created[0].id, change: "created" }
  }
  return result
}

/** `npx medusa exec` hands over everything after the script path; strip what precedes `--`. */
function scriptArgs(argv: string[], fallback: string[]): string[] {
  const dash = argv.indexOf("--")
  return dash >= 0 ? argv.slice(dash + 1) : fallback
}

export default async function athmovilSetupRegion({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const opts = parseSetupArgs(scriptArgs(process.argv, (args ?? []).map(String)))
  try {
    const r = await setupPuertoRicoRegion(container, opts)
    logger.info(
      [
        `ATH Móvil store setup for region "${opts.name}":`,
        `  region ${r.region.id} (USD, pr, ${opts.providerId}): ${r.region.change}`,
        `  tax region ${r.taxRegion.id} (IVU ${IVU_RATE} %): ${r.taxRegion.change}`,
        `  stock location ${r.stockLocation.id}: ${r.stockLocation.change}`,
        `  service zone ${r.serviceZone.id} (pr): ${r.serviceZone.change}`,
        `  shipping option ${r.shippingOption.id} (USD): ${r.shippingOption.change}`,
        `  store currency usd: ${r.storeCurrency}`,
      ].join("\n")
    )
  } catch (e) {
    logger.error((e as Error).message)
    process.exitCode = 1
  }
}
