import { athDateToEpochMs } from "./dates"
import { clientValidationError, issue } from "./errors"
import { ATH_LIMITS } from "./limits"
import { centsToAmount, parseDecimal } from "./money"
import { PHONE_RULE, formatPhoneForSearch, tryNormalisePhoneNumber } from "./phone"
import type {
  AthOperation,
  AthSearchFilters,
  AthWebhookSubscriptionEvents,
  CreatePaymentInput,
  ValidationIssue,
} from "./types"

/*
 * Everything here runs before a request is built: bad input never reaches
 * ATH, and every problem is reported at once, each naming its field and rule.
 */

const TOTAL_MIN_CENTS = parseDecimal(ATH_LIMITS.minTotal)!.cents
const TOTAL_MAX_CENTS = parseDecimal(ATH_LIMITS.maxTotal)!.cents
const METADATA_MAX = 40
const REFUND_MESSAGE_MAX = 50
const { minTimeoutSeconds: TIMEOUT_MIN, maxTimeoutSeconds: TIMEOUT_MAX, defaultTimeoutSeconds: TIMEOUT_DEFAULT } = ATH_LIMITS

class Issues {
  readonly list: ValidationIssue[] = []

  add(field: string, rule: string): undefined {
    this.list.push(issue(field, rule))
    return undefined
  }

  throwIfAny(operation: AthOperation | null, context = `input for ${operation}`): void {
    if (this.list.length > 0) {
      throw clientValidationError(context, this.list, operation)
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
}

interface AmountRule {
  minCents: bigint
  maxCents?: bigint
  rangeRule: string
}

const NON_NEGATIVE: AmountRule = { minCents: 0n, rangeRule: "must not be negative" }

function checkAmount(issues: Issues, field: string, value: unknown, rule: AmountRule): string | undefined {
  const parsed = parseDecimal(value)
  if (parsed === null) {
    return issues.add(field, "must be a decimal amount")
  }
  if (!parsed.exact) {
    return issues.add(field, "must have at most 2 decimals")
  }
  if (parsed.cents < rule.minCents || (rule.maxCents !== undefined && parsed.cents > rule.maxCents)) {
    return issues.add(field, rule.rangeRule)
  }
  return centsToAmount(parsed.cents)
}

function checkRequiredText(issues: Issues, field: string, value: unknown): string | undefined {
  if (typeof value !== "string" || value.trim() === "") {
    return issues.add(field, "must be a non-empty string")
  }
  return value.trim()
}

function checkOptionalText(issues: Issues, field: string, value: unknown, maxLength?: number): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== "string") {
    return issues.add(field, "must be a string")
  }
  if (maxLength !== undefined && value.length > maxLength) {
    return issues.add(field, `must be at most ${maxLength} characters`)
  }
  return value
}

function checkPhone(issues: Issues, field: string, value: unknown): string | undefined {
  return tryNormalisePhoneNumber(value) ?? issues.add(field, PHONE_RULE)
}

export function requireIdentifier(operation: AthOperation, field: string, value: unknown): string {
  const issues = new Issues()
  const out = checkRequiredText(issues, field, value)
  issues.throwIfAny(operation)
  return out as string
}

export function requirePrivateToken(operation: AthOperation, privateToken: string | undefined): string {
  const issues = new Issues()
  if (privateToken === undefined || privateToken.trim() === "") {
    issues.add("privateToken", `is required for ${operation}: set privateToken in the client options`)
  }
  issues.throwIfAny(operation)
  return privateToken as string
}

export interface AthItemBody {
  name: string
  description: string
  quantity: number
  price: string
  tax: string | null
  metadata: string | null
  sku?: string
}

export interface CreatePaymentFields {
  total: string
  subtotal: string
  tax: string
  phoneNumber: string
  metadata1: string
  metadata2: string
  items: AthItemBody[]
  timeout: number
}

function checkItems(issues: Issues, value: unknown, total: string | undefined): AthItemBody[] {
  if (value === undefined) {
    return total === undefined
      ? []
      : [{ name: "Order", description: "Order", quantity: 1, price: total, tax: null, metadata: null }]
  }
  if (!Array.isArray(value)) {
    issues.add("items", "must be an array")
    return []
  }
  if (value.length === 0) {
    issues.add("items", "must contain at least one item")
  }
  const out: AthItemBody[] = []
  value.forEach((raw: unknown, i) => {
    const at = `items[${i}]`
    if (!isRecord(raw)) {
      issues.add(at, "must be an object")
      return
    }
    const name = checkRequiredText(issues, `${at}.name`, raw.name)
    const description = checkOptionalText(issues, `${at}.description`, raw.description)
    const quantity = raw.quantity
    if (typeof quantity !== "number" || !Number.isSafeInteger(quantity) || quantity <= 0) {
      issues.add(`${at}.quantity`, "must be a positive integer")
    }
    const price = checkAmount(issues, `${at}.price`, raw.price, NON_NEGATIVE)
    const tax =
      raw.tax === undefined || raw.tax === null ? null : checkAmount(issues, `${at}.tax`, raw.tax, NON_NEGATIVE)
    const metadata = checkOptionalText(issues, `${at}.metadata`, raw.metadata)
    const sku = checkOptionalText(issues, `${at}.sku`, raw.sku)
    if (name !== undefined && price !== undefined && tax !== undefined) {
      out.push({
        name,
        // ATH rejects blank strings (BTRA_0018); the name is the best stand-in.
        description: description !== undefined && description.trim() !== "" ? description : name,
        quantity: quantity as number,
        price,
        tax,
        metadata: metadata ?? null,
        ...(sku !== undefined ? { sku } : {}),
      })
    }
  })
  return out
}

