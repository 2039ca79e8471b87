import { z } from "zod"

export const ChangePhoneBody = z
  .object({
    phone_number: z
      .string({ message: "phone_number is required: the 10-digit ATH Móvil phone number, e.g. 787-555-1234" })
      .trim()
      .min(1, "phone_number is required: the 10-digit ATH Móvil phone number, e.g. 787-555-1234")
      .max(32, "phone_number is too long"),
  })
  .strict()

export type ChangePhoneBodyType = z.infer<typeof ChangePhoneBody>
