import { Button, Copy, Input, Select, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import type { AthTranslate } from "../../i18n/use-ath-translation"
import { errorMessage, useTransactions } from "../../lib/api"
import { formatDateTime, formatMoney, puertoRicoDayEnd, puertoRicoDayStart, shorten } from "../../lib/format"
import { sdk } from "../../lib/sdk"
import { LedgerStatusBadge } from "../status-badges"
import type { LedgerKindFilter, TransactionTotalsResponse } from "../../lib/types"
import { ExportButton } from "./export-button"
import { TableFooter } from "./table-footer"
import { useDebounced } from "./use-debounced"

const PAGE_SIZE = 20
const STATUSES = ["COMPLETED", "OPEN", "CONFIRM", "CANCEL", "EXPIRED"] as const
const KINDS: readonly LedgerKindFilter[] = ["ecommerce", "other", "payment", "donation", "all"]

function maskPhone(phone: string | null): string {
  const digits = (phone ?? "").replace(/\D/g, "")
  return digits.length >= 4 ? `(•••) •••-${digits.slice(-4)}` : ""
}

/**
 * Money of the whole filter (GET …/transactions/totals: one exact SQL aggregate), fetched beside
 * the page so the rows never wait for a sum over years of ledger. Same query key family as the
 * list, so whatever refreshes the list refreshes the totals.
 */
function useTransactionTotals(filter: Record<string, string | undefined>) {
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as Record<string, string>
  return useQuery({
    queryKey: ["athmovil", "transactions", "totals", query],
    queryFn: () => sdk.client.fetch<TransactionTotalsResponse>("/admin/athmovil/transactions/totals", { query }),
    placeholderData: keepPreviousData,
  })
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex flex-col gap-y-0.5">
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="base" leading="compact" weight="plus" className="tabular-nums" data-testid={testId}>
        {value}
      </Text>
    </div>
  )
}

