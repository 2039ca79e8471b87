import { createHash } from "node:crypto"
import { toPuertoRicoIso } from "./dates"
import { clientValidationError, issue } from "./errors"
import { firstOf } from "./schemas/fields"
import { webhookKindOf, webhookPayloadSchema, type WebhookPayload } from "./schemas/webhook"
import type { AthWebhookEvent, ValidationIssue } from "./types"

const CONTEXT = "ATH Móvil webhook payload"

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
}

function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === "number") return `${name}[${key}]`
    return name === "" ? String(key) : `${name}.${String(key)}`
  }, "")
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === "string" && value.trim() !== ""
}

/**
 * What makes two deliveries the same event. Checked on the raw payload so
 * that it is reported together with every type problem.
 */
function identityIssues(payload: Record<string, unknown>): ValidationIssue[] {
  const kind = webhookKindOf(payload.transactionType)
  if (kind === null) return []
  if (kind === "ecommerce") {
    // Legacy and expired eCommerce events carry no ecommerceId: metadata1 is the only link.
    return nonEmptyString(payload.ecommerceId) || nonEmptyString(payload.metadata1)
      ? []
      : [issue("ecommerceId", "is required (or metadata1, for events without an ecommerceId)")]
  }
  return nonEmptyString(payload.referenceNumber) ? [] : [issue("referenceNumber", `is required for ${kind} events`)]
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex")
}

function idempotencyKey(p: WebhookPayload, date: string | null, dailyTransactionId: string | null): string {
  switch (p.transactionType) {
    case "ecommerce": {
      const subject = p.ecommerceId ?? `m1:${p.metadata1}|${p.total}|${date ?? ""}`
      return sha256(`ecommerce|${subject}|${p.status}`)
    }
    case "refund":
      // Partial refunds may repeat the original's reference number, so amount,
      // date and daily id are part of the identity.
      return sha256(`refund|${p.referenceNumber}|${p.total}|${date ?? ""}|${dailyTransactionId ?? ""}`)
    default:
      return sha256(`${p.transactionType}|${p.referenceNumber}|${p.status}`)
  }
}

/**
 * The 2025 eCommerce shape is the only one with JSON-number amounts and the
 * only one naming the ticket (ecommerceId, referenceTransactionId). Key
 * spellings are no guide: ATH writes dailyTransactionId and dailyTransactionID
 * in both generations.
 */
function generationOf(payload: Record<string, unknown>): AthWebhookEvent["generation"] {
  return typeof payload.total === "number" || ["ecommerceId", "referenceTransactionId"].some((key) => key in payload)
    ? "2025"
    : "legacy"
}

/**
 * Any ATH webhook generation (API.md §4) to one event shape. Throws a
 * ValidationError listing every bad field. The event is a hint only: confirm
 * with findPayment before acting on it.
 */
export function normaliseWebhook(payload: unknown): AthWebhookEvent {
  if (!isRecord(payload)) {
    throw clientValidationError(CONTEXT, [issue("payload", "must be a JSON object")])
  }
  const result = webhookPayloadSchema.safeParse(payload)
  const issues: ValidationIssue[] = result.success
    ? []
    : result.error.issues.map((i) => issue(fieldName(i.path) || "payload", i.message))
  for (const extra of identityIssues(payload)) {
    if (!issues.some((i) => i.field === extra.field)) issues.push(extra)
  }
  if (!result.success || issues.length > 0) {
    throw clientValidationError(CONTEXT, issues)
  }
  const p = result.data
  const date = p.date === null ? null : toPuertoRicoIso(p.date)
  const dailyTransactionId = firstOf(p.dailyTransactionId, p.dailyTransactionID)
  return {
    kind: p.transactionType,
    status: p.status,
    generation: generationOf(payload),
    ecommerceId: p.ecommerceId,
    referenceNumber: p.referenceNumber,
    referenceTransactionId: p.referenceTransactionId,
    dailyTransactionId,
    total: p.total,
    subtotal: firstOf(p.subTotal, p.subtotal),
    tax: p.tax,
    fee: p.fee,
    netAmount: p.netAmount,
    totalRefundedAmount: p.totalRefundedAmount,
    metadata1: p.metadata1,
    metadata2: p.metadata2,
    name: p.name,
    email: p.email,
    phoneNumber: p.phoneNumber,
    message: p.message,
    date,
    transactionDate: p.transactionDate === null ? null : toPuertoRicoIso(p.transactionDate),
    businessName: p.businessName,
    items: p.items,
    idempotencyKey: idempotencyKey(p, date, dailyTransactionId),
  }
}
