import { Copy, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** One "label — value" line of a dashboard-style section, with an optional copy button. */
export function DetailRow({
  label,
  value,
  copy,
  testId,
  strong,
}: {
  label: string
  value: ReactNode
  copy?: string | null
  testId?: string
  strong?: boolean
}) {
  return (
    <div className="flex items-center justify-between gap-x-4 px-6 py-2">
      <Text size="small" leading="compact" className="text-ui-fg-subtle shrink-0 whitespace-nowrap">
        {label}
      </Text>
      <div className="flex min-w-0 flex-1 items-center justify-end gap-x-1">
        <Text
          size="small"
          leading="compact"
          weight={strong ? "plus" : "regular"}
          className="truncate text-right tabular-nums"
          data-testid={testId}
          data-value={copy ?? (typeof value === "string" ? value : undefined)}
          title={typeof value === "string" ? value : copy ?? undefined}
        >
          {value}
        </Text>
        {copy ? <Copy content={copy} className="text-ui-fg-muted shrink-0" data-testid={testId ? `${testId}-copy` : undefined} /> : null}
      </div>
    </div>
  )
}
