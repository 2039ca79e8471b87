import { Table, Text } from "@medusajs/ui"
import type { Dispatch, SetStateAction } from "react"
import type { AthTranslate } from "../../i18n/use-ath-translation"

/** The footer every ledger table shares: an empty-state line and the pager. */
export function TableFooter({
  t,
  count,
  pageSize,
  page,
  setPage,
  isPending,
  emptyText,
}: {
  t: AthTranslate
  count: number
  pageSize: number
  page: number
  setPage: Dispatch<SetStateAction<number>>
  isPending: boolean
  emptyText: string
}) {
  const pageCount = Math.max(1, Math.ceil(count / pageSize))
  return (
    <>
      {!isPending && count === 0 ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-6 text-center">
          {emptyText}
        </Text>
      ) : null}
      <Table.Pagination
        count={count}
        pageSize={pageSize}
        pageIndex={page}
        pageCount={pageCount}
        canPreviousPage={page > 0}
        canNextPage={page + 1 < pageCount}
        previousPage={() => setPage((p) => Math.max(0, p - 1))}
        nextPage={() => setPage((p) => p + 1)}
        translations={{ of: t("tx.of"), results: t("tx.results"), pages: t("tx.pages"), prev: t("tx.prev"), next: t("tx.next") }}
      />
    </>
  )
}
