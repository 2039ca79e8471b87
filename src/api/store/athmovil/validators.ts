import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { describeZodIssues } from "../../../lib/athmovil/zod-issues"

const CART_ID_REQUIRED = "cart_id is required: the id of the cart this ATH Móvil payment belongs to"

/** The storefront names its cart on every session route: a session id alone proves nothing. */
const CartIdField = z
  .string({ message: CART_ID_REQUIRED })
  .trim()
  .min(1, CART_ID_REQUIRED)
  .max(100, "cart_id is too long")

/** The shopper's language for the answer (`en`, `es`, `es-PR`…); `Accept-Language` otherwise. */
const LocaleField = z.string().trim().max(35, "locale is too long").optional()

export const ChangePhoneBody = z
  .object({
    phone_number: z
      .string({ message: "phone_number is required: the 10-digit ATH Móvil phone number, e.g. 787-555-1234" })
      .trim()
      .min(1, "phone_number is required: the 10-digit ATH Móvil phone number, e.g. 787-555-1234")
      .max(32, "phone_number is too long"),
    cart_id: CartIdField,
    locale: LocaleField,
  })
  .strict()

export type ChangePhoneBodyType = z.infer<typeof ChangePhoneBody>

/** `GET /store/athmovil/payment-sessions/:id?cart_id=…` */
export const SessionStatusQuery = z.object({ cart_id: CartIdField })

/** `POST /store/athmovil/payment-sessions/:id/cancel` with `{ cart_id }`. */
export const CancelSessionBody = z.object({ cart_id: CartIdField, locale: LocaleField }).strict()

/** Validates a route's query or body in the route itself: a 400 naming each field and its rule. */
export function parseStoreInput<T extends z.ZodTypeAny>(schema: T, input: unknown, where: "query" | "body"): z.output<T> {
  const parsed = schema.safeParse(input ?? {})
  if (!parsed.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ${where}: ${describeZodIssues(parsed.error.issues, "")}`)
  }
  return parsed.data
}
