import fs from "node:fs"
import path from "node:path"
import { storeSuite } from "../helpers/suite-group"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import type AthMovilModuleService from "../../src/modules/athmovil/service"
import { useSandbox, WEBHOOK_SECRET } from "../helpers/sandbox"
import { paidOrder } from "../helpers/checkout"
import { assertPaymentInvariants } from "../helpers/invariants"
import { SHOPPER_PHONE, cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { paidAtAthOnly as paidAtAth, waitFor } from "../helpers/webhooks"
import { toAthAmount } from "../../src/providers/athmovil/money"
import { retryPendingWebhookEvents } from "../../src/workflows/process-webhook-event/retry-pending"

jest.setTimeout(180_000)

const sandbox = useSandbox({ clock: "manual" })
const FIXTURES = path.resolve(__dirname, "../../../shared/athm/fixtures/webhooks")

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const listener = () => `/hooks/athmovil/${WEBHOOK_SECRET}`
    const deliver = (body: unknown, headers: Record<string, string> = {}) =>
      api
        .post(listener(), typeof body === "string" ? body : JSON.stringify(body), {
          headers: { "content-type": "application/json", ...headers },
          transformRequest: (d) => d,
        })
        .catch((e) => e.response)
    const athmovil = () => getContainer().resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    const events = (filters: Record<string, unknown> = {}) => athmovil().listAthWebhookEvents(filters, { take: 100 })
    const settled = (filters: Record<string, unknown> = {}) =>
      waitFor("webhook events to settle", () => events(filters), (list) => list.length > 0 && list.every((e) => e.outcome !== "pending"))
    const ordersOfCart = async (cartId: string) =>
      (await getContainer().resolve("query").graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })).data

    /** Authorizes at ATH the way the provider would, then "crashes": ATH is COMPLETED, Medusa has no order. */
    const paidAtAthOnly = () => paidAtAth(store, sandbox())

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    describe("listener guards", () => {
      it("answers 401 to a wrong secret and stores nothing", async () => {
        const res = await api.post("/hooks/athmovil/not-the-secret", { a: 1 }).catch((e) => e.response)
        expect(res.status).toBe(401)
        expect(await events()).toHaveLength(0)
      })

      it("answers 413 beyond 64 KB, 400 to non-JSON, and stores neither", async () => {
        const big = JSON.stringify({ transactionType: "ECOMMERCE", pad: "x".repeat(70 * 1024) })
        expect((await deliver(big)).status).toBe(413)
        const notJson = await deliver("status=COMPLETED&total=1", { "content-type": "text/plain" })
        expect(notJson.status).toBe(400)
        expect(notJson.data.message).toMatch(/JSON/)
        expect(await events()).toHaveLength(0)
      })

      it("answers 400 with the reasons to an array or a payload missing its identity, stored as rejected", async () => {
        const array = await deliver([{ transactionType: "ECOMMERCE" }])
        expect(array.status).toBe(400)
        const missing = await deliver({ transactionType: "ECOMMERCE", status: "COMPLETED" })
        expect(missing.status).toBe(400)
        expect(missing.data.message.length).toBeGreaterThan(10)
        const stored = await events()
        expect(stored).toHaveLength(2)
        expect(stored.every((e) => e.outcome === "rejected" && e.idempotency_key === null)).toBe(true)
      })
    })

    it("accepts every official fixture and records what it means for this store", async () => {
      const expected: Record<string, string> = {
        "ecommerce_completed.official-2025.json": "unmatched",
        "ecommerce_cancelled.official-2025.json": "unmatched",
        "ecommerce_expired.official.json": "unmatched",
        "refund_sent.official.json": "unmatched",
        // Other ATH income ATH's search does not list (these fixtures are not the sandbox's): kept in
        // the inbox, nothing recorded until ATH's report lists it.
        "payment_received.official.json": "unmatched",
        "donation_received.official.json": "unmatched",
        "simulated.official.json": "ignored",
      }
      expect(fs.readdirSync(FIXTURES).sort()).toEqual(Object.keys(expected).sort())
      for (const [file, outcome] of Object.entries(expected)) {
        const res = await deliver(fs.readFileSync(path.join(FIXTURES, file), "utf8"))
        expect(res.status).toBe(200)
        const stored = await waitFor(file, () => athmovil().retrieveAthWebhookEvent(res.data.id), (e) => e.outcome !== "pending")
        expect([file, stored.outcome]).toEqual([file, outcome])
      }
    })

    it("applies ten concurrent deliveries of one completed event once: 1 applied event delivered 10 times, 1 order", async () => {
      const { cart, ecommerceId, completed } = await paidAtAthOnly()
      expect(await ordersOfCart(cart.id)).toHaveLength(0)

      const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(completed)))
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
      expect(answers.filter((a) => a.data.duplicate === false)).toHaveLength(1)

      const all = await settled()
      expect(all.map((e) => [e.outcome, e.delivery_count])).toEqual([["applied", 10]])
      await waitFor("the order", () => ordersOfCart(cart.id), (o) => o.length === 1)
      expect(sandbox().getTicket(ecommerceId)!.authorizationCount).toBe(1)

      const [ledger] = await athmovil().listAthTransactions({ ecommerce_id: ecommerceId })
      expect(ledger).toMatchObject({ status: "COMPLETED", reference_number: sandbox().getTicket(ecommerceId)!.referenceNumber })
      expect(ledger.payment_id).toBeTruthy()
    })

    it("releases an event when ATH cannot be reached, retries it later, and lets an admin replay it", async () => {
      {
        const { cart, ecommerceId, completed } = await paidAtAthOnly()

        sandbox().setFault("findPayment", { status: 503 })
        const res = await deliver(completed)
        expect(res.status).toBe(200)
        const released = await waitFor(
          "the failed attempt",
          () => athmovil().retrieveAthWebhookEvent(res.data.id),
          (e) => e.attempts >= 1 && e.processing_started_at === null && e.outcome === "pending"
        )
        expect(released.error).toMatch(/retried/)
        expect(await ordersOfCart(cart.id)).toHaveLength(0)

        sandbox().clearFaults()
        expect(await retryPendingWebhookEvents(getContainer(), { minAgeSeconds: 0 })).toBe(1)
        expect((await athmovil().retrieveAthWebhookEvent(res.data.id)).outcome).toBe("applied")
        expect(await ordersOfCart(cart.id)).toHaveLength(1)

        const replayed = await api.post(`/admin/athmovil/webhook-events/${res.data.id}/replay`, {}, store.adminHeaders)
        expect(replayed.data.webhook_event.outcome).toBe("applied")
        expect(await ordersOfCart(cart.id)).toHaveLength(1)
        expect(sandbox().getTicket(ecommerceId)!.authorizationCount).toBe(1)

        // The inbox and the replay answer with the server's view: money as a 2-decimal string, never
        // the stored request (body, payload, sender's address) nor the entity's float and raw columns.
        const inbox = await api.get(`/admin/athmovil/webhook-events?ecommerce_id=${ecommerceId}`, store.adminHeaders)
        expect(inbox.data.webhook_events).toHaveLength(1)
        for (const row of [inbox.data.webhook_events[0], replayed.data.webhook_event]) {
          expect(row).toMatchObject({ id: res.data.id, outcome: "applied", amount: toAthAmount(completed.total as number) })
          expect(row.amount).toMatch(/^\d+\.\d{2}$/)
          for (const field of ["raw_body", "payload", "remote_ip", "idempotency_key", "raw_amount"]) expect(row).not.toHaveProperty(field)
        }

        // A repeat is counted on its original, which is what the admin lists and replays.
        const dup = await deliver(completed)
        expect(dup.data).toMatchObject({ duplicate: true, id: res.data.id })
        expect((await athmovil().retrieveAthWebhookEvent(res.data.id)).delivery_count).toBe(2)
        const listed = await api.get(`/admin/athmovil/webhook-events?outcome=duplicate`, store.adminHeaders)
        expect(listed.data.count).toBe(0)

        // Repeat rows stored before the counter existed still point at their original: never replayed.
        await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(
          `INSERT INTO athmovil_webhook_event (id, duplicate_of_id, kind, raw_body, received_at, processed_at, outcome)
           VALUES ('athwh_legacy_repeat', ?, 'ecommerce', '{}', now(), now(), 'duplicate')`,
          [res.data.id]
        )
        const refused = await api
          .post(`/admin/athmovil/webhook-events/athwh_legacy_repeat/replay`, {}, store.adminHeaders)
          .catch((e) => e.response)
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/duplicate/i)

        const bad = await api.get(`/admin/athmovil/webhook-events?outcome=maybe`, store.adminHeaders).catch((e) => e.response)
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/outcome/)
        await assertPaymentInvariants(getContainer(), sandbox())
      }
    })

    describe("forged completed events change nothing", () => {
      // metadata1 names the payment session, as the plugin sets it on every ticket.
      const forge = (ecommerceId: string, total: number, metadata1: string) => ({
        transactionType: "ECOMMERCE",
        status: "COMPLETED",
        ecommerceId,
        referenceNumber: "215070443-402894c185ab1be40185acfe61c2000b",
        dailyTransactionId: "0001",
        date: "2026-11-21 10:00:00.0",
        transactionDate: "2026-11-21 10:00:00",
        total,
        subTotal: total,
        tax: 0,
        fee: 0.5,
        netAmount: total - 0.5,
        totalRefundedAmount: 0,
        metadata1,
        metadata2: "",
        name: "Mallory",
        phoneNumber: 7875550000,
        email: "mallory@example.com",
        message: "",
        businessName: "Store",
        isNonProfit: false,
        referenceTransactionId: "x",
        items: [],
      })

      it("for a ticket that is still OPEN at ATH", async () => {
        const sdk = storefront(store)
        const cart = await cartReadyToPay(sdk, store)
        const { session } = await startAthPayment(sdk, cart)
        const res = await deliver(forge((session.data as { ecommerce_id: string }).ecommerce_id, 25, session.id))
        const event = await waitFor("outcome", () => athmovil().retrieveAthWebhookEvent(res.data.id), (e) => e.outcome !== "pending")
        expect(event.outcome).toBe("rejected")
        expect(event.error).toMatch(/OPEN/)
        expect(await ordersOfCart(cart.id)).toHaveLength(0)
        const [after] = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ id: session.id })
        expect(after.status).toBe("requires_more")
      })

      it("with another total than ATH's", async () => {
        const { cart, ecommerceId, session } = await paidAtAthOnly()
        const res = await deliver(forge(ecommerceId, 1.5, session.id))
        const event = await waitFor("outcome", () => athmovil().retrieveAthWebhookEvent(res.data.id), (e) => e.outcome !== "pending")
        expect(event.outcome).toBe("rejected")
        expect(event.error).toMatch(/1\.50/)
        expect(await ordersOfCart(cart.id)).toHaveLength(0)
      })

      it("through Medusa's built-in /hooks/payment/athmovil_athmovil route as well, which still places real orders", async () => {
        const sdk = storefront(store)
        const openCart = await cartReadyToPay(sdk, store)
        const { session: open } = await startAthPayment(sdk, openCart)
        const { cart: paidCart, ecommerceId, session: paidSession } = await paidAtAthOnly()

        const builtIn = (body: unknown) => api.post("/hooks/payment/athmovil_athmovil", body)
        expect((await builtIn(forge((open.data as { ecommerce_id: string }).ecommerce_id, 25, open.id))).status).toBe(200)
        expect((await builtIn(forge(ecommerceId, 25, paidSession.id))).status).toBe(200)

        // Medusa delays built-in webhook processing by ~5 s.
        await waitFor("the verified order", () => ordersOfCart(paidCart.id), (o) => o.length === 1, 30_000)
        expect(await ordersOfCart(openCart.id)).toHaveLength(0)
        const [stillOpen] = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ id: open.id })
        expect(stillOpen.status).toBe("requires_more")
        expect(sandbox().getTicket(ecommerceId)!.authorizationCount).toBe(1)
      })

      it("for an ecommerce id ATH does not know", async () => {
        const res = await deliver(forge("00000000-0000-4000-8000-000000000000", 25, "payses_01unknown"))
        const event = await waitFor("outcome", () => athmovil().retrieveAthWebhookEvent(res.data.id), (e) => e.outcome !== "pending")
        expect(event.outcome).toBe("unmatched")
      })
    })

    it("creates the Medusa refund for a refund made in the ATH Business app once, though the notice arrives three times", async () => {
      const { order, ecommerceId } = await paidOrder(store, sandbox())
      const subscribed = await api.post("/admin/athmovil/webhooks/subscribe", {}, store.adminHeaders)
      expect(subscribed.data.listener_url).not.toContain(WEBHOOK_SECRET)
      expect(subscribed.data.events.refundSent).toBe(true)
      sandbox().setWebhookBehaviour({ duplicate: 3 })

      const reference = sandbox().getTicket(ecommerceId)!.referenceNumber!
      sandbox().refundOutsideApi({ referenceNumber: reference, amount: "6.00", message: "Devuelto en tienda" })
      await sandbox().flushWebhooks()
      await settled({ kind: "refund" })
      const refundEvents = await events({ kind: "refund" })
      expect(refundEvents.map((e) => [e.outcome, e.delivery_count])).toEqual([["applied", 3]])

      const { data } = await api.get(
        `/admin/orders/${order.id}?fields=payment_status,*payment_collections.payments.refunds`,
        store.adminHeaders
      )
      const refunds = data.order.payment_collections[0].payments[0].refunds
      expect(refunds).toHaveLength(1)
      expect(Number(refunds[0].amount)).toBe(6)
      expect(refunds[0].note).toBe("Refunded in ATH Business")
      expect(data.order.payment_status).toBe("partially_refunded")
      expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("6.00")
      expect(sandbox().callCount("refund")).toBe(0)
      const [ledger] = await athmovil().listAthTransactions({ ecommerce_id: ecommerceId }, { relations: ["refunds"] })
      expect(Number(ledger.refunded_total)).toBe(6)
      expect(ledger.refunds).toHaveLength(1)
      expect(ledger.refunds![0]).toMatchObject({ source: "business_app", message: "Devuelto en tienda" })
      expect(ledger.refunds![0].daily_transaction_id).toBeTruthy()
    })

    it("runs the whole loop from the sandbox's own sender: completed, cancelled (2025 shape) and expired (legacy shape)", async () => {
      await api.post("/admin/athmovil/webhooks/subscribe", {}, store.adminHeaders)

      const { ecommerceId } = await paidOrder(store, sandbox())
      await sandbox().flushWebhooks()
      await settled({ ecommerce_id: ecommerceId })
      const [completed] = await events({ ecommerce_id: ecommerceId })
      expect(completed).toMatchObject({ kind: "ecommerce", status: "completed", outcome: "applied" })
      const [ledger] = await athmovil().listAthTransactions({ ecommerce_id: ecommerceId })
      expect(ledger.status).toBe("COMPLETED")
      expect(ledger.customer_name).toBeTruthy()

      const sdk = storefront(store)
      const rejectedCart = await cartReadyToPay(sdk, store)
      const { session: rejected } = await startAthPayment(sdk, rejectedCart)
      sandbox().reject({ phoneNumber: SHOPPER_PHONE })
      await sandbox().flushWebhooks()
      const rejectedId = (rejected.data as { ecommerce_id: string }).ecommerce_id
      await settled({ ecommerce_id: rejectedId })
      const payments = getContainer().resolve(Modules.PAYMENT)
      expect((await payments.listPaymentSessions({ id: rejected.id }))[0].status).toBe("canceled")

      const expiringCart = await cartReadyToPay(sdk, store)
      const { session: expiring } = await startAthPayment(sdk, expiringCart)
      await sandbox().advanceTime(601)
      await sandbox().flushWebhooks()
      const expiredId = (expiring.data as { ecommerce_id: string }).ecommerce_id
      const [expiredEvent] = await settled({ status: "expired" })
      expect(expiredEvent.ecommerce_id).toBeNull()
      expect(expiredEvent.outcome).toBe("applied")
      expect((await payments.listPaymentSessions({ id: expiring.id }))[0].status).toBe("canceled")
      const [expiredLedger] = await athmovil().listAthTransactions({ ecommerce_id: expiredId })
      expect(expiredLedger.status).toBe("EXPIRED")
    })

    it("matches a legacy-shape completed event (no ecommerceId) through metadata1 and applies it", async () => {
      await api.post("/admin/athmovil/webhooks/subscribe", {}, store.adminHeaders)
      sandbox().setWebhookBehaviour({ generation: "legacy" })
      const { ecommerceId, sessionId } = await paidOrder(store, sandbox())
      await sandbox().flushWebhooks()
      const [event] = await settled({ kind: "ecommerce" })
      expect(event).toMatchObject({ ecommerce_id: null, status: "completed", outcome: "applied", payment_session_id: sessionId })
      expect((event.payload as { generation: string }).generation).toBe("legacy")
      const [ledger] = await athmovil().listAthTransactions({ ecommerce_id: ecommerceId })
      expect(ledger.status).toBe("COMPLETED")
    })

    it("ignores a late cancel notice for a payment ATH completed (no regression)", async () => {
      const { ecommerceId, sessionId } = await paidOrder(store, sandbox())
        const cancelled = {
          transactionType: "ECOMMERCE",
          status: "CANCEL",
          ecommerceId,
          referenceNumber: "",
          dailyTransactionId: "",
          date: "2026-11-21 10:00:00.0",
          transactionDate: "",
          total: 25,
          subTotal: 25,
          tax: 0,
          fee: 0,
          netAmount: 0,
          totalRefundedAmount: 0,
          metadata1: sessionId,
          metadata2: "",
          name: "",
          phoneNumber: 0,
          email: "",
          message: "",
          businessName: "",
          isNonProfit: false,
          referenceTransactionId: "",
          items: [],
        }
        const res = await deliver(cancelled)
        const event = await waitFor("outcome", () => athmovil().retrieveAthWebhookEvent(res.data.id), (e) => e.outcome !== "pending")
        expect(event.outcome).toBe("ignored")
        expect(event.error).toMatch(/COMPLETED/)
        const [ledger] = await athmovil().listAthTransactions({ ecommerce_id: ecommerceId })
        expect(ledger.status).toBe("COMPLETED")
    })
  },
})
