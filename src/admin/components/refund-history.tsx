import { Copy, Text } from "@medusajs/ui"
import type { AthTranslate } from "../i18n/use-ath-translation"
import { formatDateTime, formatMoney, shorten } from "../lib/format"
import type { AthRefundView } from "../lib/types"
import { RefundSourceBadge, RefundStateBadge } from "./status-badges"

/** Every refund of the payment with its ATH reference, where it was made and whether Medusa has it. */
export function RefundHistory({ refunds, currency, locale, t }: { refunds: AthRefundView[]; currency: string; locale: string; t: AthTranslate }) {
  return (
    <div className="px-6 py-4">
      <Text size="small" leading="compact" weight="plus" className="mb-2">
        {t("refunds.title")}
      </Text>
      {refunds.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted">
          {t("refunds.empty")}
        </Text>
      ) : (
        <ul className="flex flex-col gap-y-2">
          {refunds.map((r) => (
            <li
              key={r.id}
              className="bg-ui-bg-subtle shadow-borders-base flex flex-col gap-y-1 rounded-md px-3 py-2"
              data-testid="athmovil-refund-row"
              data-reference={r.reference_number ?? ""}
              data-amount={r.amount}
            >
              <div className="flex items-center justify-between gap-x-2">
                <Text size="small" leading="compact" weight="plus" className="tabular-nums" data-testid="athmovil-refund-amount">
                  {formatMoney(r.amount, currency, locale)}
                </Text>
                <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                  {formatDateTime(r.date, locale)}
                </Text>
              </div>
              <div className="flex items-center gap-x-1">
                <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                  {t("refunds.reference")}:
                </Text>
                <Text size="xsmall" leading="compact" className="truncate font-mono" title={r.reference_number ?? undefined} data-testid="athmovil-refund-reference">
                  {shorten(r.reference_number, 12, 6)}
                </Text>
                {r.reference_number ? <Copy content={r.reference_number} variant="mini" className="text-ui-fg-muted" /> : null}
              </div>
              {r.message || r.reason ? (
                <Text size="xsmall" leading="compact" className="text-ui-fg-subtle" data-testid="athmovil-refund-message">
                  {[r.message, r.reason].filter(Boolean).join(" · ")}
                </Text>
              ) : null}
              <div className="flex flex-wrap items-center gap-1">
                <RefundSourceBadge source={r.source} t={t} />
                <RefundStateBadge state={r.state} t={t} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
