import { defineLink } from "@medusajs/framework/utils"
import PaymentModule from "@medusajs/medusa/payment"
import AthMovilModule from "../modules/athmovil"

/**
 * One ATH Móvil ledger row <-> the Medusa payment it settled, so admin/query
 * can show ATH's reference number, fee and refunds next to the payment.
 */
export default defineLink(
  AthMovilModule.linkable.athTransaction,
  PaymentModule.linkable.payment
)
