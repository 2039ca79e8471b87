import { compareAmounts, type AthWebhookEvent } from "../../../lib/athmovil"

const AMOUNT_FIELDS = ["total", "subtotal", "tax", "fee", "netAmount", "totalRefundedAmount"] as const

/**
 * Amounts the normaliser accepts as decimals but no ATH event can carry: a negative one. Such a
 * delivery is stored as rejected and answered 400 naming the field, like any malformed body.
 */
export function negativeAmountIssues(event: AthWebhookEvent): Array<{ field: string; message: string }> {
  const issues: Array<{ field: string; message: string }> = []
  const check = (field: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && compareAmounts(value, "0.00") < 0) {
      issues.push({ field, message: `${field} must not be negative (got ${value})` })
    }
  }
  for (const field of AMOUNT_FIELDS) check(field, event[field] as string | null | undefined)
  event.items.forEach((item, i) => {
    check(`items[${i}].price`, item.price)
    check(`items[${i}].tax`, item.tax)
  })
  return issues
}
