import { Badge, StatusBadge } from "@medusajs/ui"
import type { AthTranslate } from "../i18n/use-ath-translation"
import type { AthDisplayStatus, RefundSource, RefundState } from "../lib/types"

type Color = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const STATUS_COLORS: Record<AthDisplayStatus, Color> = {
  completed: "green",
  partially_refunded: "orange",
  refunded: "purple",
  cancelled: "red",
  expired: "grey",
  pending: "blue",
}

export function AthStatusBadge({ status, t }: { status: AthDisplayStatus; t: AthTranslate }) {
  return (
    <StatusBadge color={STATUS_COLORS[status]} data-testid="athmovil-status" data-status={status}>
      {t(`status.${status}`)}
    </StatusBadge>
  )
}

const TX_COLORS: Record<string, Color> = { OPEN: "blue", CONFIRM: "blue", COMPLETED: "green", CANCEL: "red", EXPIRED: "grey" }

/** A ledger row's badge: the server's display status for refunds, else the row's own ATH status. */
export function LedgerStatusBadge({ status, display, t }: { status: string; display: AthDisplayStatus; t: AthTranslate }) {
  if (display === "refunded" || display === "partially_refunded") {
    return <StatusBadge color={STATUS_COLORS[display]}>{t(`status.${display}`)}</StatusBadge>
  }
  const key = `txstatus.${status}` as Parameters<AthTranslate>[0]
  return <StatusBadge color={TX_COLORS[status] ?? "grey"}>{t(key)}</StatusBadge>
}

const SOURCE_COLORS: Record<RefundSource, Color> = { medusa: "grey", business_app: "blue", report: "purple", webhook: "orange" }

export function RefundSourceBadge({ source, t }: { source: RefundSource; t: AthTranslate }) {
  return (
    <Badge size="2xsmall" color={SOURCE_COLORS[source]}>
      {t(`source.${source}`)}
    </Badge>
  )
}

export function RefundStateBadge({ state, t }: { state: RefundState; t: AthTranslate }) {
  return (
    <Badge size="2xsmall" color={state === "pending_medusa" ? "red" : "green"}>
      {t(`state.${state}`)}
    </Badge>
  )
}

const OUTCOME_COLORS: Record<string, Color> = {
  pending: "blue",
  applied: "green",
  duplicate: "grey",
  ignored: "grey",
  unmatched: "orange",
  rejected: "red",
  // Every attempt failed: waits for a person (Replay), as urgent as a rejection.
  failed: "red",
}

export function OutcomeBadge({ outcome, t }: { outcome: string; t: AthTranslate }) {
  const key = `outcome.${outcome}` as Parameters<AthTranslate>[0]
  return (
    <Badge size="2xsmall" color={OUTCOME_COLORS[outcome] ?? "grey"}>
      {t(key)}
    </Badge>
  )
}
