import { ArrowDownTray } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import type { AthTranslate } from "../../i18n/use-ath-translation"
import { useAccountId } from "../../lib/account"
import { exportUrl } from "../../lib/api"

/** Downloads the tab's CSV for the same filter the tab shows (streamed by the server). */
export function ExportButton({
  t,
  file,
  query,
}: {
  t: AthTranslate
  file: "transactions.csv" | "refunds.csv" | "differences.csv"
  query: Record<string, unknown>
}) {
  // The books are per account, like the tab (a run's differences are its account's already).
  const account = useAccountId()
  const scoped = file === "differences.csv" ? query : { ...query, provider_id: account }
  return (
    <Button size="small" variant="secondary" asChild>
      <a href={exportUrl(file, scoped)} download data-testid={`athmovil-export-${file.replace(".csv", "")}`}>
        <ArrowDownTray />
        {t("export.csv")}
      </a>
    </Button>
  )
}
