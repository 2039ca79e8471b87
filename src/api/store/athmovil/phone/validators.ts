import { z } from "zod"

/** `GET /store/athmovil/phone?cart_id=`. */
export const SavedPhoneQuery = z
  .object({
    cart_id: z
      .string({ message: "cart_id is required: the id of the cart about to be paid, e.g. cart_01…" })
      .trim()
      .min(1, "cart_id is required: the id of the cart about to be paid, e.g. cart_01…")
      .max(64, "cart_id is too long (64 characters at most)"),
  })
  .strict()
