import type { PaymentSessionStatus } from "@medusajs/framework/types"
import { compareAmounts, type AthEcommerceStatus } from "../../lib/athmovil"
import type { AthDisplayStatus } from "../../modules/athmovil/admin-views"

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

/** The badge the admin shows for a ticket: ATH's state of the money, refunds included. */
export type { AthDisplayStatus }

/**
 * The admin's badge for a ticket in any ATH or ledger status (OPEN, CONFIRM, COMPLETED, CANCEL,
 * EXPIRED), from 2-decimal amounts. A CANCEL is told from an expiry by the clock when the caller
 * has the ticket's deadline (a live ATH read); a ledger row has already decided it.
 */
export function displayStatus(
  athStatus: string | null,
  total: string | null,
  refunded: string,
  expiresAt?: string | null,
  now = Date.now()
): AthDisplayStatus {
  switch (athStatus) {
    case "COMPLETED":
      if (total && compareAmounts(refunded, total) >= 0 && compareAmounts(total, "0.00") > 0) return "refunded"
      return compareAmounts(refunded, "0.00") > 0 ? "partially_refunded" : "completed"
    case "EXPIRED":
      return "expired"
    case "CANCEL": {
      const deadline = expiresAt ? new Date(expiresAt) : null
      return shopperStatus("CANCEL", deadline && !Number.isNaN(deadline.getTime()) ? deadline : null, new Date(now)) === "expired"
        ? "expired"
        : "cancelled"
    }
    default:
      return "pending"
  }
}