export function validateCreatePayment(input: CreatePaymentInput): CreatePaymentFields {
  const issues = new Issues()
  if (!isRecord(input)) {
    issues.add("input", "must be an object")
    issues.throwIfAny("createPayment")
  }
  const total = checkAmount(issues, "total", input.total, {
    minCents: TOTAL_MIN_CENTS,
    maxCents: TOTAL_MAX_CENTS,
    rangeRule: `must be between ${ATH_LIMITS.minTotal} and ${ATH_LIMITS.maxTotal}`,
  })
  const tax = input.tax === undefined ? "0.00" : checkAmount(issues, "tax", input.tax, NON_NEGATIVE)
  let subtotal: string | undefined
  if (input.subtotal !== undefined) {
    subtotal = checkAmount(issues, "subtotal", input.subtotal, NON_NEGATIVE)
  } else if (total !== undefined && tax !== undefined) {
    // Display-only at ATH; derive it so the receipt adds up.
    const derived = parseDecimal(total)!.cents - parseDecimal(tax)!.cents
    subtotal = centsToAmount(derived < 0n ? 0n : derived)
  }
  const phoneNumber = checkPhone(issues, "phoneNumber", input.phoneNumber)
  const metadata1 = checkOptionalText(issues, "metadata1", input.metadata1, METADATA_MAX) ?? ""
  const metadata2 = checkOptionalText(issues, "metadata2", input.metadata2, METADATA_MAX) ?? ""
  const items = checkItems(issues, input.items, total)
  const timeout = input.timeoutSeconds ?? TIMEOUT_DEFAULT
  if (!Number.isSafeInteger(timeout) || timeout < TIMEOUT_MIN || timeout > TIMEOUT_MAX) {
    issues.add("timeoutSeconds", `must be an integer between ${TIMEOUT_MIN} and ${TIMEOUT_MAX}`)
  }
  issues.throwIfAny("createPayment")
  return {
    total: total as string,
    subtotal: subtotal as string,
    tax: tax as string,
    phoneNumber: phoneNumber as string,
    metadata1,
    metadata2,
    items,
    timeout,
  }
}

export function validateUpdatePhoneNumber(input: { ecommerceId: string; phoneNumber: string; authToken: string }): {
  ecommerceId: string
  phoneNumber: string
  authToken: string
} {
  const issues = new Issues()
  const source: Record<string, unknown> = isRecord(input) ? input : {}
  const ecommerceId = checkRequiredText(issues, "ecommerceId", source.ecommerceId)
  const phoneNumber = checkPhone(issues, "phoneNumber", source.phoneNumber)
  const authToken = checkRequiredText(issues, "authToken", source.authToken)
  issues.throwIfAny("updatePhoneNumber")
  return { ecommerceId: ecommerceId as string, phoneNumber: phoneNumber as string, authToken: authToken as string }
}

export function validateRefund(input: { referenceNumber: string; amount: string | number; message?: string }): {
  referenceNumber: string
  amount: string
  message: string | undefined
} {
  const issues = new Issues()
  const source: Record<string, unknown> = isRecord(input) ? input : {}
  const referenceNumber = checkRequiredText(issues, "referenceNumber", source.referenceNumber)
  const amount = checkAmount(issues, "amount", source.amount, { minCents: 1n, rangeRule: "must be at least 0.01" })
  const message = checkOptionalText(issues, "message", source.message, REFUND_MESSAGE_MAX)
  issues.throwIfAny("refundPayment")
  return { referenceNumber: referenceNumber as string, amount: amount as string, message }
}

const SEARCH_FIELDS: Array<[keyof AthSearchFilters, string]> = [
  ["referenceNumber", "referenceNumber"],
  ["dailyTransactionId", "dailyTransactionID"],
  ["name", "name"],
  ["phoneNumber", "phoneNumber"],
  ["email", "email"],
  ["total", "total"],
  ["metadata1", "metadata1"],
  ["metadata2", "metadata2"],
]

