import { storeSuite } from "../helpers/suite-group"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { publishAthMovilEvents } from "../../src/workflows/events/publish"
import { recoverAthMovilSessions } from "../../src/workflows/recover-sessions"
import { currentPuertoRicoDay, parseReconcileRange, runReportReconciliation } from "../../src/workflows/reconcile-report"
import { assertPaymentInvariants } from "../helpers/invariants"
import { useSandbox, WEBHOOK_SECRET } from "../helpers/sandbox"
import { cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { seedTodaysReport, waitFor, webhookFailedForGood } from "../helpers/webhooks"

jest.setTimeout(180_000)

const sandbox = useSandbox()

/**
 * The admin's bell: Medusa's default Notification module (local provider on the `feed` channel),
 * read back through the Admin API exactly as the admin's notifications drawer reads it.
 */
storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const feed = async () => {
      const { data } = await api.get(`/admin/notifications?channel=feed&limit=100&fields=id,data,template,channel`, store.adminHeaders)
      return (data.notifications as Array<{ data: { title: string; description: string }; template: string }>).map((n) => n.data)
    }
    const noticesLike = async (title: RegExp) => (await feed()).filter((n) => title.test(n.title))
    /** Publishes the queued events (as the flows and the minute job do) and waits for the notices. */
    const notified = (title: RegExp) =>
      waitFor(`a notice ${title}`, async () => {
        await publishAthMovilEvents(getContainer())
        return noticesLike(title)
      }, (list) => list.length > 0)

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    it("posts reconciliation differences once per run, with what to do", async () => {
      const today = currentPuertoRicoDay()
      const range = parseReconcileRange({ from: today, to: today })
      seedTodaysReport(sandbox(), range, 2)
      await runReportReconciliation(getContainer(), range)
      const [notice] = await notified(/reconciliation found 2 differences/)
      expect(notice.description).toContain("2 paid without order")
      expect(notice.description).toMatch(/Reconciliation to review/)
      // The same range again is the same run's key: no second notice.
      await runReportReconciliation(getContainer(), range)
      await publishAthMovilEvents(getContainer())
      await new Promise((r) => setTimeout(r, 300))
      expect(await noticesLike(/reconciliation found/)).toHaveLength(1)
    })

    it("posts ATH refusing the store's tokens and an inactive business account once each, however many checkouts meet them", async () => {
      const sdk = storefront(store)
      sandbox().setFault("payment", { softError: { errorcode: "BTRA_0401", message: "Invalid authorization token" }, times: 3 })
      for (let i = 0; i < 3; i++) {
        const cart = await cartReadyToPay(sdk, store)
        await expect(startAthPayment(sdk, cart)).rejects.toBeTruthy()
      }
      const [tokens] = await notified(/refused this store's tokens/)
      expect(tokens.description).toContain("BTRA_0401")
      expect(tokens.description).toMatch(/publicToken and privateToken/)
      expect(tokens.description).toContain("(account pp_athmovil_athmovil)")
      expect(tokens.description).not.toContain(sandbox().tokens.privateToken)

      sandbox().setFault("payment", { softError: { errorcode: "BTRA_0009", message: "Business is not active" }, times: 2 })
      for (let i = 0; i < 2; i++) {
        const cart = await cartReadyToPay(sdk, store)
        await expect(startAthPayment(sdk, cart)).rejects.toBeTruthy()
      }
      const [inactive] = await notified(/business account is not active/)
      expect(inactive.description).toContain("BTRA_0009")
      await publishAthMovilEvents(getContainer())
      expect(await noticesLike(/refused this store's tokens/)).toHaveLength(1)
      expect(await noticesLike(/not active/)).toHaveLength(1)
    })

    it("posts a shopper who paid but whose order the recovery job could not place, once, with what to do; fixing the cause places it", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
      sandbox().approve({ ecommerceId })
      // The cause a merchant must fix: the cart lost its shipping method, so Medusa cannot place the order.
      const pg = getContainer().resolve<{ raw(sql: string, b?: unknown[]): Promise<unknown> }>(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`UPDATE cart_shipping_method SET deleted_at = now() WHERE cart_id = ?`, [cart.id])
      // Past ATH's longest approval window: no shopper's tab is still completing it.
      await pg.raw(`UPDATE payment_session SET created_at = now() - interval '16 minutes' WHERE id = ?`, [session.id])

      await recoverAthMovilSessions(getContainer(), { graceSeconds: 0 })
      const [notice] = await notified(/paid with ATH Móvil but has no order yet/)
      expect(notice.description).toContain(`cart ${cart.id}`)
      expect(notice.description).toMatch(/could not complete the order: .*shipping/i)
      expect(notice.description).toMatch(/fix the cause \(stock, shipping, the cart\) or refund the shopper/)
      await recoverAthMovilSessions(getContainer(), { graceSeconds: 0 })
      await publishAthMovilEvents(getContainer())
      expect(await noticesLike(/has no order yet/)).toHaveLength(1)

      // Doing what it says: the next run places the order, with the one debit ATH already made.
      await pg.raw(`UPDATE cart_shipping_method SET deleted_at = NULL WHERE cart_id = ?`, [cart.id])
      await recoverAthMovilSessions(getContainer(), { graceSeconds: 0 })
      const { data } = await api.get(`/admin/orders?fields=id,payment_status&limit=100`, store.adminHeaders)
      const { data: placed } = await api.get(`/store/carts/${cart.id}?fields=completed_at`, { headers: { "x-publishable-api-key": store.publishableKey } })
      expect(placed.cart.completed_at).toBeTruthy()
      expect(data.orders.length).toBeGreaterThan(0)
      expect(sandbox().getTicket(ecommerceId)).toMatchObject({ status: "COMPLETED", authorizationCount: 1 })
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("posts a webhook that failed its last attempt, naming the ticket and the replay", async () => {
      const { id, completed } = await webhookFailedForGood(store, sandbox(), { container: getContainer(), post: api.post, secret: WEBHOOK_SECRET })
      const [notice] = await notified(/notification could not be applied/)
      expect(notice.description).toContain(completed.referenceNumber as string)
      expect(notice.description).toMatch(/replay it from ATH Móvil → Webhooks/)
      // Doing what it says places the shopper's order.
      sandbox().clearFaults()
      const replayed = await api.post(`/admin/athmovil/webhook-events/${id}/replay`, {}, store.adminHeaders)
      expect(replayed.data.webhook_event.outcome).toBe("applied")
      await assertPaymentInvariants(getContainer(), sandbox())
    })
  },
})
