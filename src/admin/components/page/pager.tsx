import { Button, Text } from "@medusajs/ui"
import type { AthTranslate } from "../../i18n/use-ath-translation"

/** Previous/next for keyset pages: the caller keeps the stack of page starts. */
export function KeysetPager({
  t,
  page,
  hasNext,
  onPrevious,
  onNext,
}: {
  t: AthTranslate
  page: number
  hasNext: boolean
  onPrevious: () => void
  onNext: () => void
}) {
  return (
    <div className="flex items-center justify-end gap-x-2 px-6 py-4">
      <Text size="small" className="text-ui-fg-subtle">
        {t("books.page", { page: page + 1 })}
      </Text>
      <Button size="small" variant="transparent" disabled={page === 0} onClick={onPrevious}>
        {t("tx.prev")}
      </Button>
      <Button size="small" variant="transparent" disabled={!hasNext} onClick={onNext}>
        {t("tx.next")}
      </Button>
    </div>
  )
}
