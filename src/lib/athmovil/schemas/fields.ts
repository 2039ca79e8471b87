import { z } from "zod"
import { parseAthDate } from "../dates"
import { centsToAmount, parseDecimal } from "../money"
import { tryNormalisePhoneNumber } from "../phone"
import type { AthItem } from "../types"

/*
 * Lenient field readers for ATH response bodies. ATH mixes numbers and
 * strings for the same field, uses "" for "absent" and sends float artefacts,
 * so each reader accepts every documented variant and yields one clean form.
 */

/** Zod's message for an issue: "is required" when the field is absent, else the rule. */
export function ruleMessage(message: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined ? "is required" : message)
}

const scalar = z.union([z.string(), z.number()], { error: ruleMessage("must be a string or a number") })
const optionalScalar = scalar.nullable().optional()

const AMOUNT_RULE = "must be an amount (number or decimal string)"
const amountInput = z.union([z.string(), z.number()], { error: ruleMessage(AMOUNT_RULE) })

function toCleanAmount(value: string | number, ctx: z.RefinementCtx): string {
  const parsed = parseDecimal(value)
  if (parsed === null) {
    ctx.addIssue({ code: "custom", message: AMOUNT_RULE })
    return z.NEVER
  }
  return centsToAmount(parsed.cents)
}

export const amount = amountInput.transform(toCleanAmount)

export const nullableAmount = amountInput.nullable().optional().transform((value, ctx): string | null => {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) {
    return null
  }
  return toCleanAmount(value, ctx)
})

/** Trimmed text; "" and absent become null. */
export const text = optionalScalar.transform((value): string | null => {
  if (value === null || value === undefined) return null
  return String(value).trim() || null
})

export const requiredText = scalar.transform((value, ctx): string => {
  const out = String(value).trim()
  if (out === "") {
    ctx.addIssue({ code: "custom", message: "must not be empty" })
    return z.NEVER
  }
  return out
})

export const upperText = requiredText.transform((value) => value.toUpperCase())

export const athDate = optionalScalar.transform((value) => parseAthDate(value))

/**
 * findPayment sends "0006", reports the integer 6 and the refund webhook the
 * unpadded string "6"; padding every all-digit value to four digits keeps
 * them comparable (the ledger matches refunds on it).
 */
export const dailyTransactionId = optionalScalar.transform((value): string | null => {
  if (value === null || value === undefined) return null
  const text = String(value).trim()
  if (text === "") return null
  return /^\d+$/.test(text) ? text.padStart(4, "0") : text
})

/** 10 digits when the value is a phone number; otherwise kept as sent so no data is lost. */
export const phoneNumber = optionalScalar.transform((value): string | null => {
  if (value === null || value === undefined || value === 0) return null
  return tryNormalisePhoneNumber(value) ?? (String(value).trim() || null)
})

const quantityInput = z.union([z.string(), z.number()], { error: ruleMessage("must be a whole number") })

const quantity = quantityInput.transform((value, ctx): number => {
  const n = typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n < 0) {
    ctx.addIssue({ code: "custom", message: "must be a whole number" })
    return z.NEVER
  }
  return n
})

const item = z
  .object(
    {
      name: text,
      description: text,
      quantity,
      price: amount,
      tax: nullableAmount,
      metadata: text,
      sku: text,
      formattedPrice: text,
    },
    { error: "must be an object" }
  )
  .transform(
    (raw): AthItem => ({
      name: raw.name ?? "",
      description: raw.description ?? "",
      quantity: raw.quantity,
      price: raw.price,
      tax: raw.tax,
      metadata: raw.metadata,
      sku: raw.sku,
      formattedPrice: raw.formattedPrice,
    })
  )

export const items = z
  .array(item, { error: "must be an array" })
  .nullable()
  .optional()
  .transform((value) => value ?? [])

/** First non-null value among spelling variants of one field (subTotal/subtotal, …). */
export function firstOf<T>(...values: Array<T | null | undefined>): T | null {
  for (const value of values) {
    if (value !== null && value !== undefined) return value
  }
  return null
}
