import { ValidationError, normaliseWebhook } from ".."

/** The 2020 documentation's eCommerce completed event (API.md §4): lowercase, strings, no ecommerceId. */
const legacyCompleted = {
  transactionType: "ecommerce",
  status: "completed",
  date: "2020-01-01 12:00:00.0",
  referenceNumber: "402894d56b240610016b2e6c78a6003a",
  dailyTransactionID: "0012",
  name: "Valeria Herrero",
  phoneNumber: "7871234567",
  email: "email@example.com",
  message: "",
  total: "3.00",
  tax: "1.00",
  subtotal: "2.00",
  fee: "0.06",
  netAmount: "2.94",
  totalRefundedAmount: "0.00",
  metadata1: "pay_sess_01J9ZX",
  metadata2: "cart_01J9ZX",
  items: [{ quantity: "1", tax: "1.00", metadata: "m", name: "Shirt", description: "Blue", price: "2.00" }],
}

const legacyCancelled = {
  ...legacyCompleted,
  status: "cancelled",
  referenceNumber: "",
  dailyTransactionID: "",
  name: "",
  phoneNumber: "",
  email: "",
  fee: "0.00",
  netAmount: "0.00",
}

/** The anonymised real refund capture published in django-athm's tests (API.md §4). */
const realRefund = {
  transactionType: "REFUND",
  status: "COMPLETED",
  date: "2024-03-15 10:21:09.0",
  referenceNumber: "215070443-402894c185ab1be40185acfe61c2000b",
  dailyTransactionID: "0031",
  name: "Juan Del Pueblo",
  phoneNumber: "(787) 555-1234",
  email: "juan@example.com",
  message: "Devolución",
  total: "3.00",
  tax: "0.00",
  subtotal: "0.00",
  fee: "0.00",
  netAmount: "0.00",
  totalRefundedAmount: "0",
}

