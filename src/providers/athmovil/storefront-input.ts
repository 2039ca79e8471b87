import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { normalisePhoneNumber } from "../../lib/athmovil"
import { buildError } from "./errors"
import { describeZodIssues } from "../../lib/athmovil/zod-issues"

/**
 * The only keys a storefront may put in a payment session's `data`. Medusa stores a session's
 * data as `{ ...what the storefront sent, ...what the provider returned }`, so anything else would
 * survive into the session and the payment: amounts, refunds, references and the ATH receipt come
 * from the cart and from ATH, never from here.
 */
const STOREFRONT_SESSION_KEYS = ["phone_number", "cart_id"] as const

/** Keys Medusa's payment module itself adds to the data it hands the provider. */
const MEDUSA_SESSION_KEYS = ["session_id"] as const

const StorefrontSessionInputSchema = z.object({
  phone_number: z.union([z.string().max(32, "phone_number is too long"), z.number()]).optional(),
  cart_id: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,40}$/, "cart_id must be a Medusa id (letters, digits, '_', at most 40 characters)")
    .optional(),
})

export interface StorefrontSessionInput {
  /** 10 digits, normalised; absent when the storefront sent none. */
  phone_number?: string
  cart_id?: string
}

export interface ReadStorefrontInput {
  input: StorefrontSessionInput
  /** Keys that are neither the storefront's nor Medusa's: the provider blanks them in what it returns. */
  foreignKeys: string[]
}

/**
 * The one rule for storefront input, shared by the store-route guard (`unknownKeys: "refuse"`:
 * any other key is a 400 naming it, before Medusa replaces the shopper's open session) and the
 * provider (`"drop"`: a store's own workflow may pass anything; it never reaches the payment).
 */
export function readStorefrontSessionInput(
  data: Record<string, unknown> | undefined | null,
  { unknownKeys }: { unknownKeys: "refuse" | "drop" }
): ReadStorefrontInput {
  const raw = data && typeof data === "object" ? data : {}
  const known = new Set<string>([...STOREFRONT_SESSION_KEYS, ...MEDUSA_SESSION_KEYS])
  const foreignKeys = Object.keys(raw).filter((k) => !known.has(k))
  if (foreignKeys.length && unknownKeys === "refuse") {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid ATH Móvil payment data: ${foreignKeys.map((k) => `data.${k}`).join(", ")} ${foreignKeys.length === 1 ? "is" : "are"} not accepted. ` +
        `A storefront may send only ${STOREFRONT_SESSION_KEYS.map((k) => `data.${k}`).join(" and ")}; ` +
        "the ATH receipt, amounts and payment details are built on the server from the cart and ATH Móvil."
    )
  }
  const parsed = StorefrontSessionInputSchema.safeParse({ phone_number: raw.phone_number, cart_id: raw.cart_id })
  if (!parsed.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ATH Móvil payment data: ${describeZodIssues(parsed.error.issues, "data", "data.")}`)
  }
  const phone = parsed.data.phone_number
  return { input: { phone_number: phone === undefined ? undefined : requireSessionPhone(phone), cart_id: parsed.data.cart_id }, foreignKeys }
}

/** `data.phone_number` as ATH takes it (10 digits), or an error naming the field and the rule. */
export function requireSessionPhone(raw: unknown): string {
  if (raw === undefined || raw === null || raw === "") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, MISSING_PHONE_MESSAGE, "phone_missing")
  }
  try {
    return normalisePhoneNumber(raw as string, "data.phone_number")
  } catch (e) {
    throw buildError("use that phone number", e)
  }
}

export const MISSING_PHONE_MESSAGE =
  "ATH Móvil needs the shopper's phone number: send data.phone_number (10 digits, e.g. 787-555-1234) when creating the payment session."
