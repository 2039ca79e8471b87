import { storeSuite } from "../helpers/suite-group"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import athmovilSetupRegion, { IVU_RATE, setupPuertoRicoRegion, type SetupRegionOptions } from "../../src/scripts/athmovil-setup-region"
import { useSandbox } from "../helpers/sandbox"

jest.setTimeout(180_000)

useSandbox()

const ATH = "pp_athmovil_athmovil"
const OPTS: SetupRegionOptions = { name: "Puerto Rico", shippingAmount: 5, providerId: ATH }

storeSuite({
  testSuite: ({ getContainer }) => {
    const c = () => getContainer()

    /** What a shopper's checkout in Puerto Rico depends on, as Medusa's own rows say. */
    async function state() {
      const query = c().resolve(ContainerRegistrationKeys.QUERY)
      const { data: regions } = await query.graph({
        entity: "region",
        fields: ["id", "name", "currency_code", "countries.iso_2", "payment_providers.id"],
      })
      const taxRegions = await c().resolve(Modules.TAX).listTaxRegions({ country_code: "pr" }, { relations: ["tax_rates"] })
      const { data: zones } = await query.graph({ entity: "service_zone", fields: ["id", "name", "geo_zones.country_code", "fulfillment_set.type"] })
      const { data: options } = await query.graph({
        entity: "shipping_option",
        fields: ["id", "name", "service_zone_id", "prices.currency_code", "prices.amount", "rules.attribute", "rules.value"],
      })
      const [store] = await c().resolve(Modules.STORE).listStores({}, { relations: ["supported_currencies"] })
      return {
        regions: regions
          .map((r: any) => ({
            id: r.id,
            name: r.name,
            currency: r.currency_code,
            countries: (r.countries ?? []).map((x: any) => x.iso_2).sort(),
            providers: (r.payment_providers ?? []).map((p: any) => p.id).sort(),
          }))
          .sort((a: any, b: any) => a.id.localeCompare(b.id)),
        taxRates: taxRegions.flatMap((t: any) => (t.tax_rates ?? []).map((r: any) => ({ region: t.id, rate: Number(r.rate), code: r.code, is_default: r.is_default }))),
        zones: zones.map((z: any) => ({ id: z.id, name: z.name, countries: (z.geo_zones ?? []).map((g: any) => g.country_code) })),
        options: options.map((o: any) => ({
          id: o.id,
          zone: o.service_zone_id,
          prices: (o.prices ?? []).map((p: any) => `${p.currency_code}:${p.amount}`).sort(),
        })),
        storeCurrencies: (store?.supported_currencies ?? []).map((x: any) => x.currency_code).sort(),
      }
    }

    it("refuses a region of that name in EUR, naming it and the reason, and writes nothing", async () => {
      const regionModule = c().resolve(Modules.REGION)
      const eur = await regionModule.createRegions({ name: "Puerto Rico", currency_code: "eur", countries: ["es"] })
      const before = await state()

      await expect(setupPuertoRicoRegion(c(), OPTS)).rejects.toThrow(
        new RegExp(`Region "Puerto Rico" \\(${eur.id}\\) is in EUR; ATH Móvil takes USD only and this helper never changes an existing region's currency.*Nothing was changed`)
      )
      expect(await state()).toEqual(before)

      // Through `medusa exec`'s entry: the message is logged, the exit code says it failed.
      const logged: string[] = []
      const logger = c().resolve(ContainerRegistrationKeys.LOGGER)
      const spy = jest.spyOn(logger, "error").mockImplementation((m: unknown) => void logged.push(String(m)))
      const exitCode = process.exitCode
      await athmovilSetupRegion({ container: c(), args: [] } as never)
      spy.mockRestore()
      expect(process.exitCode).toBe(1)
      process.exitCode = exitCode
      expect(logged.join("\n")).toMatch(/is in EUR/)
      expect(await state()).toEqual(before)

      await regionModule.deleteRegions(eur.id)
    })

    it("refuses when pr already belongs to another region", async () => {
      const regionModule = c().resolve(Modules.REGION)
      const other = await regionModule.createRegions({ name: "Caribe", currency_code: "usd", countries: ["pr"] })
      const before = await state()
      await expect(setupPuertoRicoRegion(c(), OPTS)).rejects.toThrow(/Puerto Rico \(pr\) already belongs to region "Caribe".*Run again with --name "Caribe"/)
      expect(await state()).toEqual(before)
      await regionModule.deleteRegions(other.id)
    })

    it("completes an existing USD region, creates the rest, and a second run changes nothing", async () => {
      const regionModule = c().resolve(Modules.REGION)
      const existing = await regionModule.createRegions({ name: "Puerto Rico", currency_code: "usd", countries: [] })
      await c()
        .resolve(ContainerRegistrationKeys.LINK)
        .create({ [Modules.REGION]: { region_id: existing.id }, [Modules.PAYMENT]: { payment_provider_id: "pp_system_default" } })

      const first = await setupPuertoRicoRegion(c(), OPTS)
      expect(first).toEqual(
        expect.objectContaining({
          region: { id: existing.id, change: "updated" },
          taxRegion: expect.objectContaining({ change: "created" }),
          serviceZone: expect.objectContaining({ change: "created" }),
          shippingOption: expect.objectContaining({ change: "created" }),
        })
      )
      const after = await state()
      expect(after.regions.find((r: any) => r.id === existing.id)).toEqual({
        id: existing.id,
        name: "Puerto Rico",
        currency: "usd",
        countries: ["pr"],
        providers: [ATH, "pp_system_default"],
      })
      expect(after.taxRates).toEqual([{ region: first.taxRegion.id, rate: IVU_RATE, code: "IVU", is_default: true }])
      expect(after.zones).toEqual(expect.arrayContaining([{ id: first.serviceZone.id, name: "Puerto Rico", countries: ["pr"] }]))
      expect(after.options).toEqual([{ id: first.shippingOption.id, zone: first.serviceZone.id, prices: ["usd:5", "usd:5"] }])
      expect(after.storeCurrencies).toContain("usd")

      const second = await setupPuertoRicoRegion(c(), OPTS)
      expect(second).toEqual({
        region: { id: existing.id, change: "unchanged" },
        taxRegion: { id: first.taxRegion.id, change: "unchanged" },
        stockLocation: { id: first.stockLocation.id, change: "unchanged" },
        serviceZone: { id: first.serviceZone.id, change: "unchanged" },
        shippingOption: { id: first.shippingOption.id, change: "unchanged" },
        storeCurrency: "unchanged",
      })
      expect(await state()).toEqual(after)

      // A Puerto Rico cart is offered the shipping option, and IVU applies (the runner empties the
      // database after each test, so this runs on the store the helper just set up).
      const cartModule = c().resolve(Modules.CART)
      const [store] = await c().resolve(Modules.STORE).listStores()
      const cart = await cartModule.createCarts({
        region_id: existing.id,
        currency_code: "usd",
        sales_channel_id: store.default_sales_channel_id!,
        shipping_address: { country_code: "pr" },
      })
      const { listShippingOptionsForCartWorkflow } = require("@medusajs/medusa/core-flows")
      const { result } = await listShippingOptionsForCartWorkflow(c()).run({ input: { cart_id: cart.id } })
      expect(result.map((o: any) => ({ name: o.name, amount: Number(o.amount) }))).toEqual([{ name: "Standard Shipping (Puerto Rico)", amount: 5 }])
      const rates = await c().resolve(Modules.TAX).getTaxLines([{ id: "li_1", product_id: "prod_1", quantity: 1, unit_price: 100, currency_code: "usd" } as never], {
        address: { country_code: "pr" },
      } as never)
      expect(rates.map((r: any) => Number(r.rate))).toEqual([IVU_RATE])
    })
  },
})
