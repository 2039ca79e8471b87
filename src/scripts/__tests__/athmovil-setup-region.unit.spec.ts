import { parseSetupArgs } from "../athmovil-setup-region"

describe("athmovil-setup-region arguments", () => {
  it("defaults to a Puerto Rico region, 5.00 shipping and the README's provider id", () => {
    expect(parseSetupArgs([])).toEqual({ name: "Puerto Rico", shippingAmount: 5, providerId: "pp_athmovil_athmovil" })
  })

  it("takes --name, --shipping-amount and --provider, with = or a separate value, after yargs' --", () => {
    expect(parseSetupArgs(["--", "--name", "PR Tienda", "--shipping-amount=4.99", "--provider", "pp_athmovil_pr"])).toEqual({
      name: "PR Tienda",
      shippingAmount: 4.99,
      providerId: "pp_athmovil_pr",
    })
  })

  it("refuses unknown arguments, missing values and amounts that are not dollars and cents", () => {
    expect(() => parseSetupArgs(["--currency", "eur"])).toThrow(/Unknown argument "--currency"/)
    expect(() => parseSetupArgs(["--name"])).toThrow(/--name needs a value/)
    expect(() => parseSetupArgs(["--name", " "])).toThrow(/--name must not be empty/)
    for (const bad of ["-1", "5.001", "abc", "1e3"]) {
      expect(() => parseSetupArgs(["--shipping-amount", bad])).toThrow(/--shipping-amount must be an amount in dollars/)
    }
  })
})