/** The ATH ledger: search, status and date filters, totals of the filtered range, links to orders. */
export function TransactionsPanel({ t, locale }: { t: AthTranslate; locale: string }) {
  // A customer's "Transactions" link opens this tab searched by their phone (?q=).
  const [search, setSearch] = useState(() => new URLSearchParams(window.location.search).get("q") ?? "")
  const [kind, setKind] = useState<LedgerKindFilter>("ecommerce")
  const [status, setStatus] = useState<string>("all")
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const [page, setPage] = useState(0)
  const q = useDebounced(search.trim())
  const filter = {
    q: q || undefined,
    status: status === "all" ? undefined : status,
    from: from ? puertoRicoDayStart(from) : undefined,
    to: to ? puertoRicoDayEnd(to) : undefined,
    kind,
  }
  const { data, isPending, isError, error } = useTransactions({ ...filter, limit: PAGE_SIZE, offset: page * PAGE_SIZE })
  const totals = useTransactionTotals(filter).data?.totals
  const currency = totals?.currency_code ?? "usd"
  const money = (v: string | number | null | undefined) => formatMoney(v, currency, locale)
  const count = data?.count ?? 0
  const reset = (fn: () => void) => {
    fn()
    setPage(0)
  }

  return (
    <div className="flex flex-col divide-y">
      <div className="flex flex-wrap items-end gap-3 px-6 py-4">
        <div className="min-w-[240px] flex-1">
          <Input
            type="search"
            size="small"
            placeholder={t("tx.search")}
            value={search}
            onChange={(e) => reset(() => setSearch(e.target.value))}
            data-testid="athmovil-tx-search"
          />
        </div>
        <div className="w-[180px]">
          <Select size="small" value={status} onValueChange={(v) => reset(() => setStatus(v))}>
            <Select.Trigger data-testid="athmovil-tx-status">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">{t("tx.allStatuses")}</Select.Item>
              {STATUSES.map((s) => (
                <Select.Item key={s} value={s}>
                  {t(`txstatus.${s}`)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        <label className="flex items-center gap-x-2">
          <Text size="small" className="text-ui-fg-subtle">
            {t("tx.from")}
          </Text>
          <Input type="date" size="small" value={from} onChange={(e) => reset(() => setFrom(e.target.value))} data-testid="athmovil-tx-from" />
        </label>
        <label className="flex items-center gap-x-2">
          <Text size="small" className="text-ui-fg-subtle">
            {t("tx.to")}
          </Text>
          <Input type="date" size="small" value={to} onChange={(e) => reset(() => setTo(e.target.value))} data-testid="athmovil-tx-to" />
        </label>
        <div className="w-[200px]">
          <Select size="small" value={kind} onValueChange={(v) => reset(() => setKind(v as LedgerKindFilter))}>
            <Select.Trigger data-testid="athmovil-tx-kind">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {KINDS.map((k) => (
                <Select.Item key={k} value={k}>
                  {t(`tx.kind.${k}`)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        {search || status !== "all" || from || to ? (
          <Button size="small" variant="transparent" onClick={() => reset(() => (setSearch(""), setStatus("all"), setFrom(""), setTo("")))}>
            {t("tx.clear")}
          </Button>
        ) : null}
        <div className="ml-auto">
          <ExportButton t={t} file="transactions.csv" query={{ from: from || undefined, to: to || undefined, kind, status: status === "all" ? undefined : status }} />
        </div>
      </div>
      {kind !== "ecommerce" && kind !== "all" ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-3" data-testid="athmovil-other-income-note">
          {t("tx.otherIncomeNote")}
        </Text>
      ) : null}

      <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-5" data-testid="athmovil-totals">
        <Stat label={t("tx.totals")} value={t("tx.count", { count: totals?.count ?? 0 })} testId="athmovil-totals-count" />
        <Stat label={t("tx.total")} value={money(totals?.gross)} testId="athmovil-totals-gross" />
        <Stat label={t("tx.fee")} value={money(totals?.fees)} testId="athmovil-totals-fees" />
        <Stat label={t("tx.net")} value={money(totals?.net)} testId="athmovil-totals-net" />
        <Stat label={t("tx.refunded")} value={money(totals?.refunded)} testId="athmovil-totals-refunded" />
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
                <Table.HeaderCell>{t("tx.reference")}</Table.HeaderCell>
                <Table.HeaderCell>{t("tx.customer")}</Table.HeaderCell>
                <Table.HeaderCell>{t("tx.status")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("tx.total")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("tx.fee")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("tx.net")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("tx.refunded")}</Table.HeaderCell>
                <Table.HeaderCell>{t("tx.order")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(data?.transactions ?? []).map((tx) => (
                <Table.Row key={tx.id} data-testid="athmovil-tx-row" data-reference={tx.reference_number ?? ""}>
                  <Table.Cell className="whitespace-nowrap">{formatDateTime(tx.transaction_date ?? tx.created_at, locale)}</Table.Cell>
                  <Table.Cell>
                    <div className="flex items-center gap-x-1">
                      <span className="font-mono text-xs" title={tx.reference_number ?? tx.ecommerce_id}>
                        {shorten(tx.reference_number ?? tx.ecommerce_id, 10, 6)}
                      </span>
                      <Copy content={tx.reference_number ?? tx.ecommerce_id} variant="mini" className="text-ui-fg-muted" />
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-col">
                      <span>{tx.customer_name ?? "—"}</span>
                      <span className="text-ui-fg-subtle text-xs">{maskPhone(tx.customer_phone)}</span>
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <LedgerStatusBadge status={tx.status} display={tx.display_status} t={t} />
                  </Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(tx.total)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(tx.fee)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(tx.net_amount)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(tx.refunded_total)}</Table.Cell>
                  <Table.Cell>
                    {tx.order_id ? (
                      <Link to={`/orders/${tx.order_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover whitespace-nowrap">
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
          <TableFooter t={t} count={count} pageSize={PAGE_SIZE} page={page} setPage={setPage} isPending={isPending} emptyText={t("tx.empty")} />
        </div>
      )}
    </div>
  )
}
