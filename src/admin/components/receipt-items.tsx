import { Text } from "@medusajs/ui"
import type { AthTranslate } from "../i18n/use-ath-translation"
import { formatMoney } from "../lib/format"
import type { ReceiptItem } from "../lib/types"

/** The server's 2-decimal strings are compared as text, never as floats: non-zero means a non-zero digit. */
const isNonZero = (amount: string) => /[1-9]/.test(amount)

/** The lines of the ATH receipt as the shopper saw them in the ATH Móvil app (price is per unit). */
export function ReceiptItems({ items, currency, locale, t }: { items: ReceiptItem[]; currency: string; locale: string; t: AthTranslate }) {
  if (items.length === 0) return null
  return (
    <div className="px-6 py-4" data-testid="athmovil-receipt-items">
      <Text size="small" leading="compact" weight="plus" className="mb-2">
        {t("field.items")}
      </Text>
      <ul className="flex flex-col gap-y-1">
        {items.map((item, index) => (
          <li key={`${index}:${item.name}`} className="flex items-start justify-between gap-x-3" data-testid="athmovil-receipt-item">
            <div className="flex min-w-0 flex-col">
              <Text size="small" leading="compact" className="truncate" title={item.name}>
                {item.quantity} × {item.name}
              </Text>
              {item.description ? (
                <Text size="xsmall" leading="compact" className="text-ui-fg-subtle truncate" title={item.description}>
                  {item.description}
                </Text>
              ) : null}
            </div>
            <div className="flex flex-col items-end">
              <Text size="small" leading="compact" className="tabular-nums">
                {formatMoney(item.price, currency, locale)}
              </Text>
              {item.tax && isNonZero(item.tax) ? (
                <Text size="xsmall" leading="compact" className="text-ui-fg-subtle tabular-nums">
                  {t("field.ivu")} {formatMoney(item.tax, currency, locale)}
                </Text>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}
