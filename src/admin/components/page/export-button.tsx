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
  // The ledger's books are per account, like the tab (refunds and differences name their own rows).
  const account = useAccountId()
  const scoped = file === "transactions.csv" ? { ...query, provider_id: account } : query
  return (
    <Button size="small" variant="secondary" asChild>
      <a href={exportUrl(file, scoped)} download data-testid={`athmovil-export-${file.replace(".csv", "")}`}>
        <ArrowDownTray />
        {t("export.csv")}
      </a>
    </Button>
  )
}
