import type { PaymentSessionStatus } from "@medusajs/framework/types"
import type { AthEcommerceStatus } from "../../lib/athmovil"

/**
 * The one place where ATH Móvil ticket states meet Medusa session states, for
 * read-only status checks. `authorizePayment` is the only caller allowed to turn
 * CONFIRM into a debit, so a plain read maps CONFIRM to `pending`.
 */
export const ATH_TO_MEDUSA_STATUS: Record<AthEcommerceStatus, PaymentSessionStatus> = {
  OPEN: "requires_more",
  CONFIRM: "pending",
  COMPLETED: "captured",
  CANCEL: "canceled",
}

/** What the storefront sees while it waits (status route, storefront kit). */
export type ShopperPaymentStatus = "pending" | "approved" | "completed" | "canceled" | "expired"

export function shopperStatus(status: AthEcommerceStatus, expiresAt: Date | null, now = new Date()): ShopperPaymentStatus {
  switch (status) {
    case "OPEN":
      return "pending"
    case "CONFIRM":
      return "approved"
    case "COMPLETED":
      return "completed"
    case "CANCEL":
      // ATH shows expiry and cancellation both as CANCEL; the clock tells them apart.
      return expiresAt && now.getTime() >= expiresAt.getTime() - 1000 ? "expired" : "canceled"
  }
}
