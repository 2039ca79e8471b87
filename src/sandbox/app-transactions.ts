/**
 * "Pay a Business" payments and donations made in the ATH Móvil app. They have
 * no ticket (no ecommerceId, no metadata, no items), but they are money the
 * business received, so ATH's transaction report and search list them beside
 * the eCommerce rows (API.md §1 #8: transactionType "ECOMMERCE", "PAYMENT", …).
 */
import type { Merchant } from "./merchants"

export type AppTransactionKind = "payment" | "donation"

export interface AppTransaction {
  readonly kind: AppTransactionKind
  readonly merchant: Merchant
  readonly referenceNumber: string
  /** As the webhook printed it ("0001"); rows print it as an integer. */
  readonly dailyTransactionId: string
  readonly atMs: number
  readonly totalCents: number
  readonly feeCents: number
  /** 10 digits. */
  readonly phoneNumber: string
  readonly message: string
}

/** The app transactions ATH has on record, per business, in the order they happened. */
export class AppTransactionStore {
  private readonly byMerchant = new Map<Merchant, AppTransaction[]>()

  record(t: AppTransaction): void {
    const list = this.byMerchant.get(t.merchant) ?? []
    list.push(t)
    this.byMerchant.set(t.merchant, list)
  }

  list(merchant: Merchant): readonly AppTransaction[] {
    return this.byMerchant.get(merchant) ?? []
  }

  reset(): void {
    this.byMerchant.clear()
  }
}
