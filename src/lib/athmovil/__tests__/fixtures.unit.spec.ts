import fs from "node:fs"
import path from "node:path"
import {
  AuthenticationError,
  ValidationError,
  errorFromResponse,
  normaliseWebhook,
  type AthPayment,
} from ".."
import { parseReportResponse, parseSearchResponse } from "../report"
import { parseEnvelopeData } from "../schemas/envelope"
import { athPaymentSchema, createPaymentResponseSchema } from "../schemas/payment"
import { athRefundSchema } from "../schemas/refund"

const FIXTURES = path.resolve(__dirname, "../../../../../shared/athm/fixtures")

function fixture(relative: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, relative), "utf8"))
}

function list(dir: string): string[] {
  return fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith(".json"))
}

function ok<T>(result: { ok: true; value: T } | { ok: false; detail: string }): T {
  if (!result.ok) throw new Error(result.detail)
  return result.value
}

const payment = (file: string): AthPayment => ok(parseEnvelopeData(athPaymentSchema, fixture(`api/${file}`)))

describe("API response fixtures", () => {
  it("covers every api fixture in this suite", () => {
    expect(list("api").sort()).toEqual(
      [
        "authorization_COMPLETED.js-api-2023.official.json",
        "cancel_response.official.json",
        "error_BTRA_0006_body_missing.official.json",
        "error_token_expired.official.json",
        "error_token_invalid_header.official.json",
        "findPayment_CANCEL.official.json",
        "findPayment_CONFIRM.official.json",
        "findPayment_OPEN.official.json",
        "findPayment_or_authorization_COMPLETED.official.json",
        "payment_create_response.official.json",
        "refund_response.official.json",
        "search_transaction_response.legacy-v4.official.json",
        "updatePhoneNumber_response.official.json",
      ].sort()
    )
  })

  it("createPayment response → ecommerceId and authToken", () => {
    const out = ok(parseEnvelopeData(createPaymentResponseSchema, fixture("api/payment_create_response.official.json")))
    expect(out.ecommerceId).toBe("ad42df37-f989-11ed-8935-cd14e3558bc7")
    expect(out.authToken).toMatch(/^eyJ/)
    expect(Object.keys(out).sort()).toEqual(["authToken", "ecommerceId"])
  })

  it("COMPLETED findPayment/authorization: float fee, numbers, subTotal, local date", () => {
    expect(payment("findPayment_or_authorization_COMPLETED.official.json")).toEqual({
      ecommerceId: "730e2c49-9387-11ed-8f43-c31784ccfc6c",
      status: "COMPLETED",
      referenceNumber: "215070443-402894c185ab1be40185acfe61c2000b",
      businessCustomerId: "402894d56e713892016e7f2963de0010",
      transactionDate: "2023-01-13T16:17:06-04:00",
      dailyTransactionId: "0006",
      businessName: "Tdameritrade",
      subtotal: "0.00",
      tax: "0.00",
      total: "1.00",
      fee: "0.60",
      netAmount: "0.40",
      totalRefundedAmount: "0.00",
      metadata1: "Metadata 1",
      metadata2: "Metada 2",
      items: [
        {
          name: "Diego MO",
          description: "Diego",
          quantity: 1,
          price: "10.00",
          tax: "0.00",
          metadata: "Articulo 1",
          sku: null,
          formattedPrice: null,
        },
      ],
      isNonProfit: false,
    })
  })

  it("2023 JS-API authorization sample", () => {
    const p = payment("authorization_COMPLETED.js-api-2023.official.json")
    expect(p).toMatchObject({
      status: "COMPLETED",
      referenceNumber: "215070440-8a36d420882a293a018849cae9f500a8",
      transactionDate: "2023-05-23T14:06:54-04:00",
      dailyTransactionId: "0001",
      subtotal: "1.33",
      tax: "1.00",
      total: "2.33",
      fee: "0.06",
      netAmount: "2.28",
      totalRefundedAmount: "0.00",
    })
    expect(p.items[0]).toEqual({
      name: "Diego MO",
      description: "Diego",
      quantity: 1,
      price: "1.33",
      tax: "1.00",
      metadata: "ATH Movil es lo mejor",
      sku: null,
      formattedPrice: null,
    })
  })

  it.each([
    ["findPayment_OPEN.official.json", "OPEN"],
    ["findPayment_CONFIRM.official.json", "CONFIRM"],
    ["findPayment_CANCEL.official.json", "CANCEL"],
  ])("%s: empty strings become null", (file, status) => {
    expect(payment(file)).toMatchObject({
      status,
      referenceNumber: null,
      transactionDate: null,
      dailyTransactionId: null,
      total: "2.33",
      subtotal: "1.33",
      fee: "0.00",
      netAmount: "0.00",
    })
  })

  it.each(["cancel_response.official.json", "updatePhoneNumber_response.official.json"])(
    "%s is a success envelope with a string",
    (file) => {
      expect(fixture(`api/${file}`)).toMatchObject({ status: "success", data: expect.any(String) })
    }
  )

  it("refund: refundedAmount, dailyTransactionID, epoch-string date, formatted phone", () => {
    expect(ok(parseEnvelopeData(athRefundSchema, fixture("api/refund_response.official.json")))).toEqual({
      refund: {
        referenceNumber: "402894d56b240610016b2e6c78a6003a",
        amount: "1.00",
        date: "1973-11-29T05:12:21.234-04:00",
        dailyTransactionId: "0107",
        status: "COMPLETED",
        name: "Valeria Herrero",
        phoneNumber: "7871234567",
        email: "valher@gmail.com",
      },
      original: {
        referenceNumber: "402894d56b240610016b2e6c78a6003a",
        status: "COMPLETED",
        total: "1.00",
        fee: "0.00",
        netAmount: "0.00",
        totalRefundedAmount: "1.00",
        metadata1: "metadata1 test",
        metadata2: "metadata2 test",
      },
    })
  })

  it("legacy v4 search: bare object → one row, integer daily id padded", () => {
    const rows = ok(parseSearchResponse(fixture("api/search_transaction_response.legacy-v4.official.json")))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      transactionType: "ECOMMERCE",
      status: "COMPLETED",
      date: "2019-06-06T16:12:02-04:00",
      dailyTransactionId: "0001",
      phoneNumber: "7871234567",
      message: null,
      total: "1.00",
      fee: "0.06",
      netAmount: "0.94",
      totalRefundedAmount: "0.00",
    })
    expect(rows[0].items.map((i) => i.name)).toEqual(["First Item", "Second Item"])
  })

  it.each([
    ["error_BTRA_0006_body_missing.official.json", 400, ValidationError, "BTRA_0006"],
    ["error_token_expired.official.json", 401, AuthenticationError, "token.expired"],
    ["error_token_invalid_header.official.json", 401, AuthenticationError, "token.invalid.header"],
  ])("%s (HTTP %i) → class and code, also as a soft 200 error", (file, status, cls, code) => {
    for (const httpStatus of [status, 200]) {
      const error = errorFromResponse(httpStatus, fixture(`api/${file}`), "authorizePayment")
      expect(error).toBeInstanceOf(cls)
      expect(error.code).toBe(code)
      expect(error.httpStatus).toBe(httpStatus)
      expect(error.operation).toBe("authorizePayment")
      expect(error.message).toContain(`(${code})`)
    }
  })
})

