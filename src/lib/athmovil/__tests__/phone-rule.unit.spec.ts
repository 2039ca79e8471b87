import { tryNormalisePhoneNumber } from "../phone"
import { normaliseAthMovilPhone } from "../../../storefront/phone"

/** One phone rule: what the storefront kit accepts locally is exactly what the server accepts. */
describe("the phone rule, shared by the storefront kit and the server", () => {
  it.each([
    ["7875550100", "7875550100"],
    ["787-555-0100", "7875550100"],
    ["787.555.0100", "7875550100"],
    ["787 555 0100", "7875550100"],
    ["(787) 555-0100", "7875550100"],
    ["+1 (787) 555-0100", "7875550100"],
    ["1-787-555-0100", "7875550100"],
    ["  939-555-0100 ", "9395550100"],
    [7875550100, "7875550100"],
    ["78-75-55-01-00", null],
    ["787555010", null],
    ["78755501000", null],
    ["+44 20 7946 0958", null],
    ["787-555-01OO", null],
    ["", null],
  ])("%j → %j on both sides", (input, expected) => {
    expect(tryNormalisePhoneNumber(input)).toBe(expected)
    expect(normaliseAthMovilPhone(input as string)).toBe(expected)
  })
})
