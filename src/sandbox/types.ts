import type { VariantChoice, VariantsOption } from "./variants"

/**
 * Public types of the ATH Móvil sandbox. Other packages code against these
 * names, so renaming anything here is a breaking change.
 */

export type SandboxRoute =
  | "payment"
  | "findPayment"
  | "authorization"
  | "updatePhoneNumber"
  | "cancel"
  | "refund"
  | "subscribe"
  | "report"
  | "search"

export const SANDBOX_ROUTES: readonly SandboxRoute[] = [
  "payment",
  "findPayment",
  "authorization",
  "updatePhoneNumber",
  "cancel",
  "refund",
  "subscribe",
  "report",
  "search",
]

export interface SandboxFault {
  latencyMs?: number
  jitterMs?: number
  /** 5xx status returned instead of processing the request. */
  status?: number
  /** HTTP 200 with an error envelope, request not processed. */
  softError?: { errorcode: string; message: string }
  /** Request processed, then the JSON body is cut in half. */
  malformedJson?: boolean
  /** Request processed, then the socket is destroyed without a response. */
  commitThenDrop?: boolean
  /** Apply to the next N requests of the route only (default: until cleared). */
  times?: number
}

export type WebhookGeneration = "2025" | "legacy"
export type RefundWebhookReference = "original" | "refund"

export interface SandboxMerchant {
  publicToken: string
  privateToken: string
  businessName?: string
}

export interface SandboxOptions {
  /** 0 (default) picks a random free port. */
  port?: number
  /** Default "127.0.0.1". */
  host?: string
  /** Default: [SANDBOX_DEFAULT_TOKENS]. */
  merchants?: SandboxMerchant[]
  /** Percent of the total charged as fee, default "2.50". */
  feePercent?: string
  /** Fixed fee in dollars added per payment, default "0.00". */
  feeFixed?: string
  clock?: "real" | "manual"
  webhookGeneration?: WebhookGeneration
  refundWebhookReference?: RefundWebhookReference
  /**
   * Play every documented shape instead of one guess: a seed (number or
   * string) picks per response and per field, reproducibly; `{ strict }`
   * plays the named options only ("fee.number=two-decimal,…"). See variants.ts.
   */
  variants?: VariantsOption
  /** Longest transaction report range in days, default 31. */
  reportMaxDays?: number
  /** Receives one line per request and webhook delivery. Default: silent. */
  log?: (line: string) => void
}

export type TicketStatus = "OPEN" | "CONFIRM" | "COMPLETED" | "CANCEL"
export type CancelledBy = "merchant" | "customer" | "expiry"

export interface SandboxItem {
  name: string
  description: string
  quantity: number
  price: string
  tax: string
  metadata: string
  sku: string
  formattedPrice: string
}

export interface RefundSnapshot {
  referenceNumber: string
  originalReferenceNumber: string
  amount: string
  message: string
  date: Date
  dailyTransactionId: string
  via: "api" | "business-app"
}

export interface TicketSnapshot {
  ecommerceId: string
  status: TicketStatus
  expired: boolean
  cancelledBy: CancelledBy | null
  total: string
  subtotal: string
  tax: string
  /** "" until a phone number is assigned. */
  phoneNumber: string
  metadata1: string
  metadata2: string
  items: SandboxItem[]
  referenceNumber: string | null
  dailyTransactionId: string | null
  fee: string | null
  netAmount: string | null
  totalRefundedAmount: string
  refunds: RefundSnapshot[]
  createdAt: Date
  expiresAt: Date
  completedAt: Date | null
  /** /authorization requests that carried a valid token for this ticket, successful or not. */
  authorizationCount: number
  phoneHistory: string[]
}

export interface WebhookBehaviour {
  /** Copies sent of each event (1 = no duplicates). */
  duplicate: number
  delayMs: number
  /** Hold events until flushWebhooks(), then deliver them newest first. */
  reorder: boolean
  generation: WebhookGeneration
  refundWebhookReference: RefundWebhookReference
}

export type WebhookEventName =
  | "ecommerce_completed"
  | "ecommerce_cancelled"
  | "ecommerce_expired"
  | "refund_sent"
  | "payment_received"
  | "donation_received"
  | "simulated"

export interface WebhookDelivery {
  url: string
  event: WebhookEventName
  body: unknown
  /** HTTP status of the listener's answer, null when the request failed. */
  status: number | null
  error?: string
  at: Date
}

export interface RequestLogEntry {
  route: SandboxRoute | "control" | "unknown"
  method: string
  /** 0 when the socket was destroyed without a response (commitThenDrop). */
  status: number
  at: Date
}

/** Events that ATH Móvil sends for activity outside the Payment Button. */
export type AppWebhookKind = "payment" | "donation" | "simulated"

export interface AthSandbox {
  url: string
  port: number
  apiBaseUrl: string
  reportBaseUrl: string
  tokens: { publicToken: string; privateToken: string }
  stop(): Promise<void>
  reset(): void
  now(): Date
  advanceTime(seconds: number): Promise<void>
  approve(target: { ecommerceId: string } | { phoneNumber: string }): TicketSnapshot
  reject(target: { ecommerceId: string } | { phoneNumber: string }): TicketSnapshot
  refundOutsideApi(input: { referenceNumber: string; amount: string; message?: string }): RefundSnapshot
  getTicket(ecommerceId: string): TicketSnapshot | undefined
  listTickets(): TicketSnapshot[]
  setFault(route: SandboxRoute, fault: SandboxFault | null): void
  clearFaults(): void
  /**
   * Moves the wall clock ATH stamps on every answer (`Date` header) by `seconds` (negative: behind),
   * for clock checks; the ticket clock (`advanceTime`) is separate. `reset()` sets it back to 0.
   */
  setClockSkew(seconds: number): void
  setWebhookBehaviour(b: Partial<WebhookBehaviour>): void
  flushWebhooks(): Promise<void>
  readonly webhookDeliveries: WebhookDelivery[]
  readonly requestLog: RequestLogEntry[]
  /** Requests received on one API route, or on all API routes without an argument. */
  callCount(route?: SandboxRoute): number
  /** The most requests one API route was answering at the same moment since the last reset. */
  peakConcurrency(route: SandboxRoute): number
  /** Bulk COMPLETED payments over the range for report tests; `refundShare` (0–1, default 0.05) of them refunded. */
  seedReportTransactions(count: number, range: { from: Date; to: Date; refundShare?: number }): void
  /**
   * Sends a "Pay a Business", donation or simulated event to the first
   * merchant's listener. A payment or donation is also a transaction ATH
   * keeps (listener or not): the report and search list it.
   */
  sendAppWebhook(kind: AppWebhookKind, input?: { amount?: string; phoneNumber?: string; message?: string }): void
  /** Switches the response variants (null: back to the one usual guess); reset() rewinds their picks. */
  setVariants(option: VariantsOption | null): void
  /** "off", "seed athm-1", "strict fee.number=two-decimal", … */
  readonly variants: string
  /** The variant picks made since the last reset (most recent last, capped). */
  readonly variantChoices: VariantChoice[]
}
