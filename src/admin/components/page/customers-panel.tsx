import { Input, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import type { AthTranslate } from "../../i18n/use-ath-translation"
import { errorMessage, useCustomers } from "../../lib/api"
import { formatDateTime, formatMoney } from "../../lib/format"
import { KeysetPager } from "./pager"
import { useDebounced } from "./use-debounced"

const PAGE_SIZE = 20

function maskPhone(phone: string): string {
  return phone.length >= 4 ? `(•••) •••-${phone.slice(-4)}` : phone
}

/** ATH customers (django-athm's Client): one row per phone number, totals by PostgreSQL. */
export function CustomersPanel({ t, locale }: { t: AthTranslate; locale: string }) {
  const [search, setSearch] = useState("")
  const [afters, setAfters] = useState<Array<string | undefined>>([undefined])
  const q = useDebounced(search.trim())
  const { data, isPending, isError, error } = useCustomers({ q: q || undefined, after: afters[afters.length - 1], limit: PAGE_SIZE })
  const money = (v: string) => formatMoney(v, "usd", locale)

  return (
    <div className="flex flex-col divide-y" data-testid="athmovil-customers-panel">
      <div className="flex flex-wrap items-end gap-3 px-6 py-4">
        <div className="min-w-[240px] flex-1">
          <Input
            type="search"
            size="small"
            placeholder={t("customers.search")}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value)
              setAfters([undefined])
            }}
            data-testid="athmovil-customers-search"
          />
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
                <Table.HeaderCell>{t("tx.customer")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("customers.payments")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("customers.paid")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("tx.refunded")}</Table.HeaderCell>
                <Table.HeaderCell>{t("customers.first")}</Table.HeaderCell>
                <Table.HeaderCell>{t("customers.last")}</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(data?.customers ?? []).map((c) => (
                <Table.Row key={c.phone} data-testid="athmovil-customer-row">
                  <Table.Cell>
                    <div className="flex flex-col">
                      <span>{c.name ?? "—"}</span>
                      <span className="text-ui-fg-subtle text-xs">
                        {maskPhone(c.phone)}
                        {c.email ? ` · ${c.email}` : ""}
                      </span>
                    </div>
                  </Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{c.payment_count}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(c.total_paid)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(c.total_refunded)}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{formatDateTime(c.first_payment_at, locale)}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{formatDateTime(c.last_payment_at, locale)}</Table.Cell>
                  <Table.Cell>
                    <Link
                      to={`?tab=transactions&q=${encodeURIComponent(c.phone)}`}
                      className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover whitespace-nowrap"
                      data-testid="athmovil-customer-transactions"
                    >
                      {t("customers.transactions")}
                    </Link>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {!isPending && (data?.customers.length ?? 0) === 0 ? (
            <Text size="small" className="text-ui-fg-subtle px-6 py-6 text-center">
              {t("customers.empty")}
            </Text>
          ) : null}
          <KeysetPager
            t={t}
            page={afters.length - 1}
            hasNext={!!data?.next_after}
            onPrevious={() => setAfters((a) => (a.length > 1 ? a.slice(0, -1) : a))}
            onNext={() => data?.next_after && setAfters((a) => [...a, data.next_after!])}
          />
        </div>
      )}
    </div>
  )
}