describe("transaction report fixture", () => {
  it("bare array, totalRefundAmount, '.0' dates, trailing-space reference", () => {
    const rows = ok(parseReportResponse(fixture("reports/transaction_report.django-athm-fixture.json")))
    expect(rows).toHaveLength(2)
    expect(rows[0]).toEqual({
      transactionType: "ECOMMERCE",
      status: "COMPLETED",
      date: "2021-07-08T00:36:39-04:00",
      referenceNumber: "402894d56b240610016b2e6c78a6003a",
      dailyTransactionId: "0035",
      name: "Valeria Herrero",
      phoneNumber: "7871234567",
      email: "valher@gmail.com",
      message: null,
      total: "1.00",
      tax: "0.00",
      subtotal: "0.00",
      fee: "0.00",
      netAmount: "1.00",
      totalRefundedAmount: "1.00",
      metadata1: "metadata1 test",
      metadata2: "metadata2 test",
      items: [
        { name: "Item", description: "Description", quantity: 1, price: "1.00", tax: "0.00", metadata: "Metadata", sku: null, formattedPrice: null },
        { name: "item", description: "desc", quantity: 1, price: "1.00", tax: "0.00", metadata: "Metadata", sku: null, formattedPrice: null },
      ],
    })
    expect(rows[1]).toMatchObject({
      referenceNumber: "402894d56b240610016b2e6c78a6003a",
      dailyTransactionId: "0033",
      total: "5.00",
      subtotal: "2.00",
      tax: "1.00",
      totalRefundedAmount: "5.00",
    })
    expect(rows[1].items[0]).toMatchObject({ quantity: 3, price: "2.00" })
  })

  it("accepts the eCommerce casing and an enveloped array", () => {
    const raw = fixture("reports/transaction_report.django-athm-fixture.json") as Array<Record<string, unknown>>
    const body = { status: "success", data: raw.map((r) => ({ ...r, transactionType: "eCommerce" })) }
    expect(ok(parseReportResponse(body)).map((r) => r.transactionType)).toEqual(["ECOMMERCE", "ECOMMERCE"])
  })
})

