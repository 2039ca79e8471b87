import { CheckCircleSolid, XCircleSolid } from "@medusajs/icons"
import { Badge, Text } from "@medusajs/ui"
import type { AthMessageKey } from "../../i18n/en"
import type { AthTranslate } from "../../i18n/use-ath-translation"
import { errorMessage, useGoLive } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import { CheckHeader } from "./check-header"

/**
 * The go-live check: each check green or red with its fix. Labels and fixes come by id from the
 * dictionaries (the server's English text when this admin is older than the server); details are
 * the server's facts (times, URLs, counts).
 */
export function GoLiveCard({ t, locale }: { t: AthTranslate; locale: string }) {
  const { data, isPending, isError, error, refetch, isFetching } = useGoLive()
  const translated = (key: string, fallback: string) => {
    const text = t(key as AthMessageKey)
    return text === key ? fallback : text
  }
  const report = data?.go_live
  const red = report ? report.checks.filter((c) => !c.ok).length : 0
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="athmovil-go-live">
      <CheckHeader
        title={t("golive.title")}
        hint={t("golive.hint")}
        runLabel={t("golive.runAgain")}
        onRun={() => refetch()}
        running={isFetching}
        runTestId="athmovil-go-live-run"
      />
      {isPending ? <Text className="text-ui-fg-subtle">…</Text> : null}
      {isError ? (
        <Text size="small" className="text-ui-fg-error">
          {t("error.generic", { message: errorMessage(error) })}
        </Text>
      ) : null}
      {report ? (
        <>
          <div className="flex items-center gap-x-2">
            <Badge size="2xsmall" color={report.ok ? "green" : "red"} data-testid="athmovil-go-live-summary" data-ok={report.ok}>
              {report.ok ? t("golive.allGreen") : t("golive.someRed", { count: red })}
            </Badge>
            <Text size="xsmall" className="text-ui-fg-muted">
              {report.live ? t("golive.production") : t("golive.sandbox")} · {formatDateTime(report.checked_at, locale)}
            </Text>
          </div>
          <ul className="flex flex-col divide-y rounded-md border">
            {report.checks.map((c) => (
              <li key={c.id} className="flex gap-x-3 px-3 py-2" data-testid={`athmovil-go-live-${c.id}`} data-ok={c.ok}>
                <span className={c.ok ? "text-ui-fg-interactive" : "text-ui-fg-error"}>{c.ok ? <CheckCircleSolid /> : <XCircleSolid />}</span>
                <div className="min-w-0 flex-1">
                  <Text size="small" leading="compact" weight="plus">
                    {translated(`golive.check.${c.id}`, c.label)}
                  </Text>
                  <Text size="small" className="text-ui-fg-subtle break-words">
                    {c.detail}
                    {c.at ? ` (${formatDateTime(c.at, locale)})` : ""}
                  </Text>
                  {c.fix ? (
                    <Text size="small" className="text-ui-fg-error break-words">
                      {t("golive.fixLabel")}: {c.fix_id ? translated(`golive.fix.${c.fix_id}`, c.fix) : c.fix}
                    </Text>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}
