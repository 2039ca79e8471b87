import { storeSuite } from "../helpers/suite-group"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { resolveAthMovil } from "../../src/providers/athmovil/container"
import { recoverAthMovilSessions } from "../../src/workflows/recover-sessions"
import { assertPaymentInvariants, ordersOfCart, ticketOf } from "../helpers/invariants"
import { paidOrder } from "../helpers/checkout"
import { useSandbox, WEBHOOK_SECRET } from "../helpers/sandbox"
import { ATH_PROVIDER_ID, SHOPPER_PHONE, cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"

jest.setTimeout(300_000)

const sandbox = useSandbox({ clock: "manual" })

/**
 * Issue 12: the store routes act only for the cart that owns the session (§8), webhook
 * subscription never hands ATH a plain-http or Host-header URL (§8), and closed-tab recovery
 * reaches new shoppers however many finished sessions a busy store has (§3).
 */
storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const container = () => getContainer()
    const storeHeaders = () => ({ headers: { "x-publishable-api-key": store.publishableKey } })
    const answer = (p: Promise<{ status: number; data: any }>) => p.catch((e) => e.response)

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    async function openSession() {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      return { cartId: cart.id, sessionId: session.id, ecommerceId: (session.data as { ecommerce_id: string }).ecommerce_id }
    }

    const status = (sessionId: string, cartId?: string) =>
      answer(api.get(`/store/athmovil/payment-sessions/${sessionId}${cartId === undefined ? "" : `?cart_id=${cartId}`}`, storeHeaders()))
    const phone = (sessionId: string, body: Record<string, unknown>) =>
      answer(api.post(`/store/athmovil/payment-sessions/${sessionId}/phone`, body, storeHeaders()))
    const cancel = (sessionId: string, body: Record<string, unknown>) =>
      answer(api.post(`/store/athmovil/payment-sessions/${sessionId}/cancel`, body, storeHeaders()))
    const sessionRow = async (id: string) =>
      (await container().resolve(Modules.PAYMENT).listPaymentSessions({ id }, { select: ["id", "status", "metadata"] }))[0]

    describe("store status / phone / cancel routes act only for the session's own cart", () => {
      it("refuse a request without the cart id with a 400 naming cart_id, and change nothing", async () => {
        const s = await openSession()
        const calls = sandbox().callCount()
        for (const res of [await status(s.sessionId), await phone(s.sessionId, { phone_number: "9395550101" }), await cancel(s.sessionId, {})]) {
          expect(res.status).toBe(400)
          expect(res.data.message).toMatch(/cart_id/)
        }
        expect(sandbox().callCount()).toBe(calls)
        expect(ticketOf(sandbox(), s.ecommerceId)).toMatchObject({ status: "OPEN", phoneNumber: SHOPPER_PHONE })
        expect(await sessionRow(s.sessionId)).toBeDefined()
        await assertPaymentInvariants(container(), sandbox())
      })

      it("answer another cart's id exactly like an unknown session: 404, no ATH call, nothing changed", async () => {
        const victim = await openSession()
        const attacker = await openSession()
        const calls = sandbox().callCount()

        const unknown = await status("payses_01UNKNOWN0000000000000000", attacker.cartId)
        expect(unknown.status).toBe(404)
        const shape = (res: { status: number; data: any }, id: string, cartId = attacker.cartId) => ({
          status: res.status,
          type: res.data.type,
          message: String(res.data.message).replace(id, "<id>").replace(cartId, "<cart>"),
        })
        const expected = shape(unknown, "payses_01UNKNOWN0000000000000000")

        const byOtherCart = [
          await status(victim.sessionId, attacker.cartId),
          await phone(victim.sessionId, { phone_number: "9395550101", cart_id: attacker.cartId }),
          await cancel(victim.sessionId, { cart_id: attacker.cartId }),
        ]
        for (const res of byOtherCart) expect(shape(res, victim.sessionId)).toEqual(expected)
        // A cart id that does not exist reads the same.
        expect(shape(await status(victim.sessionId, "cart_01DOESNOTEXIST000000000000"), victim.sessionId, "cart_01DOESNOTEXIST000000000000")).toEqual(
          expected
        )
        expect(shape(await cancel("payses_01UNKNOWN0000000000000000", { cart_id: attacker.cartId }), "payses_01UNKNOWN0000000000000000")).toEqual(
          expected
        )

        expect(sandbox().callCount()).toBe(calls)
        expect(ticketOf(sandbox(), victim.ecommerceId)).toMatchObject({ status: "OPEN", phoneNumber: SHOPPER_PHONE })
        expect((await sessionRow(victim.sessionId))?.status).not.toBe("canceled")

        // The owner still can.
        const own = await status(victim.sessionId, victim.cartId)
        expect(own.status).toBe(200)
        expect(own.data.payment_session).toMatchObject({ id: victim.sessionId, status: "pending" })
        const cancelled = await cancel(victim.sessionId, { cart_id: victim.cartId })
        expect(cancelled.status).toBe(200)
        expect(ticketOf(sandbox(), victim.ecommerceId)).toMatchObject({ status: "CANCEL" })
        await assertPaymentInvariants(container(), sandbox())
      })

      it("allow at most 3 phone changes per session, then a 429 stating the rule; the count is stored with the session", async () => {
        const s = await openSession()
        const numbers = ["9395550101", "9395550102", "9395550103"]
        for (const n of numbers) {
          const res = await phone(s.sessionId, { phone_number: n, cart_id: s.cartId })
          expect(res.status).toBe(200)
          expect(res.data.payment_session.phone_last4).toBe(n.slice(-4))
        }
        const fourth = await phone(s.sessionId, { phone_number: "9395550104", cart_id: s.cartId })
        expect(fourth.status).toBe(429)
        expect(fourth.data.message).toMatch(/at most 3 times/)
        expect(sandbox().callCount("updatePhoneNumber")).toBe(3)
        expect(ticketOf(sandbox(), s.ecommerceId).phoneNumber).toBe("9395550103")
        // Kept in the database with the session (several instances share it), not in process memory.
        expect((await sessionRow(s.sessionId))?.metadata).toMatchObject({ athmovil_phone_changes: 3 })
        // A bad number is refused before it counts; the session still waits and can be approved.
        expect((await phone(s.sessionId, { phone_number: "123", cart_id: s.cartId })).status).toBe(400)
        sandbox().approve({ ecommerceId: s.ecommerceId })
        expect((await storefront(store).store.cart.complete(s.cartId)).type).toBe("order")
        await assertPaymentInvariants(container(), sandbox())
      })

      it("hold the limit under concurrent changes: 6 at once give 3 pushes and 3 × 429", async () => {
        const s = await openSession()
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => phone(s.sessionId, { phone_number: `93955502${String(i).padStart(2, "0")}`, cart_id: s.cartId }))
        )
        expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429])
        expect(sandbox().callCount("updatePhoneNumber")).toBe(3)
        await assertPaymentInvariants(container(), sandbox())
      })
    })

    describe("webhook subscription never gives ATH a plain-http or Host-header listener URL", () => {
      const subscribe = (headers: Record<string, string> = {}) =>
        answer(api.post("/admin/athmovil/webhooks/subscribe", {}, { headers: { ...store.adminHeaders.headers, ...headers } }))
      const withOptions = async <T>(patch: { publicBaseUrl?: string }, nodeEnv: string | undefined, fn: () => Promise<T>) => {
        const options = resolveAthMovil(container()).options as { publicBaseUrl?: string }
        const before = { publicBaseUrl: options.publicBaseUrl, nodeEnv: process.env.NODE_ENV }
        options.publicBaseUrl = patch.publicBaseUrl
        if (nodeEnv !== undefined) process.env.NODE_ENV = nodeEnv
        try {
          return await fn()
        } finally {
          options.publicBaseUrl = before.publicBaseUrl
          process.env.NODE_ENV = before.nodeEnv
        }
      }

      it("in production without publicBaseUrl: a 400 naming the option, no URL from the Host header, nothing sent to ATH", async () => {
        await withOptions({ publicBaseUrl: undefined }, "production", async () => {
          // Behind Medusa's trusted proxy hop a client picks both the Host and the scheme.
          const res = await subscribe({ host: "attacker.example.com", "x-forwarded-proto": "https" })
          expect(res.status).toBe(400)
          expect(res.data.message).toMatch(/publicBaseUrl/)
          expect(JSON.stringify(res.data)).not.toContain("attacker.example.com")
          const settings = await answer(api.get("/admin/athmovil/settings?token_check=false", store.adminHeaders))
          expect(settings.status).toBe(200)
          expect(settings.data.settings.listener_url).toBeNull()
        })
        expect(sandbox().callCount("subscribe")).toBe(0)
      })

      it("refuses an http:// listener URL unless it is localhost, 127.0.0.1 or [::1]", async () => {
        for (const base of ["http://shop.example.com", "http://localhost.example.com", "http://10.0.0.5:9000"]) {
          await withOptions({ publicBaseUrl: base }, undefined, async () => {
            const res = await subscribe()
            expect([base, res.status]).toEqual([base, 400])
            expect(res.data.message).toMatch(/https:\/\//)
          })
        }
        // Outside production the Host header still fills in, but a non-local plain-http one is refused too.
        await withOptions({ publicBaseUrl: undefined }, undefined, async () => {
          expect((await subscribe({ host: "shop.example.com" })).status).toBe(400)
        })
        expect(sandbox().callCount("subscribe")).toBe(0)

        for (const base of ["https://shop.example.com/", "http://localhost:9000", "http://127.0.0.1:9000", "http://[::1]:9000"]) {
          await withOptions({ publicBaseUrl: base }, "production", async () => {
            const res = await subscribe()
            expect([base, res.status]).toEqual([base, 200])
            expect(res.data.listener_url).toBe(`${base.replace(/\/$/, "")}/hooks/athmovil/••••${WEBHOOK_SECRET.slice(-4)}`)
          })
        }
        expect(sandbox().callCount("subscribe")).toBe(4)
      })
    })

    describe("closed-tab recovery on a busy store", () => {
      /** Copies one real row of `table` `count` times, overriding some columns with SQL expressions of `g` (1…count). */
      async function copyRows(table: string, id: string, count: number, overrides: Record<string, string>) {
        const knex = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const { rows } = await knex.raw(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position`, [table])
        const columns: string[] = rows.map((r: { column_name: string }) => r.column_name)
        for (const c of Object.keys(overrides)) if (!columns.includes(c)) throw new Error(`${table} has no column ${c}`)
        const select = columns.map((c) => overrides[c] ?? `src."${c}"`).join(", ")
        await knex.raw(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT ${select} FROM "${table}" src, generate_series(1, ${count}) g WHERE src.id = ?`,
          [id]
        )
      }

      it("3,000 finished sessions in the window cost nothing: one run places the orders of all 5 shoppers who paid and closed the tab", async () => {
        // One real finished checkout, whose rows the 3,000 copy.
        const real = await paidOrder(store, sandbox())
        const paymentModule = container().resolve(Modules.PAYMENT)
        const [finished] = await paymentModule.listPaymentSessions({ id: real.sessionId }, { select: ["id", "status", "payment_collection_id"] })
        expect(finished.status).toBe("authorized")
        const [payment] = await paymentModule.listPayments({ payment_session_id: real.sessionId }, { select: ["id"], relations: ["captures"] })

        // Five shoppers approve in ATH Móvil and close the tab: nobody completes their cart.
        const paidAndClosed = []
        for (let i = 0; i < 5; i++) {
          const s = await openSession()
          sandbox().approve({ ecommerceId: s.ecommerceId })
          paidAndClosed.push(s)
        }

        // 3,000 finished sessions spread over the 48 h window, older and newer than the five.
        const N = 3000
        const at = `now() - (g * interval '56 seconds') + interval '2 minutes'`
        const started = Date.now()
        await copyRows("payment_collection", finished.payment_collection_id, N, {
          id: `'pay_col_seed_' || g`,
          created_at: at,
          updated_at: at,
        })
        await copyRows("payment_session", real.sessionId, N, {
          id: `'payses_seed_' || g`,
          payment_collection_id: `'pay_col_seed_' || g`,
          data: `jsonb_set(jsonb_set(src.data, '{ecommerce_id}', to_jsonb('seed-' || g)), '{session_id}', to_jsonb('payses_seed_' || g))`,
          created_at: at,
          updated_at: at,
        })
        await copyRows("payment", payment.id, N, {
          id: `'pay_seed_' || g`,
          payment_session_id: `'payses_seed_' || g`,
          payment_collection_id: `'pay_col_seed_' || g`,
          data: `jsonb_set(src.data, '{ecommerce_id}', to_jsonb('seed-' || g))`,
          created_at: at,
          updated_at: at,
        })
        await copyRows("capture", payment.captures![0].id, N, {
          id: `'capt_seed_' || g`,
          payment_id: `'pay_seed_' || g`,
          created_at: at,
          updated_at: at,
        })
        const seedMs = Date.now() - started
        // The store's own every-minute job (30 s grace) must not take the five before this one run does.
        const knex = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await knex.raw(`UPDATE payment_session SET updated_at = now() WHERE id = ANY(?)`, [paidAndClosed.map((s) => s.sessionId)])
        const seeded = await paymentModule.listPaymentSessions({ provider_id: ATH_PROVIDER_ID, status: "authorized" } as never, { select: ["id"], take: 1 })
        expect(seeded.length).toBe(1)

        const findsBefore = sandbox().callCount("findPayment")
        const runStarted = Date.now()
        const counts = await recoverAthMovilSessions(container(), { graceSeconds: 0 })
        const runMs = Date.now() - runStarted
        console.log(`closed-tab recovery: seeded ${N} finished sessions in ${seedMs} ms; one run took ${runMs} ms: ${JSON.stringify(counts)}`)

        expect(counts.order_created).toBe(5)
        for (const s of paidAndClosed) expect(await ordersOfCart(container(), s.cartId)).toHaveLength(1)
        // Nothing Medusa already finished was listed, so none of it cost an ATH call.
        expect(counts.already_done).toBe(0)
        const listed = Object.values(counts).reduce((a, b) => a + b, 0)
        expect(listed).toBeLessThan(100)
        expect(sandbox().callCount("findPayment") - findsBefore).toBeLessThanOrEqual(listed * 2)
        await assertPaymentInvariants(container(), sandbox())
      })

      it("a paid session whose cart never became an order (the server died in between) still gets its one order", async () => {
        const s = await openSession()
        sandbox().approve({ ecommerceId: s.ecommerceId })
        // What cart completion does before it creates the order: the payment, debited at ATH.
        const paymentModule = container().resolve(Modules.PAYMENT)
        const payment = await paymentModule.authorizePaymentSession(s.sessionId, {})
        expect(payment.id).toMatch(/^pay_/)
        expect(await ordersOfCart(container(), s.cartId)).toHaveLength(0)

        const counts = await recoverAthMovilSessions(container(), { graceSeconds: 0 })
        expect(await ordersOfCart(container(), s.cartId)).toHaveLength(1)
        expect(counts.order_created + counts.payment_attached).toBeGreaterThanOrEqual(1)
        // Once ordered it is finished: the next run does not even list it.
        const again = await recoverAthMovilSessions(container(), { graceSeconds: 0 })
        expect(Object.values(again).reduce((a, b) => a + b, 0)).toBe(0)
        expect(ticketOf(sandbox(), s.ecommerceId).authorizationCount).toBe(1)
        await assertPaymentInvariants(container(), sandbox())
      })
    })
  },
})
