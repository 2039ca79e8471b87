/**
 * `GET /store/athmovil/eligibility?cart_id=` against a real Medusa: USD only, totals 1.00–1500.00
 * (the provider's own limits), ATH Móvil enabled in the cart's region; reasons in English or
 * Spanish; the kit's `getAthMovilEligibility` reads the same answer.
 */
import { storeSuite } from "../helpers/suite-group"
import { useSandbox } from "../helpers/sandbox"
import { cartReadyToPay, seedStore, storefront, type SeededStore } from "../helpers/store"
import { AthMovilPaymentError, getAthMovilEligibility } from "../../src/storefront"

jest.setTimeout(120_000)

const sandbox = useSandbox()

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const get = (query: string, headers: Record<string, string> = {}) =>
      api.get(`/store/athmovil/eligibility${query}`, {
        headers: { "x-publishable-api-key": store.publishableKey, ...headers },
        validateStatus: () => true,
      })

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    it("a USD cart in a region with ATH Móvil is eligible, and asking costs ATH nothing", async () => {
      const cart = await cartReadyToPay(storefront(store), store)
      const res = await get(`?cart_id=${cart.id}`)
      expect(res.status).toBe(200)
      expect(res.data).toEqual({ eligible: true, reasons: [] })
      expect(res.headers["cache-control"]).toBe("no-store")
      expect(sandbox().callCount("payment")).toBe(0)
      await expect(getAthMovilEligibility(storefront(store), cart.id)).resolves.toEqual({ eligible: true, reasons: [] })
    })

    it("a EUR cart is refused with the currency, in English by default and in Spanish by Accept-Language or locale", async () => {
      const cart = await cartReadyToPay(storefront(store), store, { regionId: store.eurRegionId, country: "es" })
      const en = await get(`?cart_id=${cart.id}`)
      expect(en.status).toBe(200)
      expect(en.data).toEqual({
        eligible: false,
        reasons: [{ code: "currency_not_usd", message: "ATH Móvil only takes payments in US dollars; this cart is in EUR." }],
      })
      const es = await get(`?cart_id=${cart.id}`, { "accept-language": "es-PR,es;q=0.9,en;q=0.8" })
      expect(es.data.reasons).toEqual([
        { code: "currency_not_usd", message: "ATH Móvil solo acepta pagos en dólares estadounidenses; este carrito está en EUR." },
      ])
      expect(es.headers["content-language"]).toBe("es")
      // Accept-Language by quality, not by order.
      const ranked = await get(`?cart_id=${cart.id}`, { "accept-language": "en;q=0.3, es;q=0.7" })
      expect(ranked.data.reasons[0].message).toMatch(/^ATH Móvil solo acepta/)
      // An explicit locale wins over the header.
      const explicit = await get(`?cart_id=${cart.id}&locale=en`, { "accept-language": "es" })
      expect(explicit.data.reasons[0].message).toMatch(/^ATH Móvil only takes/)
      // The js-sdk's locale header counts as Medusa's request locale.
      const header = await get(`?cart_id=${cart.id}`, { "x-medusa-locale": "es-PR" })
      expect(header.data).toEqual(es.data)
      // A language without texts here falls back to Accept-Language, then English: not an error.
      expect((await get(`?cart_id=${cart.id}&locale=fr-FR`, { "accept-language": "es" })).data).toEqual(es.data)
      expect((await get(`?cart_id=${cart.id}&locale=fr-FR`)).data).toEqual(en.data)
      const viaKit = await getAthMovilEligibility(storefront(store), cart.id, { locale: "es" })
      expect(viaKit).toEqual(es.data)
    })

    it("totals outside 1.00–1500.00 name the limit and the cart's total", async () => {
      const sdk = storefront(store)
      const cheap = await cartReadyToPay(sdk, store, { variantId: store.cheapVariantId, shipping: false })
      const low = await get(`?cart_id=${cheap.id}`)
      expect(low.data).toEqual({
        eligible: false,
        reasons: [{ code: "total_below_minimum", message: "ATH Móvil needs a total of at least $1.00; this cart's total is $0.50." }],
      })
      // 1495.01 + 5.00 shipping = 1500.01: one cent over.
      const pricey = await cartReadyToPay(sdk, store, { variantId: store.priceyVariantId })
      const high = await get(`?cart_id=${pricey.id}&locale=es-PR`)
      expect(high.data).toEqual({
        eligible: false,
        reasons: [
          { code: "total_above_maximum", message: "ATH Móvil acepta totales de hasta $1500.00; el total de este carrito es $1500.01." },
        ],
      })
      // Without shipping the same product is 1495.01: eligible. The answer follows the cart.
      const noShipping = await cartReadyToPay(sdk, store, { variantId: store.priceyVariantId, shipping: false })
      expect((await get(`?cart_id=${noShipping.id}`)).data).toEqual({ eligible: true, reasons: [] })
    })

    it("a USD region without ATH Móvil enabled is refused with the region reason", async () => {
      const region = (
        await api.post("/admin/regions", { name: "US mainland", currency_code: "usd", countries: ["us"], payment_providers: [] }, store.adminHeaders)
      ).data.region
      const cart = await cartReadyToPay(storefront(store), store, { regionId: region.id, country: "us", shipping: false })
      const res = await get(`?cart_id=${cart.id}`)
      expect(res.data).toEqual({
        eligible: false,
        reasons: [{ code: "not_enabled_in_region", message: "ATH Móvil is not offered in this cart's region." }],
      })
    })

    it("bad input is a 400 naming the field; an unknown cart a 404", async () => {
      const missing = await get("")
      expect(missing.status).toBe(400)
      expect(missing.data.message).toMatch(/cart_id/)
      const extra = await get("?cart_id=cart_1&total=1")
      expect(extra.status).toBe(400)
      expect(extra.data.message).toMatch(/total/)
      const unknown = await get("?cart_id=cart_doesnotexist")
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toMatch(/cart_doesnotexist/)
      const viaKit = await getAthMovilEligibility(storefront(store), "cart_doesnotexist").catch((e) => e)
      expect(viaKit).toBeInstanceOf(AthMovilPaymentError)
      expect(viaKit).toMatchObject({ code: "request_failed", status: 404 })
    })
  },
})