/** The filters under ATH's key names and formats (phone as "(787) 123-4567", total as "1.00"). */
export function validateSearchFilters(filters: AthSearchFilters): Record<string, string> {
  const issues = new Issues()
  const source: Record<string, unknown> = isRecord(filters) ? filters : {}
  const out: Record<string, string> = {}
  for (const [field, athKey] of SEARCH_FIELDS) {
    const value = source[field]
    if (value === undefined) continue
    let clean: string | undefined
    if (field === "phoneNumber") {
      const digits = checkPhone(issues, field, value)
      clean = digits === undefined ? undefined : formatPhoneForSearch(digits)
    } else if (field === "total") {
      clean = checkAmount(issues, field, value, NON_NEGATIVE)
    } else {
      clean = checkRequiredText(issues, field, value)
    }
    if (clean !== undefined) out[athKey] = clean
  }
  if (issues.list.length === 0 && Object.keys(out).length === 0) {
    issues.add("filters", `must contain at least one of ${SEARCH_FIELDS.map(([f]) => f).join(", ")}`)
  }
  issues.throwIfAny("searchTransaction")
  return out
}

function checkDate(issues: Issues, field: string, value: unknown): number | undefined {
  const ms =
    value instanceof Date
      ? Number.isNaN(value.getTime())
        ? null
        : value.getTime()
      : athDateToEpochMs(typeof value === "string" ? value : undefined)
  return ms ?? issues.add(field, "must be a valid date (a Date or \"YYYY-MM-DD HH:MM:SS\" in Puerto Rico time)")
}

export function validateDateRange(
  operation: AthOperation,
  input: { from: unknown; to: unknown; maxDaysPerWindow?: unknown }
): { fromMs: number; toMs: number; maxDays: number } {
  const issues = new Issues()
  const source: Record<string, unknown> = isRecord(input) ? input : {}
  const fromMs = checkDate(issues, "from", source.from)
  const toMs = checkDate(issues, "to", source.to)
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    issues.add("from", "must not be after to")
  }
  const maxDays = source.maxDaysPerWindow ?? 30
  if (typeof maxDays !== "number" || !Number.isSafeInteger(maxDays) || maxDays <= 0) {
    issues.add("maxDaysPerWindow", "must be a positive integer")
  }
  issues.throwIfAny(operation)
  return { fromMs: fromMs as number, toMs: toMs as number, maxDays: maxDays as number }
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])

const ALL_EVENTS: AthWebhookSubscriptionEvents = {
  paymentReceived: true,
  refundSent: true,
  donationReceived: true,
  ecommercePaymentReceived: true,
  ecommercePaymentCancelled: true,
  ecommercePaymentExpired: true,
}

export function validateSubscription(input: {
  listenerUrl: string
  events?: Partial<AthWebhookSubscriptionEvents>
}): { listenerUrl: string; events: AthWebhookSubscriptionEvents } {
  const issues = new Issues()
  const source: Record<string, unknown> = isRecord(input) ? input : {}
  let listenerUrl: string | undefined
  try {
    const url = new URL(String(source.listenerUrl))
    // ATH only calls HTTPS listeners; plain HTTP is allowed for a local sandbox.
    if (url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname))) {
      listenerUrl = url.toString()
    }
  } catch {
    listenerUrl = undefined
  }
  if (listenerUrl === undefined) {
    issues.add("listenerUrl", "must be an absolute https URL")
  }
  const events: AthWebhookSubscriptionEvents = { ...ALL_EVENTS }
  const given = source.events
  if (given !== undefined && !isRecord(given)) {
    issues.add("events", "must be an object of booleans")
  } else if (given !== undefined) {
    for (const key of Object.keys(ALL_EVENTS) as Array<keyof AthWebhookSubscriptionEvents>) {
      const flag = given[key]
      if (flag === undefined) continue
      if (typeof flag !== "boolean") {
        issues.add(`events.${key}`, "must be a boolean")
      } else {
        events[key] = flag
      }
    }
  }
  issues.throwIfAny("subscribeWebhooks")
  return { listenerUrl: listenerUrl as string, events }
}

export function validateClientOptions(options: {
  publicToken?: unknown
  apiBaseUrl?: unknown
  reportBaseUrl?: unknown
  requestTimeoutMs?: unknown
  maxReadRetries?: unknown
  retryBaseDelayMs?: unknown
}): void {
  const issues = new Issues()
  if (typeof options.publicToken !== "string" || options.publicToken.trim() === "") {
    issues.add("publicToken", "must be a non-empty string")
  }
  for (const field of ["apiBaseUrl", "reportBaseUrl"] as const) {
    const value = options[field]
    if (value === undefined) continue
    let ok = false
    try {
      const protocol = new URL(String(value)).protocol
      ok = protocol === "https:" || protocol === "http:"
    } catch {
      ok = false
    }
    if (!ok) issues.add(field, "must be an absolute http(s) URL")
  }
  const positive = (field: string, value: unknown, allowZero: boolean) => {
    if (value === undefined) return
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
      issues.add(field, allowZero ? "must be a number >= 0" : "must be a number > 0")
    }
  }
  positive("requestTimeoutMs", options.requestTimeoutMs, false)
  positive("retryBaseDelayMs", options.retryBaseDelayMs, true)
  if (
    options.maxReadRetries !== undefined &&
    (typeof options.maxReadRetries !== "number" ||
      !Number.isSafeInteger(options.maxReadRetries) ||
      options.maxReadRetries < 0)
  ) {
    issues.add("maxReadRetries", "must be an integer >= 0")
  }
  issues.throwIfAny(null, "AthMovilClient options")
}
