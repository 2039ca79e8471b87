import { Badge, Button, Input, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import type { AthTranslate } from "../../i18n/use-ath-translation"
import {
  errorMessage,
  useApplyFix,
  useLatestReconciliation,
  useReconciliation,
  useStartReconciliation,
} from "../../lib/api"
import { formatDateTime, formatMoney, puertoRicoDay, shorten } from "../../lib/format"
import type { Difference, OtherIncomeSummary, ReconciliationRun } from "../../lib/types"
import { ExportButton } from "./export-button"

const DAY_MS = 86_400_000

/** Other ATH income of the range: ATH's money, but no checkout to reconcile, so listed apart. */
function OtherIncomeList({ summary, t, locale }: { summary: OtherIncomeSummary; t: AthTranslate; locale: string }) {
  return (
    <div className="flex flex-col gap-y-2" data-testid="athmovil-rec-other-income">
      <Text size="small" weight="plus">
        {t("rec.otherIncome")}
      </Text>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {t("rec.otherIncomeTotals", { count: summary.count, gross: formatMoney(summary.gross, "usd", locale) })}
        {summary.unconfirmed > 0 ? ` · ${t("rec.otherIncomeUnconfirmed", { count: summary.unconfirmed })}` : ""}
      </Text>
      <ul className="flex flex-col gap-y-1">
        {summary.items.map((i) => (
          <li key={`${i.kind}:${i.reference_number}`} className="flex flex-wrap items-center gap-x-3 text-sm">
            <Badge size="2xsmall" color={i.confirmed ? "green" : "orange"}>
              {i.confirmed ? t("rec.otherIncomeConfirmed") : t("rec.otherIncomeAwaiting")}
            </Badge>
            <span>{t(`tx.kind.${i.kind}`)}</span>
            <span className="tabular-nums">{formatMoney(i.total, "usd", locale)}</span>
            <span className="text-ui-fg-subtle">{i.customer_name ?? "—"}</span>
            <span className="text-ui-fg-subtle font-mono text-xs">{shorten(i.reference_number, 10, 6)}</span>
            <span className="text-ui-fg-subtle">{formatDateTime(i.date, locale)}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

function ProgressBar({ run, t }: { run: ReconciliationRun; t: AthTranslate }) {
  const percent = run.status === "done" ? 100 : Math.round((run.progress.done / run.progress.total) * 100)
  return (
    <div className="flex flex-col gap-y-2" data-testid="athmovil-rec-progress" data-status={run.status} data-percent={percent}>
      <div className="flex items-center justify-between">
        <Text size="small" leading="compact">
          {run.status === "running" && run.phase ? t(`rec.phase.${run.phase}`) : run.status === "done" ? t("rec.phase.compare") : ""}
        </Text>
        <Text size="small" leading="compact" className="text-ui-fg-subtle tabular-nums">
          {percent}%
        </Text>
      </div>
      <div className="bg-ui-bg-component shadow-borders-base h-2 w-full overflow-hidden rounded-full">
        <div
          className={`h-full rounded-full transition-all duration-500 ${run.status === "failed" ? "bg-ui-tag-red-icon" : "bg-ui-fg-interactive"}`}
          style={{ width: `${Math.max(percent, run.status === "running" ? 4 : 0)}%` }}
        />
      </div>
    </div>
  )
}

function DifferenceCard({
  difference,
  fixed,
  onFix,
  fixing,
  t,
  locale,
}: {
  difference: Difference
  fixed: boolean
  onFix: () => void
  fixing: boolean
  t: AthTranslate
  locale: string
}) {
  const d = difference
  const money = (v: string | null) => formatMoney(v, "usd", locale)
  const fixLabel =
    d.fix?.kind === "create_refund" ? t("rec.fixAction.create_refund", { amount: money(d.fix.amount) }) : d.fix ? t("rec.fixAction.recover_session") : ""
  return (
    <li
      className="shadow-borders-base bg-ui-bg-base flex flex-col gap-y-2 rounded-lg px-4 py-3"
      data-testid="athmovil-difference"
      data-kind={d.kind}
      data-payment-id={d.payment_id ?? ""}
      data-reference={d.reference_number ?? ""}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Text size="small" leading="compact" weight="plus">
          {t(`diff.${d.kind}`)}
        </Text>
        {fixed ? (
          <Badge size="2xsmall" color="green">
            {t("rec.fixed")}
          </Badge>
        ) : d.fix ? (
          <Button size="small" onClick={onFix} isLoading={fixing} data-testid="athmovil-fix-button">
            {fixLabel}
          </Button>
        ) : (
          <Badge size="2xsmall" color="orange">
            {t("rec.review")}
          </Badge>
        )}
      </div>
      <div className="text-ui-fg-subtle flex flex-wrap items-center gap-x-4 gap-y-1 text-xs">
        {d.reference_number ? (
          <span className="font-mono" title={d.reference_number}>
            {shorten(d.reference_number, 10, 6)}
          </span>
        ) : null}
        {d.date ? <span>{formatDateTime(d.date, locale)}</span> : null}
        {d.customer_name ? <span>{d.customer_name}</span> : null}
        {d.ath_amount !== null ? (
          <span>
            {t("rec.athAmount")}: <span className="text-ui-fg-base tabular-nums">{money(d.ath_amount)}</span>
          </span>
        ) : null}
        {d.medusa_amount !== null ? (
          <span>
            {t("rec.medusaAmount")}: <span className="text-ui-fg-base tabular-nums">{money(d.medusa_amount)}</span>
          </span>
        ) : null}
        {d.order_id ? (
          <Link to={`/orders/${d.order_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
            {t("rec.viewOrder")}
          </Link>
        ) : null}
      </div>
      {d.ath_refunds.length ? (
        <ul className="text-ui-fg-subtle flex flex-col gap-y-0.5 text-xs">
          {d.ath_refunds.map((r, i) => (
            <li key={`${r.reference_number}-${i}`} className="flex gap-x-2">
              <span className="font-mono">{shorten(r.reference_number, 10, 6)}</span>
              <span className="tabular-nums">{money(r.amount)}</span>
              <span>{formatDateTime(r.date, locale)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  )
}

/**
 * Reconciliation with ATH's transaction report: pick whole days, run (the server runs it in the
 * background and stores each phase, so the bar survives reloads), then fix each difference that
 * has a safe fix. The last run is shown again when the page opens.
 */
export function ReconciliationPanel({ t, locale }: { t: AthTranslate; locale: string }) {
  const today = puertoRicoDay()
  const [from, setFrom] = useState(puertoRicoDay(new Date(Date.now() - 6 * DAY_MS)))
  const [to, setTo] = useState(today)
  const [runId, setRunId] = useState<string | null>(null)
  const [fixed, setFixed] = useState<Set<string>>(new Set())
  const latest = useLatestReconciliation()
  const start = useStartReconciliation()
  const run = useReconciliation(runId).data?.reconciliation
  const fix = useApplyFix()

  // Reopen the last run (still running or finished) when the panel mounts.
  useEffect(() => {
    const last = latest.data?.reconciliations[0]
    if (!runId && last) {
      setRunId(last.id)
      if (last.range) {
        setFrom(last.range.from)
        setTo(last.range.to)
      }
    }
  }, [latest.data, runId])

  const onRun = () =>
    start.mutate(
      { from, to },
      {
        onSuccess: (res) => {
          setFixed(new Set())
          setRunId(res.reconciliation.id)
        },
        onError: (e) => {
          toast.error(t("rec.failed", { message: errorMessage(e) }))
          latest.refetch()
        },
      }
    )

  const onFix = (d: Difference) =>
    d.fix &&
    fix.mutate(d.fix, {
      onSuccess: ({ fix: result }) => {
        if (result.outcome === "waiting") {
          toast.warning(t("rec.fixOutcome.waiting"))
          return
        }
        // A fix already applied (another admin, a webhook, an earlier click) is just as done.
        setFixed((s) => new Set(s).add(d.id))
        if (result.outcome === "nothing_to_do") toast.info(t("rec.fixOutcome.nothing_to_do"))
        else toast.success(t(`rec.fixOutcome.${result.kind}`, { amount: d.fix?.kind === "create_refund" ? formatMoney(d.fix.amount, "usd", locale) : "" }))
      },
      onError: (e) => toast.error(t("rec.fixFailed"), { description: errorMessage(e) }),
    })

  const running = start.isPending || run?.status === "running"
  const result = run?.status === "done" ? run.result : null

  return (
    <div className="flex flex-col divide-y">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Text size="small" leading="compact" weight="plus">
          {t("rec.title")}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {t("rec.hint")}
        </Text>
      </div>
      <div className="flex flex-wrap items-end gap-3 px-6 py-4">
        <label className="flex flex-col gap-y-1">
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("rec.from")}
          </Text>
          <Input type="date" size="small" value={from} max={to || today} onChange={(e) => setFrom(e.target.value)} data-testid="athmovil-rec-from" />
        </label>
        <label className="flex flex-col gap-y-1">
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("rec.to")}
          </Text>
          <Input type="date" size="small" value={to} min={from} max={today} onChange={(e) => setTo(e.target.value)} data-testid="athmovil-rec-to" />
        </label>
        <Button size="small" onClick={onRun} isLoading={running} disabled={!from || !to || running} data-testid="athmovil-rec-run">
          {running ? t("rec.running") : t("rec.run")}
        </Button>
        {run && run.status !== "running" ? (
          <Text size="xsmall" className="text-ui-fg-muted self-center">
            {t("rec.lastRun", { date: formatDateTime(run.updated_at, locale) })}
          </Text>
        ) : null}
        {run && run.status === "done" ? (
          <div className="ml-auto self-center">
            <ExportButton t={t} file="differences.csv" query={{ run: run.id }} />
          </div>
        ) : null}
      </div>

      {run ? (
        <div className="flex flex-col gap-y-4 px-6 py-4">
          <ProgressBar run={run} t={t} />
          {run.status === "failed" ? (
            <Text size="small" className="text-ui-fg-error" data-testid="athmovil-rec-error">
              {t("rec.failed", { message: run.error ?? "" })}
            </Text>
          ) : null}
          {result ? (
            <div className="flex flex-col gap-y-3" data-testid="athmovil-rec-result">
              <Text size="small" leading="compact">
                {t("rec.done", {
                  payments: result.report.payments,
                  refunds: result.report.refunds,
                  differences: result.differences.length,
                })}
              </Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {t("rec.summary.ledger", result.ledger)} · {t("rec.summary.refunds", result.refunds)}
              </Text>
              {result.differences.length === 0 ? (
                <Badge color="green" className="self-start" data-testid="athmovil-rec-clean">
                  {t("rec.noDifferences")}
                </Badge>
              ) : (
                <ul className="flex flex-col gap-y-2">
                  {result.differences.map((d) => (
                    <DifferenceCard
                      key={d.id}
                      difference={d}
                      fixed={fixed.has(d.id)}
                      onFix={() => onFix(d)}
                      fixing={fix.isPending && fix.variables === d.fix}
                      t={t}
                      locale={locale}
                    />
                  ))}
                </ul>
              )}
              {result.other_income && result.other_income.items.length > 0 ? (
                <OtherIncomeList summary={result.other_income} t={t} locale={locale} />
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
