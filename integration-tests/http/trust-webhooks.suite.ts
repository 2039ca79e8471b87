/**
 * Issue 12 §4–§8 (webhook half): what an unsigned webhook may and may not do, and the webhook
 * table and its jobs after a busy year. One Medusa boot for all of them; big data seeded by SQL.
 */
import { randomUUID } from "node:crypto"
import { storeSuite } from "../helpers/suite-group"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import type AthMovilModuleService from "../../src/modules/athmovil/service"
import { retryPendingWebhookEvents } from "../../src/workflows/process-webhook-event/retry-pending"
import { paidOrder } from "../helpers/checkout"
import { assertPaymentInvariants, ordersOfCart } from "../helpers/invariants"
import { useSandbox, WEBHOOK_SECRET } from "../helpers/sandbox"
import { cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { authorizeAtAthOnly, captureListener, paidAtAthOnly, subscribeSandbox, waitFor } from "../helpers/webhooks"

jest.setTimeout(300_000)

const sandbox = useSandbox()

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const container = () => getContainer()
    const athmovil = () => container().resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    const pg = () => container().resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
    const deliver = (body: unknown) =>
      api
        .post(`/hooks/athmovil/${WEBHOOK_SECRET}`, JSON.stringify(body), {
          headers: { "content-type": "application/json" },
          transformRequest: (d) => d,
        })
        .catch((e) => e.response)
    const outcomeOf = (id: string) =>
      waitFor(`webhook event ${id}`, () => athmovil().retrieveAthWebhookEvent(id), (e) => e.outcome !== "pending")
    const orders = (cartId: string) => ordersOfCart(container(), cartId)

    beforeAll(async () => {
      store = await seedStore(api, container())
    })

    beforeEach(() => sandbox().reset())

    it("§4: 150 exhausted events do not starve 3 fresh failures; exhausted ones are `failed`, listed, counted and replayable", async () => {
      // An outage a while ago: 150 events that used all their attempts, older than anything new.
      await pg().raw(`
        INSERT INTO athmovil_webhook_event
          (id, idempotency_key, kind, status, ecommerce_id, payload, raw_body, received_at, outcome, attempts, error)
        SELECT 'athwh_exhausted_' || g, 'exhausted-' || g, 'ecommerce', 'completed', u::text,
               jsonb_build_object('kind', 'ecommerce', 'status', 'completed', 'generation', '2025',
                                  'ecommerceId', u::text, 'metadata1', 'payses_gone' || g, 'total', '25.00',
                                  'idempotencyKey', 'exhausted-' || g),
               '{}', now() - interval '3 hours' + g * interval '1 second', 'pending', 5, 'Processing failed; will be retried.'
        FROM generate_series(1, 150) g, LATERAL (SELECT gen_random_uuid() AS u) r`)

      const fresh = []
      for (let i = 0; i < 3; i++) fresh.push(await paidAtAthOnly(store, sandbox()))
      sandbox().setFault("findPayment", { status: 503 })
      const ids: string[] = []
      for (const f of fresh) {
        const res = await deliver(f.completed)
        expect(res.status).toBe(200)
        ids.push(res.data.id)
      }
      for (const id of ids) {
        await waitFor(
          "the failed attempt",
          () => athmovil().retrieveAthWebhookEvent(id),
          (e) => e.attempts >= 1 && e.processing_started_at === null && e.outcome === "pending"
        )
      }
      sandbox().clearFaults()

      const started = Date.now()
      expect(await retryPendingWebhookEvents(container(), { minAgeSeconds: 0 })).toBe(3)
      console.info(`[figures] retry sweep over 150 exhausted + 3 fresh: ${Date.now() - started} ms`)
      for (const id of ids) expect((await athmovil().retrieveAthWebhookEvent(id)).outcome).toBe("applied")
      for (const f of fresh) expect(await orders(f.cart.id)).toHaveLength(1)

      const failed = await api.get(`/admin/athmovil/webhook-events?outcome=failed&limit=1`, store.adminHeaders)
      expect(failed.data.count).toBe(150)
      const replayed = await api.post(`/admin/athmovil/webhook-events/athwh_exhausted_1/replay`, {}, store.adminHeaders)
      expect(replayed.data.webhook_event.outcome).toBe("unmatched")
      const after = await api.get(`/admin/athmovil/webhook-events?outcome=failed&limit=1`, store.adminHeaders)
      expect(after.data.count).toBe(149)
      // A second sweep finds nothing to do: failed events wait for a person.
      expect(await retryPendingWebhookEvents(container(), { minAgeSeconds: 0 })).toBe(0)
      await assertPaymentInvariants(container(), sandbox())
    })

    it("§5: 200 random bodies on Medusa's built-in hook route cost 0 ATH calls and are answered 200", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const realId = (session.data as { ecommerce_id: string }).ecommerce_id
      const statuses = ["COMPLETED", "CANCEL", "completed", "expired"]
      const bodies = Array.from({ length: 200 }, (_, i) => {
        const variant = i % 5
        const ecommerceId = variant === 1 || variant === 3 ? realId : randomUUID()
        const metadata1 =
          variant === 0 ? `payses_${randomUUID().replace(/-/g, "").slice(0, 26)}`
          : variant === 1 ? ""
          : variant === 2 ? session.id
          : variant === 3 ? `payses_${i}`
          : randomUUID()
        return { transactionType: "ECOMMERCE", status: statuses[i % 4], ecommerceId, metadata1, total: 25, subTotal: 25, tax: 0, items: [] }
      })

      const paymentModule = container().resolve(Modules.PAYMENT)
      for (const body of bodies) {
        const result = await paymentModule.getWebhookActionAndData({
          provider: "athmovil_athmovil",
          payload: { data: body, rawData: JSON.stringify(body), headers: {} },
        })
        expect(result.action).toBe("not_supported")
      }
      expect(sandbox().callCount("findPayment")).toBe(0)

      for (let i = 0; i < bodies.length; i += 20) {
        const answers = await Promise.all(bodies.slice(i, i + 20).map((b) => api.post("/hooks/payment/athmovil_athmovil", b)))
        expect(answers.map((a) => a.status)).toEqual(Array(answers.length).fill(200))
      }

      // The genuine notice for a real payment still places its order through the same route.
      const paid = await paidAtAthOnly(store, sandbox())
      expect((await api.post("/hooks/payment/athmovil_athmovil", paid.completed)).status).toBe(200)
      await waitFor("the verified order", () => orders(paid.cart.id), (o) => o.length === 1, 30_000)
      const [stillOpen] = await paymentModule.listPaymentSessions({ id: session.id })
      expect(stillOpen.status).toBe("requires_more")
      await assertPaymentInvariants(container(), sandbox())
    })

    it("§6: ten concurrent deliveries of one event are one row with a count of 10, applied once", async () => {
      const { cart, completed } = await paidAtAthOnly(store, sandbox())
      const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(completed)))
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
      expect(answers.filter((a) => a.data.duplicate === false)).toHaveLength(1)
      expect(new Set(answers.map((a) => a.data.id)).size).toBe(1)

      const rows = await athmovil().listAthWebhookEvents({ ecommerce_id: completed.ecommerceId as string })
      expect(rows).toHaveLength(1)
      const event = await outcomeOf(rows[0].id)
      expect(event.outcome).toBe("applied")
      expect(event).toMatchObject({ delivery_count: 10 })
      expect(new Date((event as unknown as { last_received_at: string }).last_received_at).getTime()).toBeGreaterThanOrEqual(
        new Date(event.received_at).getTime()
      )
      const listed = await api.get(`/admin/athmovil/webhook-events?ecommerce_id=${completed.ecommerceId}`, store.adminHeaders)
      expect(listed.data.webhook_events[0].delivery_count).toBe(10)
      expect(await orders(cart.id)).toHaveLength(1)
      // The order widget's timeline says "received 10×" from the same counter.
      const { data: paymentView } = await api.get(`/admin/athmovil/payments/${event.payment_id}`, store.adminHeaders)
      expect(paymentView.payment.webhook_events.map((e: { id: string; delivery_count: number }) => [e.id, e.delivery_count])).toEqual([
        [event.id, 10],
      ])
      await assertPaymentInvariants(container(), sandbox())
    })

    it("§6: the retention job clears old processed bodies and deletes old repeats, leaving everything else", async () => {
      const old = "now() - interval '100 days'"
      const recent = "now() - interval '10 days'"
      await pg().raw(`
        INSERT INTO athmovil_webhook_event
          (id, idempotency_key, duplicate_of_id, kind, raw_body, received_at, processed_at, outcome, attempts)
        VALUES
          ('athwh_ret_old_applied', 'ret-1', NULL, 'ecommerce', '{"old":1}', ${old}, ${old}, 'applied', 1),
          ('athwh_ret_old_rejected', NULL, NULL, 'unknown', '{"old":2}', ${old}, ${old}, 'rejected', 0),
          ('athwh_ret_old_repeat', NULL, 'athwh_ret_old_applied', 'ecommerce', '{"old":1}', ${old}, ${old}, 'duplicate', 0),
          ('athwh_ret_recent', 'ret-2', NULL, 'ecommerce', '{"recent":1}', ${recent}, ${recent}, 'applied', 1),
          ('athwh_ret_old_pending', 'ret-3', NULL, 'ecommerce', '{"pending":1}', ${old}, NULL, 'pending', 0),
          ('athwh_ret_old_failed', 'ret-4', NULL, 'ecommerce', '{"failed":1}', ${old}, NULL, 'failed', 5)`)
      const { default: retention } = await import("../../src/jobs/athmovil-webhook-retention")
      await retention(container() as never)
      const rows = await pg().raw(`SELECT id, raw_body FROM athmovil_webhook_event WHERE id LIKE 'athwh_ret_%' ORDER BY id`)
      expect(Object.fromEntries(rows.rows.map((r: { id: string; raw_body: string | null }) => [r.id, r.raw_body]))).toEqual({
        athwh_ret_old_applied: null,
        athwh_ret_old_rejected: null,
        athwh_ret_recent: '{"recent":1}',
        athwh_ret_old_pending: '{"pending":1}',
        athwh_ret_old_failed: '{"failed":1}',
      })
      await assertPaymentInvariants(container(), sandbox())
    })

    it("§7: an early forged `completed`, rejected, does not swallow the genuine one; the body's customer never reaches the ledger", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
      const forged = {
        transactionType: "ECOMMERCE", status: "COMPLETED", ecommerceId, metadata1: session.id, metadata2: "",
        referenceNumber: "215070443-402894c185ab1be40185acfe61c2000b", dailyTransactionId: "0001",
        date: "2026-11-21 10:00:00", transactionDate: "2026-11-21 10:00:00",
        total: Number(session.amount), subTotal: Number(session.amount), tax: 0, fee: 0, netAmount: 0, totalRefundedAmount: 0,
        name: "Mallory", phoneNumber: 7875550000, email: "mallory@example.com", message: "", businessName: "x",
        isNonProfit: false, referenceTransactionId: "x", items: [],
      }
      const early = await deliver(forged)
      expect((await outcomeOf(early.data.id)).outcome).toBe("rejected")

      const genuine = await authorizeAtAthOnly(sandbox(), session)
      // The shopper's real notice, but the body's customer fields are planted.
      const planted = { ...genuine, name: "Mallory", phoneNumber: 7875550000, email: "mallory@example.com" }
      const res = await deliver(planted)
      expect(res.status).toBe(200)
      expect(res.data.duplicate).toBe(false)
      expect((await outcomeOf(res.data.id)).outcome).toBe("applied")
      await waitFor("the order", () => orders(cart.id), (o) => o.length === 1)

      const [ledger] = await athmovil().listAthTransactions({ ecommerce_id: ecommerceId })
      expect(ledger.status).toBe("COMPLETED")
      expect(ledger.customer_name).not.toBe("Mallory")
      expect(ledger.customer_email).not.toBe("mallory@example.com")
      expect(ledger.customer_phone).not.toBe("7875550000")
      await assertPaymentInvariants(container(), sandbox())
    })

    it("§7: the genuine notice arriving while a forged `completed` is still pending is applied once the forged one is rejected", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
      // Same ticket and status (so the same idempotency key), a total ATH will not back.
      const forged = {
        transactionType: "ECOMMERCE", status: "COMPLETED", ecommerceId, metadata1: session.id, metadata2: "",
        total: 1, subTotal: 1, tax: 0, fee: 0, netAmount: 1, totalRefundedAmount: 0, items: [],
      }
      // ATH is unreachable while the forged notice is first processed: it stays pending, undecided.
      sandbox().setFault("findPayment", { status: 503 })
      const early = await deliver(forged)
      expect(early.status).toBe(200)
      await waitFor(
        "the forged notice's failed attempt",
        () => athmovil().retrieveAthWebhookEvent(early.data.id),
        (e) => e.attempts >= 1 && e.processing_started_at === null && e.outcome === "pending"
      )

      // Meanwhile the shopper pays and ATH sends its genuine notice (twice: ATH repeats notices).
      const genuine = await authorizeAtAthOnly(sandbox(), session)
      const first = await deliver(genuine)
      const repeat = await deliver(genuine)
      expect([first.status, repeat.status]).toEqual([200, 200])
      expect(repeat.data.id).toBe(first.data.id)

      // ATH answers again; the forged notice is decided (rejected: ATH says another total).
      sandbox().clearFaults()
      await retryPendingWebhookEvents(container(), { minAgeSeconds: 0 })
      expect((await athmovil().retrieveAthWebhookEvent(early.data.id)).outcome).toBe("rejected")

      // The genuine delivery was not swallowed by the rejected original: it is applied and the order placed.
      await waitFor("the genuine notice's order", () => orders(cart.id), (o) => o.length === 1, 30_000)
      const genuineRow = await waitFor(
        "the genuine notice",
        async () => (await athmovil().listAthWebhookEvents({ ecommerce_id: ecommerceId })).filter((e) => e.id !== early.data.id),
        (rows) => rows.length === 1 && rows[0].outcome === "applied"
      )
      expect(genuineRow[0]).toMatchObject({ id: first.data.id, delivery_count: 2, raw_body: JSON.stringify(genuine) })
      // A later byte-identical repeat of the genuine notice is only counted on it.
      const late = await deliver(genuine)
      expect(late.data).toMatchObject({ duplicate: true, id: first.data.id })
      expect((await athmovil().retrieveAthWebhookEvent(first.data.id)).delivery_count).toBe(3)
      expect(await athmovil().listAthWebhookEvents({ ecommerce_id: ecommerceId })).toHaveLength(2)
      expect(await orders(cart.id)).toHaveLength(1)
      await assertPaymentInvariants(container(), sandbox())
    })

    it("§7: a refund notice ATH does not back never confirms a ledger refund; ATH's own notice then does", async () => {
      const { order, ecommerceId } = await paidOrder(store, sandbox())
      const capture = await captureListener()
      let genuine: Record<string, unknown> | undefined
      try {
        await subscribeSandbox(sandbox(), capture.url)
        const reference = sandbox().getTicket(ecommerceId)!.referenceNumber!
        sandbox().refundOutsideApi({ referenceNumber: reference, amount: "6.00", message: "Devuelto en tienda" })
        await sandbox().flushWebhooks()
        genuine = capture.bodies.find((b) => (b as { transactionType?: string }).transactionType === "REFUND") as Record<string, unknown>
      } finally {
        await capture.close()
      }
      expect(genuine).toBeDefined()
      const forged = { ...genuine, dailyTransactionID: "9999", date: "2026-11-30 03:00:00", message: "forged" }
      const first = await deliver(forged)
      await outcomeOf(first.data.id)
      const [afterForged] = await athmovil().listAthTransactions({ ecommerce_id: ecommerceId }, { relations: ["refunds"] })
      for (const r of afterForged.refunds ?? []) {
        expect(r.daily_transaction_id).not.toBe("9999")
        expect(r.message).not.toBe("forged")
        // The forged date ("2026-11-30 03:00:00" Puerto Rico time) never becomes the refund's date.
        if (r.refunded_at) expect(new Date(r.refunded_at).toISOString()).not.toBe("2026-11-30T07:00:00.000Z")
      }

      const second = await deliver(genuine)
      expect((await outcomeOf(second.data.id)).outcome).toBe("applied")
      const [ledger] = await athmovil().listAthTransactions({ ecommerce_id: ecommerceId }, { relations: ["refunds"] })
      expect(ledger.refunds).toHaveLength(1)
      expect(ledger.refunds![0]).toMatchObject({ message: "Devuelto en tienda", state: "synced" })
      expect(ledger.refunds![0].daily_transaction_id).toBeTruthy()
      expect(ledger.refunds![0].daily_transaction_id).not.toBe("9999")

      const { data } = await api.get(`/admin/orders/${order.id}?fields=*payment_collections.payments.refunds`, store.adminHeaders)
      expect(data.order.payment_collections[0].payments[0].refunds).toHaveLength(1)
      await assertPaymentInvariants(container(), sandbox())
    })

    it("§8: a negative or malformed amount is stored as rejected and answered 400 naming the field", async () => {
      const base = { transactionType: "ECOMMERCE", status: "COMPLETED", ecommerceId: randomUUID(), metadata1: "payses_x" }
      for (const [body, field] of [
        [{ ...base, total: -5 }, "total"],
        [{ ...base, total: "-0.01" }, "total"],
        [{ ...base, total: "12,50" }, "total"],
        [{ ...base, total: 5, fee: -1 }, "fee"],
        [{ transactionType: "REFUND", status: "COMPLETED", referenceNumber: "r-1", total: "-6.00" }, "total"],
      ] as const) {
        const res = await deliver(body)
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400])
        expect(res.data.message).toMatch(new RegExp(field))
        const [stored] = await pg().raw(`SELECT outcome, error FROM athmovil_webhook_event WHERE raw_body = ?`, [JSON.stringify(body)]).then((r: { rows: unknown[] }) => r.rows)
        expect(stored).toMatchObject({ outcome: "rejected" })
      }
      await assertPaymentInvariants(container(), sandbox())
    })
  },
})
