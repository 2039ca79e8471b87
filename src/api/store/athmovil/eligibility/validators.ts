import { z } from "zod"

/**
 * `GET /store/athmovil/eligibility?cart_id=`. Medusa's own store middleware takes `?locale=` (and the
 * js-sdk's `x-medusa-locale` header) off the query and onto `req.locale` before this runs.
 */
export const EligibilityQuery = z
  .object({
    cart_id: z
      .string({ message: "cart_id is required: the id of the cart to check, e.g. cart_01…" })
      .trim()
      .min(1, "cart_id is required: the id of the cart to check, e.g. cart_01…")
      .max(64, "cart_id is too long (64 characters at most)"),
  })
  .strict()

export type EligibilityQueryType = z.infer<typeof EligibilityQuery>
