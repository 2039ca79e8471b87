/**
 * www.athmovil.com: webhook subscription and the legacy v4 "Services".
 * Report and search answer without the success envelope (bare array/object),
 * as documented; errors still use the error envelope.
 */
import { successEnvelope } from "../errors"
import type { AppTransactionStore } from "../app-transactions"
import type { MerchantRegistry } from "../merchants"
import { searchTransactions, transactionReport } from "../report"
import type { RouteDef } from "../server"
import type { Shapes } from "../shapes"
import type { TicketStore } from "../tickets"
import { parseSubscription, type WebhookDispatcher } from "../webhooks"

export interface WwwRouteDeps {
  merchants: MerchantRegistry
  store: TicketStore
  appTransactions: AppTransactionStore
  webhooks: WebhookDispatcher
  nowMs: () => number
  reportMaxDays: number
  shapes: Shapes
}

export function wwwRoutes({ merchants, store, appTransactions, webhooks, nowMs, reportMaxDays, shapes }: WwwRouteDeps): RouteDef[] {
  return [
    {
      // The real response is undocumented; this is the body athm-python's tests assume.
      method: "POST",
      path: "/transactions/webhook/post",
      route: "subscribe",
      handle(ctx) {
        const body = ctx.json()
        const merchant = merchants.byPair(body.publicToken, body.privateToken)
        webhooks.subscribe(merchant, parseSubscription(body))
        return { status: 200, json: successEnvelope({ message: "Webhook subscription updated successfully" }) }
      },
    },
    {
      // A GET with a JSON body: WHATWG fetch cannot send it, undici.request / http.request can.
      method: "GET",
      path: "/transactions/v4/transactionReport",
      route: "report",
      handle(ctx) {
        const body = ctx.json()
        const merchant = merchants.byPair(body.publicToken, body.privateToken)
        return { status: 200, json: transactionReport(shapes, { store, appTransactions }, merchant, body, nowMs(), reportMaxDays) }
      },
    },
    {
      method: "POST",
      path: "/api/v4/searchTransaction",
      route: "search",
      handle(ctx) {
        const body = ctx.json()
        const merchant = merchants.byPair(body.publicToken, body.privateToken)
        return { status: 200, json: searchTransactions(shapes, { store, appTransactions }, merchant, body) }
      },
    },
  ]
}