describe("normaliseWebhook: generations not in the fixture folder", () => {
  it("legacy eCommerce completed", () => {
    expect(normaliseWebhook(legacyCompleted)).toMatchObject({
      kind: "ecommerce",
      status: "completed",
      generation: "legacy",
      ecommerceId: null,
      referenceNumber: "402894d56b240610016b2e6c78a6003a",
      dailyTransactionId: "0012",
      total: "3.00",
      subtotal: "2.00",
      fee: "0.06",
      netAmount: "2.94",
      metadata1: "pay_sess_01J9ZX",
      message: null,
      date: "2020-01-01T12:00:00-04:00",
      items: [
        { name: "Shirt", description: "Blue", quantity: 1, price: "2.00", tax: "1.00", metadata: "m", sku: null, formattedPrice: null },
      ],
    })
  })

  it("legacy eCommerce cancelled", () => {
    expect(normaliseWebhook(legacyCancelled)).toMatchObject({
      kind: "ecommerce",
      status: "cancelled",
      referenceNumber: null,
      dailyTransactionId: null,
      phoneNumber: null,
      name: null,
    })
  })

  it("real-capture refund: uppercase, string amounts, formatted phone, no ecommerceId/metadata/items", () => {
    expect(normaliseWebhook(realRefund)).toEqual({
      kind: "refund",
      status: "completed",
      generation: "legacy",
      ecommerceId: null,
      referenceNumber: "215070443-402894c185ab1be40185acfe61c2000b",
      referenceTransactionId: null,
      dailyTransactionId: "0031",
      total: "3.00",
      subtotal: "0.00",
      tax: "0.00",
      fee: "0.00",
      netAmount: "0.00",
      totalRefundedAmount: "0.00",
      metadata1: null,
      metadata2: null,
      name: "Juan Del Pueblo",
      email: "juan@example.com",
      phoneNumber: "7875551234",
      message: "Devolución",
      date: "2024-03-15T10:21:09-04:00",
      transactionDate: null,
      businessName: null,
      items: [],
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
  })

  it.each([
    ["COMPLETED", "completed"],
    ["completed", "completed"],
    ["CANCEL", "cancelled"],
    ["CANCELLED", "cancelled"],
    ["cancelled", "cancelled"],
    ["EXPIRED", "expired"],
    ["expired", "expired"],
  ])("status %s → %s", (raw, status) => {
    expect(normaliseWebhook({ ...legacyCompleted, status: raw }).status).toBe(status)
  })

  it("phone as a number becomes 10 digits; 0 becomes null", () => {
    expect(normaliseWebhook({ ...legacyCompleted, phoneNumber: 7875551234 }).phoneNumber).toBe("7875551234")
    expect(normaliseWebhook({ ...legacyCompleted, phoneNumber: 0 }).phoneNumber).toBeNull()
  })

  it("float artefacts in 2025 amounts are rounded", () => {
    const event = normaliseWebhook({ ...legacyCompleted, ecommerceId: "e-1", fee: 0.6000000238418579, total: 10 })
    expect(event).toMatchObject({ fee: "0.60", total: "10.00", generation: "2025" })
  })
})

describe("normaliseWebhook: idempotency keys", () => {
  it("is stable across deliveries and date spellings", () => {
    const a = normaliseWebhook(legacyCompleted)
    const b = normaliseWebhook({ ...legacyCompleted, date: "2020-01-01 12:00:00" })
    expect(a.idempotencyKey).toBe(b.idempotencyKey)
  })

  it("keys eCommerce events by ecommerceId and status", () => {
    const base = { ...legacyCompleted, ecommerceId: "abc" }
    const completed = normaliseWebhook(base).idempotencyKey
    expect(normaliseWebhook({ ...base, total: "4.00", date: "2021-01-01 00:00:00" }).idempotencyKey).toBe(completed)
    expect(normaliseWebhook({ ...base, status: "CANCEL" }).idempotencyKey).not.toBe(completed)
  })

  it("keys eCommerce events without ecommerceId by metadata1, total and date", () => {
    const expired = { ...legacyCompleted, status: "expired" }
    const key = normaliseWebhook(expired).idempotencyKey
    expect(normaliseWebhook({ ...expired, metadata1: "other" }).idempotencyKey).not.toBe(key)
    expect(normaliseWebhook({ ...expired, total: "4.00" }).idempotencyKey).not.toBe(key)
  })

  it("does not collide for two partial refunds sharing the original reference", () => {
    const first = normaliseWebhook(realRefund)
    const second = normaliseWebhook({ ...realRefund, total: "1.00", date: "2024-03-16 09:00:00.0", dailyTransactionID: "0032" })
    const sameAmountLater = normaliseWebhook({ ...realRefund, date: "2024-03-17 09:00:00.0", dailyTransactionID: "0040" })
    expect(new Set([first.idempotencyKey, second.idempotencyKey, sameAmountLater.idempotencyKey]).size).toBe(3)
    expect(normaliseWebhook({ ...realRefund }).idempotencyKey).toBe(first.idempotencyKey)
  })
})

describe("normaliseWebhook: junk", () => {
  function issuesOf(payload: unknown) {
    try {
      normaliseWebhook(payload)
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError)
      const v = error as ValidationError
      expect(v.code).toBe("CLIENT_VALIDATION")
      for (const i of v.issues) expect(v.message).toContain(i.message)
      return v.issues.map((i) => [i.field, i.rule])
    }
    throw new Error("expected a ValidationError")
  }

  it.each([null, undefined, "text", 42, true, [], [legacyCompleted]])("rejects the non-object %p", (payload) => {
    expect(issuesOf(payload)).toEqual([["payload", "must be a JSON object"]])
  })

  it("lists every wrongly typed field at once", () => {
    expect(
      issuesOf({
        transactionType: 5,
        status: true,
        ecommerceId: 12,
        total: "twelve",
        fee: {},
        metadata1: ["x"],
        date: "yesterday",
        items: "none",
      })
    ).toEqual([
      ["transactionType", "must be a string"],
      ["status", "must be a string"],
      ["ecommerceId", "must be a string"],
      ["total", "must be an amount (number or decimal string)"],
      ["fee", "must be an amount (number or decimal string)"],
      ["metadata1", "must be a string"],
      ["date", 'must be a date such as "2025-05-01 11:02:21"'],
      ["items", "must be an array"],
    ])
  })

  it("names bad item fields by index", () => {
    expect(issuesOf({ ...legacyCompleted, items: [{ name: "a", quantity: "x", price: true }, 3] })).toEqual([
      ["items[0].quantity", "must be a whole number"],
      ["items[0].price", "must be an amount (number or decimal string)"],
      ["items[1]", "must be an object"],
    ])
  })

  it("rejects unknown types and statuses and a missing total", () => {
    const { total: _omit, ...noTotal } = legacyCompleted
    expect(issuesOf({ ...noTotal, transactionType: "transfer", status: "pending" })).toEqual([
      ["transactionType", "must be one of ecommerce, payment, donation, refund, simulated"],
      ["status", "must be COMPLETED, CANCEL, CANCELLED or EXPIRED (any case)"],
      ["total", "is required"],
    ])
  })

  it("requires an identity: ecommerceId or metadata1 for eCommerce, referenceNumber otherwise", () => {
    expect(issuesOf({ ...legacyCompleted, metadata1: "" })).toEqual([
      ["ecommerceId", "is required (or metadata1, for events without an ecommerceId)"],
    ])
    expect(issuesOf({ ...realRefund, referenceNumber: "" })).toEqual([["referenceNumber", "is required for refund events"]])
    expect(issuesOf({ ...realRefund, transactionType: "payment", referenceNumber: undefined, total: null })).toEqual([
      ["total", "must be an amount (number or decimal string)"],
      ["referenceNumber", "is required for payment events"],
    ])
  })
})
