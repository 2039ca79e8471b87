import type { AthOperation } from "./types"

const READS: ReadonlySet<AthOperation> = new Set<AthOperation>([
  "findPayment",
  "transactionReport",
  "searchTransaction",
])

/** Reads may be retried; anything else can move money or state at ATH. */
export function isReadOperation(operation: AthOperation | null): boolean {
  return operation === null || READS.has(operation)
}

const LABELS: Record<AthOperation, string> = {
  createPayment: "the payment creation",
  findPayment: "the payment lookup",
  authorizePayment: "the authorization",
  updatePhoneNumber: "the phone number update",
  cancelPayment: "the cancellation",
  refundPayment: "the refund",
  subscribeWebhooks: "the webhook subscription",
  transactionReport: "the transaction report",
  searchTransaction: "the transaction search",
}

export function operationLabel(operation: AthOperation | null): string {
  return operation === null ? "the request" : LABELS[operation]
}

export const RECONCILE_HINT = "the outcome is unknown: check with findPayment before retrying"
