import { ArrowPath } from "@medusajs/icons"
import { Button, Select, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import type { AthTranslate } from "../../i18n/use-ath-translation"
import { TableFooter } from "./table-footer"
import { errorMessage, useReplayWebhookEvent, useWebhookEvents } from "../../lib/api"
import { formatDateTime, formatMoney, shorten } from "../../lib/format"
import { OutcomeBadge } from "../status-badges"

const PAGE_SIZE = 20
const OUTCOMES = ["pending", "failed", "applied", "duplicate", "ignored", "unmatched", "rejected"] as const
type Key = Parameters<AthTranslate>[0]

/**
 * Every ATH Móvil webhook event, how often ATH delivered it and what became of it. Any finished
 * or failed event can be replayed (ATH is asked again).
 */
export function WebhookEventsPanel({ t, locale }: { t: AthTranslate; locale: string }) {
  const [outcome, setOutcome] = useState("all")
  const [page, setPage] = useState(0)
  const { data, isPending, isError, error } = useWebhookEvents({
    outcome: outcome === "all" ? undefined : outcome,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  })
  const replay = useReplayWebhookEvent()
  const count = data?.count ?? 0

  const onReplay = (id: string) =>
    replay.mutate(id, {
      onSuccess: (res) => toast.success(t("wh.replayed", { outcome: t(`outcome.${res.webhook_event.outcome}`) })),
      onError: (e) => toast.error(t("wh.replayFailed"), { description: errorMessage(e) }),
    })

  return (
    <div className="flex flex-col divide-y">
      <div className="flex items-center gap-3 px-6 py-4">
        <div className="w-[200px]">
          <Select
            size="small"
            value={outcome}
            onValueChange={(v) => {
              setOutcome(v)
              setPage(0)
            }}
          >
            <Select.Trigger data-testid="athmovil-wh-outcome">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">{t("wh.allOutcomes")}</Select.Item>
              {OUTCOMES.map((o) => (
                <Select.Item key={o} value={o}>
                  {t(`outcome.${o}`)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>
      {isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {t("error.generic", { message: errorMessage(error) })}
        </Text>
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("wh.received")}</Table.HeaderCell>
                <Table.HeaderCell>{t("wh.kind")}</Table.HeaderCell>
                <Table.HeaderCell>{t("wh.reference")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("wh.amount")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("wh.deliveries")}</Table.HeaderCell>
                <Table.HeaderCell>{t("wh.outcome")}</Table.HeaderCell>
                <Table.HeaderCell>{t("wh.error")}</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(data?.webhook_events ?? []).map((e) => (
                <Table.Row key={e.id} data-testid="athmovil-wh-row" data-outcome={e.outcome}>
                  <Table.Cell className="whitespace-nowrap">{formatDateTime(e.received_at, locale)}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap">
                    {t(`kind.${e.kind}` as Key)}
                    {e.status ? ` · ${t(`event.${e.status}` as Key)}` : ""}
                  </Table.Cell>
                  <Table.Cell>
                    <span className="font-mono text-xs" title={e.reference_number ?? e.ecommerce_id ?? undefined}>
                      {shorten(e.reference_number ?? e.ecommerce_id, 10, 6)}
                    </span>
                  </Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{formatMoney(e.amount, "usd", locale)}</Table.Cell>
                  <Table.Cell
                    className="text-right tabular-nums"
                    title={
                      e.delivery_count > 1
                        ? t("wh.deliveriesTitle", { count: e.delivery_count, at: formatDateTime(e.last_received_at ?? e.received_at, locale) })
                        : undefined
                    }
                    data-testid="athmovil-wh-deliveries"
                  >
                    {e.delivery_count > 1 ? `×${e.delivery_count}` : ""}
                  </Table.Cell>
                  <Table.Cell>
                    <OutcomeBadge outcome={e.outcome} t={t} />
                  </Table.Cell>
                  <Table.Cell className="max-w-[320px]">
                    <span className="text-ui-fg-subtle line-clamp-2 text-xs" title={e.error ?? undefined}>
                      {e.error ?? ""}
                    </span>
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    {e.duplicate || e.outcome === "pending" ? null : (
                      <Button
                        size="small"
                        variant="secondary"
                        onClick={() => onReplay(e.id)}
                        isLoading={replay.isPending && replay.variables === e.id}
                        data-testid="athmovil-wh-replay"
                      >
                        <ArrowPath />
                        {t("wh.replay")}
                      </Button>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <TableFooter t={t} count={count} pageSize={PAGE_SIZE} page={page} setPage={setPage} isPending={isPending} emptyText={t("wh.empty")} />
        </div>
      )}
    </div>
  )
}
