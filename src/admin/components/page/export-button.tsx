import { ArrowDownTray } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import type { AthTranslate } from "../../i18n/use-ath-translation"
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
  return (
    <Button size="small" variant="secondary" asChild>
      <a href={exportUrl(file, query)} download data-testid={`athmovil-export-${file.replace(".csv", "")}`}>
        <ArrowDownTray />
        {t("export.csv")}
      </a>
    </Button>
  )
}
