import { Badge, Button, Input, Select, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import type { AthTranslate } from "../../i18n/use-ath-translation"
import { errorMessage, useBooksRefunds } from "../../lib/api"
import { formatDateTime, formatMoney, shorten } from "../../lib/format"
import { ExportButton } from "./export-button"
import { KeysetPager } from "./pager"

const PAGE_SIZE = 20
const SOURCES = ["medusa", "business_app", "webhook", "report"] as const

/** Every ATH refund across payments, newest first: where it came from, what ATH was told, the order. */
export function RefundsPanel({ t, locale }: { t: AthTranslate; locale: string }) {
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const [source, setSource] = useState("all")
  // Start cursors of the pages seen so far: keyset pages go back by popping.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined])
  const filter = { from: from || undefined, to: to || undefined, source: source === "all" ? undefined : source }
  const { data, isPending, isError, error } = useBooksRefunds({ ...filter, cursor: cursors[cursors.length - 1], limit: PAGE_SIZE })
  const money = (v: string | null | undefined) => formatMoney(v, data?.totals.currency_code ?? "usd", locale)
  const reset = (fn: () => void) => {
    fn()
    setCursors([undefined])
  }

  return (
    <div className="flex flex-col divide-y" data-testid="athmovil-refunds-panel">
      <div className="flex flex-wrap items-end gap-3 px-6 py-4">
        <label className="flex items-center gap-x-2">
          <Text size="small" className="text-ui-fg-subtle">
            {t("tx.from")}
          </Text>
          <Input type="date" size="small" value={from} onChange={(e) => reset(() => setFrom(e.target.value))} data-testid="athmovil-refunds-from" />
        </label>
        <label className="flex items-center gap-x-2">
          <Text size="small" className="text-ui-fg-subtle">
            {t("tx.to")}
          </Text>
          <Input type="date" size="small" value={to} onChange={(e) => reset(() => setTo(e.target.value))} data-testid="athmovil-refunds-to" />
        </label>
        <div className="w-[200px]">
          <Select size="small" value={source} onValueChange={(v) => reset(() => setSource(v))}>
            <Select.Trigger data-testid="athmovil-refunds-source">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">{t("refundsTab.allSources")}</Select.Item>
              {SOURCES.map((s) => (
                <Select.Item key={s} value={s}>
                  {t(`refundsTab.source.${s}`)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        {from || to || source !== "all" ? (
          <Button size="small" variant="transparent" onClick={() => reset(() => (setFrom(""), setTo(""), setSource("all")))}>
            {t("tx.clear")}
          </Button>
        ) : null}
        <div className="ml-auto">
          <ExportButton t={t} file="refunds.csv" query={filter} />
        </div>
      </div>

      <div className="flex gap-8 px-6 py-4" data-testid="athmovil-refunds-totals">
        <Text size="small" weight="plus">
          {t("refundsTab.count", { count: data?.totals.count ?? 0 })}
        </Text>
        <Text size="small" weight="plus" className="tabular-nums" data-testid="athmovil-refunds-total">
          {money(data?.totals.amount)}
        </Text>
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
                <Table.HeaderCell>{t("tx.date")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("tx.refunded")}</Table.HeaderCell>
                <Table.HeaderCell>{t("refundsTab.sourceHeader")}</Table.HeaderCell>
                <Table.HeaderCell>{t("tx.reference")}</Table.HeaderCell>
                <Table.HeaderCell>{t("tx.customer")}</Table.HeaderCell>
                <Table.HeaderCell>{t("refundsTab.message")}</Table.HeaderCell>
                <Table.HeaderCell>{t("tx.order")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(data?.refunds ?? []).map((r) => (
                <Table.Row key={r.id} data-testid="athmovil-refunds-tab-row" data-source={r.source}>
                  <Table.Cell className="whitespace-nowrap">{formatDateTime(r.date, locale)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(r.amount)}</Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-col items-start gap-y-1">
                      <Badge size="2xsmall">{t(`refundsTab.source.${r.source}`)}</Badge>
                      {r.state === "pending_medusa" ? (
                        <Text size="xsmall" className="text-ui-fg-error">
                          {t("refundsTab.pendingMedusa")}
                        </Text>
                      ) : null}
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-col font-mono text-xs">
                      <span title={r.reference_number ?? ""}>{shorten(r.reference_number, 10, 6)}</span>
                      <span className="text-ui-fg-subtle" title={r.original_reference_number ?? ""}>
                        {t("refundsTab.ofPayment", { reference: shorten(r.original_reference_number, 8, 4) })}
                      </span>
                    </div>
                  </Table.Cell>
                  <Table.Cell>{r.customer_name ?? "—"}</Table.Cell>
                  <Table.Cell>
                    <div className="flex max-w-[260px] flex-col">
                      <span className="truncate" title={r.message ?? ""}>{r.message ?? "—"}</span>
                      {r.reason ? <span className="text-ui-fg-subtle text-xs">{r.reason}</span> : null}
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    {r.order_id ? (
                      <Link to={`/orders/${r.order_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover whitespace-nowrap">
                        {t("tx.viewOrder")}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {!isPending && (data?.refunds.length ?? 0) === 0 ? (
            <Text size="small" className="text-ui-fg-subtle px-6 py-6 text-center">
              {t("refundsTab.empty")}
            </Text>
          ) : null}
          <KeysetPager
            t={t}
            page={cursors.length - 1}
            hasNext={!!data?.next_cursor}
            onPrevious={() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c))}
            onNext={() => data?.next_cursor && setCursors((c) => [...c, data.next_cursor!])}
          />
        </div>
      )}
    </div>
  )
}
