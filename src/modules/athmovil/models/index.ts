export { AthWebhookEvent } from "./webhook-event"
export { AthTransaction } from "./transaction"
export { AthRefund } from "./refund"
