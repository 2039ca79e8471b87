import { MedusaError } from "@medusajs/framework/utils"
import type { InitiatePaymentInput } from "@medusajs/framework/types"
import { normalisePhoneNumber } from "../../lib/athmovil"
import { shopperPhone, type SessionCart, type SessionCartPhones } from "./cart-lookup"
import { buildAthReceipt, singleLineReceipt, type AthReceipt } from "./receipt"
import { savedPhoneFromContext } from "./saved-phone"
import { MISSING_PHONE_MESSAGE, type StorefrontSessionInput } from "./storefront-input"

/** What a new ATH ticket is opened with: built on the server from Medusa's rows, the storefront naming only the phone. */
export interface TicketRequest {
  phone: string
  cartId: string | undefined
  /** The cart (or customer) the payment is for: ATH's metadata2, cut to its 40 characters. */
  reference: string
  receipt: AthReceipt
}

const NO_PHONES: SessionCartPhones = { shipping: null, billing: null, customer: null }

/** A phone from an address or customer record, if it is a 10-digit number ATH takes. */
function tryPhone(raw: string): string | null {
  try {
    return normalisePhoneNumber(raw, "phone")
  } catch {
    return null
  }
}

/**
 * The phone (`shopperPhone`'s order: the storefront's, the saved ATH phone, the cart's addresses,
 * the customer's) and the receipt of the cart behind the session (one line when no cart is found,
 * e.g. an admin's order-balance session).
 */
export function ticketRequest(
  input: InitiatePaymentInput,
  total: string,
  storefront: StorefrontSessionInput,
  found: SessionCart | null
): TicketRequest {
  const picked = shopperPhone(
    storefront.phone_number,
    found?.phones ?? NO_PHONES,
    input.context?.customer?.phone,
    tryPhone,
    savedPhoneFromContext(input.context)
  )
  if (!picked) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${MISSING_PHONE_MESSAGE} The cart's shipping and billing addresses and the customer have no 10-digit phone either.`,
      "phone_missing"
    )
  }
  const cartId = found?.cart?.id ?? storefront.cart_id
  const reference = cartId ?? input.context?.customer?.id ?? ""
  const receipt = found?.cart
    ? buildAthReceipt(found.cart, total)
    : singleLineReceipt(
        total,
        found?.orderDisplayId ? `Order #${found.orderDisplayId}` : "Order",
        reference ? `Medusa ${reference}` : "Medusa order"
      )
  return { phone: picked.phone, cartId, reference, receipt }
}