describe("webhook fixtures", () => {
  const expected: Record<string, object> = {
    "ecommerce_completed.official-2025.json": {
      kind: "ecommerce",
      status: "completed",
      generation: "2025",
      ecommerceId: "34231295-269d-11f0-a323-6f23e0bf3a42",
      referenceNumber: "1024264030-8a36d6ba967ef82501968c5eb7376349",
      referenceTransactionId: "8a36d69a8c36c011018ce97681e203d0",
      dailyTransactionId: "0001",
      total: "1.00",
      subtotal: "1.00",
      tax: "1.00",
      fee: "0.00",
      netAmount: "1.00",
      totalRefundedAmount: "0.00",
      phoneNumber: null,
      email: null,
      date: "2025-05-01T11:02:21-04:00",
      transactionDate: "2025-05-01T11:02:19-04:00",
      businessName: "ATH Business Test",
    },
    "ecommerce_cancelled.official-2025.json": {
      kind: "ecommerce",
      status: "cancelled",
      generation: "2025",
      ecommerceId: "66b341b7-269d-11f0-a8c9-b15654eb8c8b",
      referenceNumber: null,
      dailyTransactionId: null,
      transactionDate: null,
      total: "1.00",
      phoneNumber: null,
    },
    "ecommerce_expired.official.json": {
      kind: "ecommerce",
      status: "expired",
      generation: "legacy",
      ecommerceId: null,
      referenceNumber: null,
      total: "3.00",
      subtotal: "2.00",
      tax: "1.00",
      metadata1: "This is metadata1",
      date: "2020-01-01T12:00:00-04:00",
    },
    "payment_received.official.json": {
      kind: "payment",
      status: "completed",
      generation: "legacy",
      referenceNumber: "000000-00000000abcd",
      dailyTransactionId: "0001",
      total: "1.00",
      fee: "0.06",
      netAmount: "0.94",
      phoneNumber: "7871234567",
      metadata1: null,
    },
    "donation_received.official.json": { kind: "donation", status: "completed", total: "1.00", fee: "0.06" },
    "refund_sent.official.json": {
      kind: "refund",
      status: "completed",
      referenceNumber: "000000-00000000abcd",
      total: "1.00",
      totalRefundedAmount: "0.00",
    },
    "simulated.official.json": { kind: "simulated", status: "completed", total: "3.00", subtotal: "2.00" },
  }

  it("covers every webhook fixture", () => {
    expect(list("webhooks").sort()).toEqual(Object.keys(expected).sort())
  })

  it.each(Object.entries(expected))("%s", (file, shape) => {
    const event = normaliseWebhook(fixture(`webhooks/${file}`))
    expect(event).toMatchObject(shape)
    expect(event.idempotencyKey).toMatch(/^[0-9a-f]{64}$/)
  })

  it("2025 items keep sku/formattedPrice as null when empty", () => {
    const event = normaliseWebhook(fixture("webhooks/ecommerce_completed.official-2025.json"))
    expect(event.items).toEqual([
      {
        name: "Nombre de arreglo",
        description: "Prueba de items",
        quantity: 3,
        price: "2.00",
        tax: "1.00",
        metadata: "prueba metadata",
        sku: null,
        formattedPrice: null,
      },
    ])
  })

  it("gives every fixture a distinct idempotency key", () => {
    const keys = list("webhooks").map((f) => normaliseWebhook(fixture(`webhooks/${f}`)).idempotencyKey)
    expect(new Set(keys).size).toBe(keys.length)
  })
})
