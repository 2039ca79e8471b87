import { storeSuite } from "../helpers/suite-group"
import { Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import { ATHMOVIL_EVENTS, type AthMovilEventName } from "../../src/modules/athmovil/events"
import type AthMovilModuleService from "../../src/modules/athmovil/service"
import { publishAthMovilEvents } from "../../src/workflows/events/publish"
import { runReportReconciliation, currentPuertoRicoDay, parseReconcileRange } from "../../src/workflows/reconcile-report"
import { paidOrder } from "../helpers/checkout"
import { assertPaymentInvariants } from "../helpers/invariants"
import { useSandbox, WEBHOOK_SECRET } from "../helpers/sandbox"
import { SHOPPER_PHONE, cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { seedTodaysReport, waitFor, webhookFailedForGood } from "../helpers/webhooks"

jest.setTimeout(180_000)

const sandbox = useSandbox({ clock: "manual" })

type Seen = { name: AthMovilEventName; data: Record<string, any> }

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const seen: Seen[] = []
    const athmovil = () => getContainer().resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    const of = (name: AthMovilEventName, match: (d: Record<string, any>) => boolean = () => true) =>
      seen.filter((e) => e.name === name && match(e.data)).map((e) => e.data)
    /** Publishes as two instances would, at the same moment, then waits for the bus's subscribers. */
    const publishTwice = async () => {
      await Promise.all([publishAthMovilEvents(getContainer()), publishAthMovilEvents(getContainer())])
      await new Promise((r) => setTimeout(r, 300))
    }
    const eventually = (what: string, name: AthMovilEventName, match: (d: Record<string, any>) => boolean) =>
      waitFor(what, async () => {
        await publishTwice()
        return of(name, match)
      }, (list) => list.length > 0)
    const webhookEvents = (filters: Record<string, unknown>) => athmovil().listAthWebhookEvents(filters, { take: 100 })
    const settled = (filters: Record<string, unknown>) =>
      waitFor("webhook events to settle", () => webhookEvents(filters), (l) => l.length > 0 && l.every((e) => e.outcome !== "pending"))

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
      const bus = getContainer().resolve<IEventBusModuleService>(Modules.EVENT_BUS)
      for (const name of Object.values(ATHMOVIL_EVENTS)) {
        bus.subscribe(name, async (event: { name?: string; data: Record<string, any> }) => {
          seen.push({ name, data: event.data })
        }, { subscriberId: `events-spec-${name}` })
      }
    })

    beforeEach(() => {
      sandbox().reset()
      seen.length = 0
    })

    it("announces a completed checkout once, with ATH's reference and amount, however many instances publish", async () => {
      const paid = await paidOrder(store, sandbox())
      const ticket = sandbox().getTicket(paid.ecommerceId)!
      const [completed] = await eventually("payment.completed", ATHMOVIL_EVENTS.PAYMENT_COMPLETED, (d) => d.ecommerce_id === paid.ecommerceId)
      expect(completed).toMatchObject({
        ecommerce_id: paid.ecommerceId,
        status: "COMPLETED",
        reference_number: ticket.referenceNumber,
        total: ticket.total,
        currency_code: "usd",
        cart_id: paid.cartId,
        payment_session_id: paid.sessionId,
      })
      expect(completed.id).toMatch(/^athtx_/)
      // More publishers, later runs, the ledger row rewritten by a sync: still one.
      await publishTwice()
      await athmovil().upsertTransaction({ ecommerce_id: paid.ecommerceId, status: "COMPLETED", total: ticket.total, last_synced_via: "poll" })
      await publishTwice()
      expect(of(ATHMOVIL_EVENTS.PAYMENT_COMPLETED, (d) => d.ecommerce_id === paid.ecommerceId)).toHaveLength(1)
      expect(of(ATHMOVIL_EVENTS.PAYMENT_REJECTED)).toHaveLength(0)
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("announces a rejected and an expired ticket once each, and a refund with who made it", async () => {
      await api.post("/admin/athmovil/webhooks/subscribe", {}, store.adminHeaders)
      const sdk = storefront(store)

      const rejectedCart = await cartReadyToPay(sdk, store)
      const { session: rejected } = await startAthPayment(sdk, rejectedCart)
      const rejectedId = (rejected.data as { ecommerce_id: string }).ecommerce_id
      sandbox().reject({ phoneNumber: SHOPPER_PHONE })
      await sandbox().flushWebhooks()
      await settled({ ecommerce_id: rejectedId })
      const [rejection] = await eventually("payment.rejected", ATHMOVIL_EVENTS.PAYMENT_REJECTED, (d) => d.ecommerce_id === rejectedId)
      expect(rejection).toMatchObject({ status: "CANCEL", cart_id: rejectedCart.id, reference_number: null })

      const expiringCart = await cartReadyToPay(sdk, store)
      const { session: expiring } = await startAthPayment(sdk, expiringCart)
      const expiringId = (expiring.data as { ecommerce_id: string }).ecommerce_id
      await sandbox().advanceTime(601)
      await sandbox().flushWebhooks()
      await settled({ status: "expired" })
      const [expiry] = await eventually("payment.expired", ATHMOVIL_EVENTS.PAYMENT_EXPIRED, (d) => d.ecommerce_id === expiringId)
      expect(expiry).toMatchObject({ status: "EXPIRED", cart_id: expiringCart.id, payment_session_id: expiring.id })
      await publishTwice()
      expect(of(ATHMOVIL_EVENTS.PAYMENT_EXPIRED)).toHaveLength(1)
      expect(of(ATHMOVIL_EVENTS.PAYMENT_REJECTED)).toHaveLength(1)

      // A refund from the admin (Medusa) and one made in the ATH Business app (its notice).
      const paid = await paidOrder(store, sandbox())
      const { data } = await api.get(`/admin/orders/${paid.order.id}?fields=*payment_collections.payments`, store.adminHeaders)
      const payment = data.order.payment_collections[0].payments[0]
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 2.5 }, store.adminHeaders)
      const [fromMedusa] = await eventually("refund.created (medusa)", ATHMOVIL_EVENTS.REFUND_CREATED, (d) => d.source === "medusa")
      expect(fromMedusa).toMatchObject({ amount: "2.50", source: "medusa", payment_id: payment.id })
      expect(fromMedusa.refund_id).toMatch(/^ref/)

      const reference = sandbox().getTicket(paid.ecommerceId)!.referenceNumber!
      sandbox().refundOutsideApi({ referenceNumber: reference, amount: "1.25", message: "En tienda" })
      await sandbox().flushWebhooks()
      await settled({ kind: "refund" })
      const [fromApp] = await eventually("refund.created (app)", ATHMOVIL_EVENTS.REFUND_CREATED, (d) => d.source === "ath_business_app")
      expect(fromApp).toMatchObject({ amount: "1.25", original_reference_number: reference, payment_id: payment.id })
      await publishTwice()
      expect(of(ATHMOVIL_EVENTS.REFUND_CREATED)).toHaveLength(2)
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("announces a webhook that failed its last attempt once, and a finished reconciliation with its differences", async () => {
      const { id } = await webhookFailedForGood(store, sandbox(), { container: getContainer(), post: api.post, secret: WEBHOOK_SECRET })
      const failedEvent = await athmovil().retrieveAthWebhookEvent(id)
      expect(failedEvent.outcome).toBe("failed")
      const [failed] = await eventually("webhook.failed", ATHMOVIL_EVENTS.WEBHOOK_FAILED, (d) => d.id === id)
      expect(failed).toMatchObject({ id, kind: "ecommerce", status: "completed", attempts: failedEvent.attempts })
      expect(failed.error).toBeTruthy()
      await publishTwice()
      expect(of(ATHMOVIL_EVENTS.WEBHOOK_FAILED)).toHaveLength(1)

      // Today's report holds payments no session of this store made: differences the event counts.
      sandbox().clearFaults()
      // The sandbox's clock is frozen at its start: moved past the server's, a report up to now is not "future" to ATH.
      await sandbox().advanceTime(300)
      const today = currentPuertoRicoDay()
      const range = parseReconcileRange({ from: today, to: today })
      seedTodaysReport(sandbox(), range, 2)
      const result = await runReportReconciliation(getContainer(), range)
      const [finished] = await eventually("reconciliation.finished", ATHMOVIL_EVENTS.RECONCILIATION_FINISHED, () => true)
      const byKind: Record<string, number> = {}
      for (const d of result.differences) byKind[d.kind] = (byKind[d.kind] ?? 0) + 1
      expect(result.differences.length).toBeGreaterThan(0)
      expect(finished).toMatchObject({
        from: result.range.from,
        to: result.range.to,
        report_rows: result.report.rows,
        differences: byKind,
        total_differences: result.differences.length,
      })

      // No token, secret or shopper's webhook body rides along in any payload.
      const text = JSON.stringify(seen)
      for (const secret of [sandbox().tokens.privateToken, sandbox().tokens.publicToken, WEBHOOK_SECRET]) expect(text).not.toContain(secret)
    })
  },
})
