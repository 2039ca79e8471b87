/**
 * Request validation with ATH Móvil's error codes. Hand-written rather than a
 * schema library because each rule maps to its own BTRA code, in a fixed
 * order (format before digit bounds before limits).
 */
import { ApiError } from "./errors"
import { parseAmount } from "./money"

const MIN_TOTAL_CENTS = 100
const MAX_TOTAL_CENTS = 150_000
const MIN_TIMEOUT_SECONDS = 120
const MAX_TIMEOUT_SECONDS = 600
const DEFAULT_TIMEOUT_SECONDS = 600
export const METADATA_MAX = 40
export const REFUND_MESSAGE_MAX = 50

export type JsonObject = Record<string, unknown>

export function asObject(body: unknown): JsonObject {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError("BTRA_0006", "Required request body is missing")
  }
  return body as JsonObject
}

export function requiredString(body: JsonObject, field: string): string {
  const value = body[field]
  if (value === undefined || value === null) throw new ApiError("BTRA_0019", `${field} must not be null`)
  if (typeof value !== "string") throw new ApiError("BTRA_0006", `Invalid format: ${field} must be a string`)
  if (value.trim() === "") throw new ApiError("BTRA_0018", `${field} must not be blank`)
  return value
}

function optionalString(value: unknown, field: string): string {
  if (value === undefined || value === null) return ""
  if (typeof value !== "string") throw new ApiError("BTRA_0006", `Invalid format: ${field} must be a string`)
  return value
}

/** Amount in cents, or ApiError BTRA_0006 (not a number) / BTRA_0020 (too many digits). */
export function amountCents(value: unknown, field: string): number {
  const parsed = parseAmount(value)
  if (parsed.ok) return parsed.cents
  if (parsed.reason === "digits") {
    throw new ApiError("BTRA_0020", `${field}: numeric value out of bounds (<4 digits>.<2 digits> expected)`)
  }
  throw new ApiError("BTRA_0006", `Invalid format: ${field} must be a decimal amount`)
}

function optionalAmountCents(value: unknown, field: string): number {
  if (value === undefined || value === null || value === "") return 0
  const cents = amountCents(value, field)
  if (cents < 0) throw new ApiError("BTRA_0006", `Invalid format: ${field} must not be negative`)
  return cents
}

export function phoneDigits(value: unknown, field = "phoneNumber"): string {
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value
  if (typeof text !== "string" || !/^\d{10}$/.test(text)) {
    throw new ApiError("BTRA_0006", `Invalid format: ${field} must have 10 digits`)
  }
  return text
}

function metadata(body: JsonObject, field: "metadata1" | "metadata2"): string {
  const value = body[field]
  if (value === undefined || value === null) throw new ApiError("BTRA_0019", `${field} must not be null`)
  if (typeof value !== "string") throw new ApiError("BTRA_0006", `Invalid format: ${field} must be a string`)
  if (value.length > METADATA_MAX) throw new ApiError("BTRA_0038")
  return value
}

/**
 * Out-of-range timeouts are clamped to 120–600 s rather than rejected: S1's
 * own example sends "5000", which would fail if the server were strict.
 */
function timeoutSeconds(value: unknown): number {
  if (value === undefined || value === null || value === "") return DEFAULT_TIMEOUT_SECONDS
  const n = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN
  if (!Number.isInteger(n)) throw new ApiError("BTRA_0006", "Invalid format: timeout must be a whole number of seconds")
  return Math.min(MAX_TIMEOUT_SECONDS, Math.max(MIN_TIMEOUT_SECONDS, n))
}

export interface ItemInput {
  name: string
  description: string
  quantity: number
  priceCents: number
  taxCents: number
  metadata: string
  sku: string
  formattedPrice: string
}

function item(raw: unknown, index: number): ItemInput {
  const where = `items[${index}]`
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ApiError("BTRA_0006", `Invalid format: ${where} must be an object`)
  }
  const o = raw as JsonObject
  if (o.name === undefined || o.name === null) throw new ApiError("BTRA_0019", `${where}.name must not be null`)
  const q = typeof o.quantity === "string" ? Number(o.quantity.trim() || NaN) : o.quantity
  if (typeof q !== "number" || !Number.isInteger(q) || q < 1) {
    throw new ApiError("BTRA_0006", `Invalid format: ${where}.quantity must be a positive integer`)
  }
  if (o.price === undefined || o.price === null) throw new ApiError("BTRA_0019", `${where}.price must not be null`)
  return {
    name: optionalString(o.name, `${where}.name`),
    description: optionalString(o.description, `${where}.description`),
    quantity: q,
    priceCents: optionalAmountCents(o.price, `${where}.price`),
    // "metadata and tax are required but they can be set as null" (S1)
    taxCents: optionalAmountCents(o.tax, `${where}.tax`),
    metadata: optionalString(o.metadata, `${where}.metadata`),
    sku: optionalString(o.sku, `${where}.sku`),
    formattedPrice: optionalString(o.formattedPrice, `${where}.formattedPrice`),
  }
}

export interface PaymentInput {
  totalCents: number
  subtotalCents: number
  taxCents: number
  metadata1: string
  metadata2: string
  timeoutSeconds: number
  /** "" when the client lets the customer type it later (JS button flow, then updatePhoneNumber). */
  phoneNumber: string
  items: ItemInput[]
}

/** Everything of POST /payment except publicToken, which the route resolves first. */
export function parsePaymentRequest(body: JsonObject): PaymentInput {
  if (body.total === undefined || body.total === null) throw new ApiError("BTRA_0019", "total must not be null")
  const totalCents = amountCents(body.total, "total")
  if (totalCents === 0) throw new ApiError("BTRA_0013")
  if (totalCents < MIN_TOTAL_CENTS) throw new ApiError("BTRA_0001")
  if (totalCents > MAX_TOTAL_CENTS) throw new ApiError("BTRA_0004")
  const subtotalCents = optionalAmountCents(body.subtotal, "subtotal")
  const taxCents = optionalAmountCents(body.tax, "tax")
  const metadata1 = metadata(body, "metadata1")
  const metadata2 = metadata(body, "metadata2")
  const timeout = timeoutSeconds(body.timeout)
  const phone = body.phoneNumber === undefined || body.phoneNumber === null || body.phoneNumber === "" ? "" : phoneDigits(body.phoneNumber)
  if (body.items !== undefined && body.items !== null && !Array.isArray(body.items)) {
    throw new ApiError("BTRA_0006", "Invalid format: items must be an array")
  }
  const items = Array.isArray(body.items) ? body.items.map(item) : []
  return { totalCents, subtotalCents, taxCents, metadata1, metadata2, timeoutSeconds: timeout, phoneNumber: phone, items }
}

export interface RefundInput {
  referenceNumber: string
  amountCents: number
  message: string
}

export function parseRefundRequest(body: JsonObject): RefundInput {
  const referenceNumber = requiredString(body, "referenceNumber")
  if (body.amount === undefined || body.amount === null) throw new ApiError("BTRA_0019", "amount must not be null")
  const cents = amountCents(body.amount, "amount")
  if (cents < 1) throw new ApiError("BTRA_0028", "amount is less than 0.01")
  const message = optionalString(body.message, "message")
  if (message.length > REFUND_MESSAGE_MAX) throw new ApiError("BTRA_0040")
  return { referenceNumber, amountCents: cents, message }
}
