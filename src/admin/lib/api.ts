import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useAccountId } from "./account"
import { sdk } from "./sdk"
import type {
  CustomersResponse,
  FixInput,
  FixResponse,
  GoLiveResponse,
  PaymentResponse,
  ReconciliationResponse,
  ReconciliationsResponse,
  RefundsResponse,
  SettingsResponse,
  TransactionsResponse,
  WebhookEventsResponse,
  WebhookReplayResponse,
  WebhookSubscribeResponse,
  DifferenceFix,
} from "./types"

/*
 * react-query hooks over the plugin's admin API. The dashboard supplies the QueryClient; every key
 * starts with "athmovil" so the plugin never collides with (or invalidates) the dashboard's own.
 */

const athKeys = {
  all: ["athmovil"] as const,
  payment: (id: string) => ["athmovil", "payment", id] as const,
  transactions: (query: Record<string, unknown>) => ["athmovil", "transactions", query] as const,
  webhookEvents: (query: Record<string, unknown>) => ["athmovil", "webhook-events", query] as const,
  settings: (account: string | undefined) => ["athmovil", "settings", account ?? "default"] as const,
  goLive: (account: string | undefined) => ["athmovil", "go-live", account ?? "default"] as const,
  reconciliation: (id: string) => ["athmovil", "reconciliation", id] as const,
}

/** A readable message from anything the SDK throws (its FetchError carries the API's `message`). */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof (error as { message: unknown }).message === "string") {
    return (error as { message: string }).message.split("\n")[0]
  }
  return String(error)
}

function clean(query: Record<string, unknown>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== "")
  ) as Record<string, string | number>
}

/** `version` changes whenever the order's refunds change, so the widget refetches after a Medusa refund. */
export function usePaymentView(paymentId: string | undefined, version: string) {
  return useQuery({
    queryKey: [...athKeys.payment(paymentId ?? "none"), version],
    queryFn: () => sdk.client.fetch<PaymentResponse>(`/admin/athmovil/payments/${paymentId}`),
    enabled: !!paymentId,
  })
}

export function useRefreshPayment(paymentId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch<PaymentResponse>(`/admin/athmovil/payments/${paymentId}/refresh`, { method: "POST" }),
    onSuccess: (data) => {
      client.setQueriesData({ queryKey: athKeys.payment(paymentId) }, data)
    },
  })
}

export function useTransactions(query: Record<string, unknown>) {
  const q = clean({ ...query, provider_id: useAccountId() })
  return useQuery({
    queryKey: athKeys.transactions(q),
    queryFn: () => sdk.client.fetch<TransactionsResponse>("/admin/athmovil/transactions", { query: q }),
    placeholderData: keepPreviousData,
  })
}

export function useWebhookEvents(query: Record<string, unknown>) {
  const q = clean({ ...query, provider_id: useAccountId() })
  return useQuery({
    queryKey: athKeys.webhookEvents(q),
    queryFn: () => sdk.client.fetch<WebhookEventsResponse>("/admin/athmovil/webhook-events", { query: q }),
    placeholderData: keepPreviousData,
  })
}

export function useReplayWebhookEvent() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch<WebhookReplayResponse>(`/admin/athmovil/webhook-events/${id}/replay`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: ["athmovil", "webhook-events"] }),
  })
}

export function useSettings() {
  const account = useAccountId()
  return useQuery({
    queryKey: athKeys.settings(account),
    queryFn: () => sdk.client.fetch<SettingsResponse>("/admin/athmovil/settings", { query: clean({ provider_id: account }) }),
    staleTime: 60_000,
  })
}

/** The go-live check of the page's account; it asks ATH and probes the listener, so it is not refetched on focus. */
export function useGoLive() {
  const account = useAccountId()
  return useQuery({
    queryKey: athKeys.goLive(account),
    queryFn: () => sdk.client.fetch<GoLiveResponse>("/admin/athmovil/go-live", { query: clean({ provider_id: account }) }),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  })
}

/** The store's ATH Business accounts, for the page's switcher (no token check: nothing but the list). */
export function useAccounts() {
  return useQuery({
    queryKey: ["athmovil", "accounts"],
    queryFn: () => sdk.client.fetch<SettingsResponse>("/admin/athmovil/settings", { query: { token_check: "false" } }),
    staleTime: Infinity,
    select: (data) => (data.accounts ?? []).map((a) => a.provider_id),
  })
}

export function useSubscribeWebhooks() {
  const account = useAccountId()
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<WebhookSubscribeResponse>("/admin/athmovil/webhooks/subscribe", {
        method: "POST",
        body: clean({ provider_id: account }),
      }),
    // The go-live check shows the subscription.
    onSuccess: () => client.invalidateQueries({ queryKey: athKeys.goLive(account) }),
  })
}

export function useStartReconciliation() {
  const account = useAccountId()
  return useMutation({
    mutationFn: (range: { from: string; to: string }) =>
      sdk.client.fetch<ReconciliationResponse>("/admin/athmovil/reconciliation", {
        method: "POST",
        body: clean({ ...range, provider_id: account }),
      }),
  })
}

/** Polls a run every second while it runs; any instance can answer (the engine stores it). */
export function useReconciliation(id: string | null) {
  return useQuery({
    queryKey: athKeys.reconciliation(id ?? "none"),
    queryFn: () => sdk.client.fetch<ReconciliationResponse>(`/admin/athmovil/reconciliation/${id}`),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.reconciliation.status === "running" ? 1000 : false),
  })
}

export function useLatestReconciliation() {
  const account = useAccountId()
  return useQuery({
    queryKey: ["athmovil", "reconciliations", account ?? "default"],
    queryFn: () =>
      sdk.client.fetch<ReconciliationsResponse>("/admin/athmovil/reconciliation", {
        query: clean({ limit: 1, provider_id: account }),
      }),
  })
}

export function useApplyFix() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (fix: DifferenceFix) => {
      const body: FixInput = fix.kind === "create_refund" ? { kind: fix.kind, payment_id: fix.payment_id } : fix
      return sdk.client.fetch<FixResponse>("/admin/athmovil/reconciliation/fix", { method: "POST", body })
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["athmovil", "transactions"] }),
  })
}

/** Every refund across payments; `cursor` pages follow the API's `next_cursor`. */
export function useBooksRefunds(query: Record<string, unknown>) {
  const q = clean({ ...query, provider_id: useAccountId() })
  return useQuery({
    queryKey: ["athmovil", "refunds", q],
    queryFn: () => sdk.client.fetch<RefundsResponse>("/admin/athmovil/refunds", { query: q }),
    placeholderData: keepPreviousData,
  })
}

/** ATH customers by phone number; `after` pages follow the API's `next_after`. */
export function useCustomers(query: Record<string, unknown>) {
  const q = clean({ ...query, provider_id: useAccountId() })
  return useQuery({
    queryKey: ["athmovil", "customers", q],
    queryFn: () => sdk.client.fetch<CustomersResponse>("/admin/athmovil/customers", { query: q }),
    placeholderData: keepPreviousData,
  })
}

/**
 * The download address of an accountant's export. The admin is signed in with a session cookie,
 * so a plain link streams the file straight to disk (nothing is held in the page).
 */
export function exportUrl(file: "transactions.csv" | "refunds.csv" | "differences.csv", query: Record<string, unknown>): string {
  const base = ((typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) || "").replace(/\/$/, "")
  const search = new URLSearchParams(Object.entries(clean(query)).map(([k, v]) => [k, String(v)])).toString()
  return `${base}/admin/athmovil/exports/${file}${search ? `?${search}` : ""}`
}
