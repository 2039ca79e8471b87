/**
 * Flows a store's own code may call (exported as `medusa-payment-athmovil/workflows`): apply a
 * stored webhook event, reconcile sessions with ATH (closed-tab recovery), retry failed events,
 * copy a payment into the ATH ledger.
 */
export { processAthMovilWebhookWorkflow, ATHMOVIL_WEBHOOK_STORED } from "./process-webhook-event"
export { retryPendingWebhookEvents, MAX_WEBHOOK_ATTEMPTS } from "./process-webhook-event/retry-pending"
export { recoverAthMovilSessions, reconcileAthSession } from "./recover-sessions"
export type { ReconcileOutcome, RecoverOptions } from "./recover-sessions"
export { syncPaymentToLedger } from "./ledger/sync-payment"
