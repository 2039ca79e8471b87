export type AthEcommerceStatus = "OPEN" | "CONFIRM" | "COMPLETED" | "CANCEL"

export type AthOperation =
  | "createPayment"
  | "findPayment"
  | "authorizePayment"
  | "updatePhoneNumber"
  | "cancelPayment"
  | "refundPayment"
  | "subscribeWebhooks"
  | "transactionReport"
  | "searchTransaction"

export interface AthRequestEvent {
  operation: AthOperation
  method: string
  url: string
  attempt: number
  durationMs: number
  httpStatus: number | null
  outcome: "ok" | "error"
  /** On an error: ATH's code (BTRA_…) and the error class's name (AuthenticationError, …). */
  errorCode?: string | null
  errorName?: string
}

export interface AthMovilClientOptions {
  publicToken: string
  privateToken?: string
  apiBaseUrl?: string
  reportBaseUrl?: string
  requestTimeoutMs?: number
  maxReadRetries?: number
  retryBaseDelayMs?: number
  onRequest?: (e: AthRequestEvent) => void
}

export interface RequestOptions {
  signal?: AbortSignal
}

export interface AthItemInput {
  name: string
  description?: string
  quantity: number
  price: string | number
  tax?: string | number | null
  metadata?: string | null
  sku?: string | null
}

export interface CreatePaymentInput {
  total: string | number
  subtotal?: string | number
  tax?: string | number
  phoneNumber: string | number
  metadata1?: string
  metadata2?: string
  items?: AthItemInput[]
  timeoutSeconds?: number
}

export interface AthItem {
  name: string
  description: string
  quantity: number
  price: string
  tax: string | null
  metadata: string | null
  sku: string | null
  formattedPrice: string | null
}

export interface AthPayment {
  ecommerceId: string
  status: AthEcommerceStatus
  referenceNumber: string | null
  businessCustomerId: string | null
  transactionDate: string | null
  dailyTransactionId: string | null
  businessName: string | null
  subtotal: string | null
  tax: string | null
  total: string
  fee: string
  netAmount: string
  totalRefundedAmount: string
  metadata1: string | null
  metadata2: string | null
  items: AthItem[]
  isNonProfit: boolean | null
}

export interface AthRefund {
  refund: {
    referenceNumber: string
    amount: string
    date: string | null
    dailyTransactionId: string | null
    status: string
    name: string | null
    phoneNumber: string | null
    email: string | null
  }
  original: {
    referenceNumber: string
    status: string
    total: string
    fee: string | null
    netAmount: string | null
    totalRefundedAmount: string
    metadata1: string | null
    metadata2: string | null
  }
}

export interface AthReportRow {
  transactionType: string
  status: string
  date: string | null
  referenceNumber: string
  dailyTransactionId: string | null
  name: string | null
  phoneNumber: string | null
  email: string | null
  message: string | null
  total: string
  tax: string | null
  subtotal: string | null
  fee: string | null
  netAmount: string | null
  totalRefundedAmount: string
  metadata1: string | null
  metadata2: string | null
  items: AthItem[]
}

export interface AthWebhookSubscriptionEvents {
  paymentReceived: boolean
  refundSent: boolean
  donationReceived: boolean
  ecommercePaymentReceived: boolean
  ecommercePaymentCancelled: boolean
  ecommercePaymentExpired: boolean
}

export interface AthSearchFilters {
  referenceNumber?: string
  dailyTransactionId?: string
  name?: string
  phoneNumber?: string
  email?: string
  total?: string
  metadata1?: string
  metadata2?: string
}

export type AthWebhookKind = "ecommerce" | "payment" | "donation" | "refund" | "simulated"

export interface AthWebhookEvent {
  kind: AthWebhookKind
  status: "completed" | "cancelled" | "expired"
  generation: "2025" | "legacy"
  ecommerceId: string | null
  referenceNumber: string | null
  referenceTransactionId: string | null
  dailyTransactionId: string | null
  total: string
  subtotal: string | null
  tax: string | null
  fee: string | null
  netAmount: string | null
  totalRefundedAmount: string | null
  metadata1: string | null
  metadata2: string | null
  name: string | null
  email: string | null
  phoneNumber: string | null
  message: string | null
  date: string | null
  transactionDate: string | null
  businessName: string | null
  items: AthItem[]
  idempotencyKey: string
}

export interface ValidationIssue {
  field: string
  rule: string
  message: string
}
