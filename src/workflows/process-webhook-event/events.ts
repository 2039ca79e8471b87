/** Emitted after a webhook delivery is stored; processing happens in its subscriber, after the HTTP answer. */
export const ATHMOVIL_WEBHOOK_STORED = "athmovil.webhook_event.stored"
