import { tryNormalisePhoneNumber } from "../../../lib/athmovil/phone"
import { shopperPhone, type SessionCartPhones } from "../cart-lookup"
import { accountHolderDataWithPhone, maskPhone, savedPhoneFromContext, SAVED_PHONE_KEY } from "../saved-phone"

const phones = (p: Partial<SessionCartPhones> = {}): SessionCartPhones => ({
  shipping: null,
  billing: null,
  customer: null,
  customer_id: "cus_ana",
  ...p,
})
const saved = { customerId: "cus_ana", phone: "7875550101" }

describe("shopperPhone: the one rule for the phone the ATH push goes to", () => {
  it("a typed phone wins over everything", () => {
    expect(shopperPhone("9395550404", phones({ shipping: "787-555-0303" }), "7875550505", tryNormalisePhoneNumber, saved)).toEqual({
      phone: "9395550404",
      source: "data.phone_number",
    })
  })

  it("the saved ATH phone of the cart's own customer ranks above the cart's address phones", () => {
    expect(
      shopperPhone(undefined, phones({ shipping: "787-555-0303", billing: "787-555-0202", customer: "7875550505" }), "7875550505", tryNormalisePhoneNumber, saved)
    ).toEqual({ phone: "7875550101", source: "saved" })
  })

  it("a saved phone of someone who is not the cart's customer is never used", () => {
    const other = { customerId: "cus_ben", phone: "7875559999" }
    expect(shopperPhone(undefined, phones({ shipping: "787-555-0303" }), undefined, tryNormalisePhoneNumber, other)).toEqual({
      phone: "7875550303",
      source: "shipping_address",
    })
    expect(shopperPhone(undefined, phones(), undefined, tryNormalisePhoneNumber, other)).toBeNull()
    // A cart without a customer (a guest's) takes no saved phone at all.
    expect(shopperPhone(undefined, phones({ customer_id: null }), undefined, tryNormalisePhoneNumber, saved)).toBeNull()
  })

  it("without a saved phone the order stays shipping, billing, customer, then the session's customer", () => {
    expect(shopperPhone(undefined, phones({ shipping: "n/a", billing: "(787) 555-0202" }), undefined, tryNormalisePhoneNumber, null)).toEqual({
      phone: "7875550202",
      source: "billing_address",
    })
    expect(shopperPhone(undefined, phones({ customer: "787.555.0505" }), "7875550606", tryNormalisePhoneNumber)).toEqual({
      phone: "7875550505",
      source: "customer",
    })
    expect(shopperPhone(undefined, phones(), "7875550606", tryNormalisePhoneNumber)).toEqual({ phone: "7875550606", source: "customer" })
  })
})

describe("the saved phone's record", () => {
  it("is read from the session's own customer and account holder, 10 digits only", () => {
    const holder = { data: { [SAVED_PHONE_KEY]: "7875550101" } }
    expect(savedPhoneFromContext({ customer: { id: "cus_ana" }, account_holder: holder })).toEqual(saved)
    expect(savedPhoneFromContext({ account_holder: holder })).toBeNull()
    expect(savedPhoneFromContext({ customer: { id: "cus_ana" }, account_holder: { data: { [SAVED_PHONE_KEY]: "12" } } })).toBeNull()
    expect(savedPhoneFromContext({ customer: { id: "cus_ana" } })).toBeNull()
    expect(savedPhoneFromContext(undefined)).toBeNull()
  })

  it("keeps only the provider's own checked keys when written", () => {
    expect(accountHolderDataWithPhone({ [SAVED_PHONE_KEY]: "(787) 555-0101", athmovil_phone_paid_at: "2026-12-01T10:00:00.000Z", other: "x" })).toEqual({
      [SAVED_PHONE_KEY]: "7875550101",
      athmovil_phone_paid_at: "2026-12-01T10:00:00.000Z",
    })
    expect(accountHolderDataWithPhone({ [SAVED_PHONE_KEY]: "not a phone" })).toEqual({})
    expect(accountHolderDataWithPhone(null)).toEqual({})
  })

  it("is shown masked, last four digits only", () => {
    expect(maskPhone("7875550101")).toBe("(•••) •••-0101")
  })
})
