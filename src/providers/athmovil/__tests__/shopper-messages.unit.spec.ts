import { ATH_FAILURE_REASONS } from "../../../lib/athmovil/failure-actor"
import { resolveShopperLocale } from "../shopper-locale"
import { SHOPPER_MESSAGES, isShopperMessageId, placeholdersOf, shopperMessage, valuesIn, type ShopperMessageId } from "../shopper-messages"

const ids = Object.keys(SHOPPER_MESSAGES.en) as ShopperMessageId[]

describe("the shopper message catalogue", () => {
  it("has every id in English and Spanish, with the same placeholders, and no English left in Spanish", () => {
    expect(Object.keys(SHOPPER_MESSAGES.es).sort()).toEqual([...ids].sort())
    for (const id of ids) {
      expect(placeholdersOf(SHOPPER_MESSAGES.es[id]).sort()).toEqual(placeholdersOf(SHOPPER_MESSAGES.en[id]).sort())
      expect(SHOPPER_MESSAGES.es[id]).not.toEqual(SHOPPER_MESSAGES.en[id])
      expect(SHOPPER_MESSAGES.en[id].trim()).not.toBe("")
    }
  })

  it("has a text for every shopper-fixable ATH failure, so the failure's reason is the answer's code", () => {
    const shopperReasons = Object.entries(ATH_FAILURE_REASONS).filter(([, actor]) => actor === "shopper").map(([r]) => r)
    expect(shopperReasons.filter((r) => !isShopperMessageId(r))).toEqual([])
  })

  it("fills values in either language, and reads them back from the English text", () => {
    expect(shopperMessage("total_below_minimum", "en", { total: "0.50" })).toBe("ATH Móvil needs a total of at least $1.00; this cart's total is $0.50.")
    expect(shopperMessage("phone_change_limit", "es", { max: 3 })).toMatch(/como máximo 3 veces/)
    expect(valuesIn("total_above_maximum", shopperMessage("total_above_maximum", "en", { total: "1500.01" }))).toEqual({ total: "1500.01" })
    expect(valuesIn("currency_not_usd", "ATH Móvil only takes payments in US dollars; this cart is in EUR.")).toEqual({ currency: "EUR" })
    expect(valuesIn("currency_not_usd", "ATH Móvil only takes payments in USD; something else")).toBeNull()
    expect(valuesIn("phone_invalid", SHOPPER_MESSAGES.en.phone_invalid)).toEqual({})
  })
})

describe("resolveShopperLocale", () => {
  it.each([
    ["es", undefined, "es"],
    ["es-PR", undefined, "es"],
    ["es_419", undefined, "es"],
    ["EN-us", "es-PR", "en"],
    ["fr", "es-PR,es;q=0.9", "es"],
    [undefined, "es-PR", "es"],
    [undefined, "es-419,en;q=0.5", "es"],
    [undefined, "en-US,es;q=0.9", "en"],
    [undefined, "fr-FR, es;q=0.8, en;q=0.7", "es"],
    [undefined, "es;q=0, en;q=0.1", "en"],
    [undefined, "de", "en"],
    [undefined, "", "en"],
    [undefined, undefined, "en"],
  ])("locale %p with Accept-Language %p → %s", (explicit, header, expected) => {
    expect(resolveShopperLocale(explicit, header)).toBe(expected)
  })
})
