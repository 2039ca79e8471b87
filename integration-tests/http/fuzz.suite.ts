/**
 * Hostile input on every HTTP door the plugin opens: the webhook listener (anyone who learns the
 * URL can post to it) and the store routes (anyone with the publishable key). Random bodies, ids
 * and phone numbers must never get a 5xx and never change anything (no order, no ledger row, no
 * payment session or ATH ticket touched); a refusal is a 4xx whose message says what was wrong.
 */
import fc from "fast-check"
import { storeSuite } from "../helpers/suite-group"
import { Modules } from "@medusajs/framework/utils"
import { tryNormalisePhoneNumber } from "../../src/lib/athmovil/phone"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import type AthMovilModuleService from "../../src/modules/athmovil/service"
import { useSandbox, WEBHOOK_SECRET } from "../helpers/sandbox"
import { ATH_PROVIDER_ID, cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { waitFor } from "../helpers/webhooks"

jest.setTimeout(240_000)

const RUNS = 60

const sandbox = useSandbox({ clock: "manual" })

type Answer = { status: number; body: any; text: string }

async function send(url: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(url, init)
  const text = await res.text()
  let body: any = null
  try {
    body = JSON.parse(text)
  } catch {
    body = null
  }
  return { status: res.status, body, text }
}

/** Never a 5xx; a refusal is a 4xx with a JSON message of some substance. */
function expectClearAnswer(a: Answer, label: string): void {
  expect([label, a.status < 500]).toEqual([label, true])
  if (a.status >= 400) {
    expect([label, typeof a.body?.message]).toEqual([label, "string"])
    expect([label, a.body.message.length > 10]).toEqual([label, true])
  }
}

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 60 }),
  fc.constantFrom("", "0", "COMPLETED", "CANCEL", "expired", "ecommerce", "refund", "payses_", "1e999", "-5", "25.00", 25, 0, -1, null)
)

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    const base = () => store.baseUrl
    const storeHeaders = () => ({ "x-publishable-api-key": store.publishableKey })
    const athmovil = () => getContainer().resolve<AthMovilModuleService>(ATHMOVIL_MODULE)

    /** Everything an attacker could want to change, in one comparable value. */
    async function snapshot() {
      const container = getContainer()
      const query = container.resolve("query")
      const payments = container.resolve(Modules.PAYMENT)
      const [{ data: orders }, sessions, paid, transactions, refunds] = await Promise.all([
        query.graph({ entity: "order", fields: ["id"] }),
        payments.listPaymentSessions({}, { select: ["id", "status", "data", "amount"], take: 1000 }),
        payments.listPayments({}, { select: ["id"], take: 1000 }),
        athmovil().listAthTransactions({}, { take: 1000 }),
        athmovil().listAthRefunds({}, { take: 1000 }),
      ])
      return {
        orders: orders.length,
        sessions: sessions
          .map((s: { id: string; status: string; data: unknown; amount: unknown }) => ({ id: s.id, status: s.status, data: s.data, amount: Number(s.amount) }))
          .sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)),
        payments: paid.length,
        ledger: transactions.length,
        refunds: refunds.length,
        tickets: sandbox()
          .listTickets()
          .map((t) => ({ id: t.ecommerceId, status: t.status, phone: t.phoneNumber, authorizations: t.authorizationCount, refunded: t.totalRefundedAmount })),
      }
    }

    async function openSession() {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session, paymentCollection } = await startAthPayment(sdk, cart)
      return { sdk, cart, session, paymentCollection, ecommerceId: (session.data as { ecommerce_id: string }).ecommerce_id }
    }

    it("webhook listener: random bodies get a 4xx with the reason or a 200 that changes nothing", async () => {
      const open = await openSession()
      const before = await snapshot()
      const shaped = fc.record(
        {
          transactionType: fc.oneof(fc.constantFrom("ECOMMERCE", "ecommerce", "REFUND", "PAYMENT", "DONATION", "SIMULATED"), nasty),
          status: fc.oneof(fc.constantFrom("COMPLETED", "CANCEL", "cancelled", "expired"), nasty),
          ecommerceId: fc.oneof(fc.constant(open.ecommerceId), fc.uuid(), nasty),
          metadata1: fc.oneof(fc.constant(open.session.id), nasty),
          referenceNumber: fc.oneof(fc.constant("215070443-402894c185ab1be40185acfe61c2000b"), nasty),
          total: fc.oneof(fc.constantFrom(25, "25.00", 1500, 0.5), nasty),
          date: fc.oneof(fc.constant("2026-11-21 10:00:00.0"), nasty),
          phoneNumber: nasty,
          items: fc.oneof(fc.constant([]), nasty),
          dailyTransactionId: nasty,
        },
        { requiredKeys: [] }
      )
      const body = fc.oneof(
        shaped.map((v) => ({ text: JSON.stringify(v), type: "application/json" })),
        fc.jsonValue({ maxDepth: 3 }).map((v) => ({ text: JSON.stringify(v), type: "application/json" })),
        fc.string({ maxLength: 300 }).map((t) => ({ text: t, type: "application/json" })),
        fc.tuple(fc.string({ maxLength: 100 }), fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/xml", "")).map(([t, type]) => ({ text: t, type }))
      )
      await fc.assert(
        fc.asyncProperty(body, async ({ text, type }) => {
          const answer = await send(`${base()}/hooks/athmovil/${WEBHOOK_SECRET}`, {
            method: "POST",
            headers: type ? { "content-type": type } : {},
            body: text,
          })
          expectClearAnswer(answer, `webhook ${text.slice(0, 80)}`)
          expect(answer.text).not.toContain(WEBHOOK_SECRET)
        }),
        { numRuns: RUNS }
      )
      await waitFor(
        "every stored event to be processed",
        () => athmovil().listAthWebhookEvents({ outcome: "pending" }, { take: 1 }),
        (pending) => pending.length === 0,
        60_000
      )
      const outcomes = new Set((await athmovil().listAthWebhookEvents({}, { take: 1000 })).map((e) => e.outcome))
      expect(outcomes.has("applied")).toBe(false)
      expect(await snapshot()).toEqual(before)
    })

    it("webhook listener: a wrong secret is refused before the body is read, and nothing is stored", async () => {
      await fc.assert(
        fc.asyncProperty(
          // ("." and ".." are resolved by the URL itself and never reach the route.)
          fc
            .oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.constant(WEBHOOK_SECRET.slice(0, -1)), fc.constant(`${WEBHOOK_SECRET}x`))
            .filter((secret) => secret !== "." && secret !== ".."),
          fc.jsonValue({ maxDepth: 2 }),
          async (secret, payload) => {
            const answer = await send(`${base()}/hooks/athmovil/${encodeURIComponent(secret)}`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(payload),
            })
            expectClearAnswer(answer, `secret ${secret}`)
            expect(answer.status).toBeGreaterThanOrEqual(400)
          }
        ),
        { numRuns: RUNS }
      )
      expect(await athmovil().listAthWebhookEvents({}, { take: 1 })).toHaveLength(0)
    })

    it("status route: any id gets a 4xx with a message, and ATH is not asked", async () => {
      const before = await snapshot()
      await fc.assert(
        fc.asyncProperty(
          // ("." and ".." are resolved by the URL itself and never reach the route.)
          fc
            .oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.constantFrom("payses_", "payses_00000000000000000000000000", "%00", "null"))
            .filter((id) => id !== "." && id !== ".."),
          async (id) => {
            const answer = await send(`${base()}/store/athmovil/payment-sessions/${encodeURIComponent(id)}`, { headers: storeHeaders() })
            expectClearAnswer(answer, `status ${id}`)
            expect(answer.status).toBeGreaterThanOrEqual(400)
          }
        ),
        { numRuns: RUNS }
      )
      expect(sandbox().callCount()).toBe(0)
      expect(await snapshot()).toEqual(before)
    })

    it("phone route: random bodies, phones and ids get a 400/404 with the reason; the ticket keeps its phone", async () => {
      const open = await openSession()
      const before = await snapshot()
      const notAPhone = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.integer()).filter((p) => tryNormalisePhoneNumber(p) === null)
      const body = fc.oneof(
        notAPhone.map((p) => ({ phone_number: p })),
        fc.record({ phone_number: fc.constant("9395550101"), extra: nasty }),
        fc.jsonValue({ maxDepth: 2 }).filter((v) => tryNormalisePhoneNumber((v as { phone_number?: unknown } | null)?.phone_number) === null)
      )
      const sessionId = fc.oneof(fc.constant(open.session.id), fc.string({ minLength: 1, maxLength: 40 }).filter((id) => id !== "." && id !== ".."))
      await fc.assert(
        fc.asyncProperty(sessionId, body, async (id, payload) => {
          const answer = await send(`${base()}/store/athmovil/payment-sessions/${encodeURIComponent(id)}/phone`, {
            method: "POST",
            headers: { ...storeHeaders(), "content-type": "application/json" },
            body: JSON.stringify(payload),
          })
          expectClearAnswer(answer, `phone ${JSON.stringify(payload)}`)
          expect(answer.status).toBeGreaterThanOrEqual(400)
        }),
        { numRuns: RUNS }
      )
      expect(sandbox().callCount("updatePhoneNumber")).toBe(0)
      expect(await snapshot()).toEqual(before)
    })

    it("payment session creation: random storefront data gets a 400 with the reason and opens no ATH ticket", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { payment_collection } = (await api.post("/store/payment-collections", { cart_id: cart.id }, { headers: storeHeaders() })).data
      const before = await snapshot()
      const notAPhone = fc.oneof(nasty, fc.string({ maxLength: 40 })).filter((p) => tryNormalisePhoneNumber(p) === null)
      const data = fc.record(
        {
          phone_number: notAPhone,
          items: fc.oneof(nasty, fc.array(fc.dictionary(fc.constantFrom("name", "price", "quantity", "tax", "description", "sku"), nasty), { maxLength: 3 })),
          cart_id: nasty,
          session_id: nasty,
        },
        { requiredKeys: ["phone_number"] }
      )
      await fc.assert(
        fc.asyncProperty(data, async (d) => {
          const answer = await send(`${base()}/store/payment-collections/${payment_collection.id}/payment-sessions`, {
            method: "POST",
            headers: { ...storeHeaders(), "content-type": "application/json" },
            body: JSON.stringify({ provider_id: ATH_PROVIDER_ID, data: d }),
          })
          expectClearAnswer(answer, `session ${JSON.stringify(d)}`)
          expect(answer.status).toBe(400)
        }),
        { numRuns: RUNS }
      )
      expect(sandbox().callCount("payment")).toBe(0)
      const after = await snapshot()
      // Medusa replaces the collection's sessions before asking the provider; what matters is that no
      // ATH session was left behind and nothing else moved.
      expect({ ...after, sessions: after.sessions.filter((s) => (s.data as { ecommerce_id?: string })?.ecommerce_id) }).toEqual({
        ...before,
        sessions: before.sessions.filter((s) => (s.data as { ecommerce_id?: string })?.ecommerce_id),
      })
    })

    it("a bad retry does not cancel the shopper's open ATH payment", async () => {
      const open = await openSession()
      const answer = await send(`${base()}/store/payment-collections/${open.paymentCollection.id}/payment-sessions`, {
        method: "POST",
        headers: { ...storeHeaders(), "content-type": "application/json" },
        body: JSON.stringify({ provider_id: ATH_PROVIDER_ID, data: { phone_number: "123" } }),
      })
      expectClearAnswer(answer, "bad phone on retry")
      expect(answer.status).toBe(400)
      expect(sandbox().getTicket(open.ecommerceId)!.status).toBe("OPEN")
      const [session] = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ id: open.session.id })
      expect(session?.status).toBe("requires_more")
    })
  },
})
