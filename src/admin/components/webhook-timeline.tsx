import { Text } from "@medusajs/ui"
import type { AthTranslate } from "../i18n/use-ath-translation"
import { formatDateTime } from "../lib/format"
import type { AthWebhookView } from "../lib/types"
import { OutcomeBadge } from "./status-badges"

type Key = Parameters<AthTranslate>[0]

/** The ATH notifications about this payment, newest first, with what the plugin did with each. */
export function WebhookTimeline({ events, locale, t }: { events: AthWebhookView[]; locale: string; t: AthTranslate }) {
  return (
    <div className="px-6 py-4">
      <Text size="small" leading="compact" weight="plus" className="mb-2">
        {t("webhooks.title")}
      </Text>
      {events.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted">
          {t("webhooks.empty")}
        </Text>
      ) : (
        <ol className="border-ui-border-base ml-1 flex flex-col gap-y-3 border-l pl-4">
          {events.map((e) => (
            <li key={e.id} className="relative" data-testid="athmovil-webhook-row">
              <span className="bg-ui-fg-muted absolute -left-[21px] top-1.5 size-2 rounded-full" />
              <div className="flex items-center justify-between gap-x-2">
                <Text size="small" leading="compact">
                  {t(`kind.${e.kind}` as Key)}
                  {e.status ? ` · ${t(`event.${e.status}` as Key)}` : ""}
                  {e.duplicate ? ` (${t("webhooks.duplicate")})` : ""}
                  {(e.delivery_count ?? 1) > 1 ? ` · ${t("webhooks.deliveries", { count: e.delivery_count ?? 1 })}` : ""}
                </Text>
                <OutcomeBadge outcome={e.outcome} t={t} />
              </div>
              <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                {formatDateTime(e.received_at, locale)}
              </Text>
              {e.error ? (
                <Text size="xsmall" className="text-ui-fg-muted mt-0.5 break-words">
                  {e.error}
                </Text>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
