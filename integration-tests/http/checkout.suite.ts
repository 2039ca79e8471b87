import { storeSuite } from "../helpers/suite-group"
import { Modules } from "@medusajs/framework/utils"
import { useSandbox } from "../helpers/sandbox"
import {
  ATH_PROVIDER_ID,
  SHOPPER_PHONE,
  cartReadyToPay,
  seedStore,
  startAthPayment,
  storefront,
  type SeededStore,
} from "../helpers/store"

jest.setTimeout(120_000)

const sandbox = useSandbox({ clock: "manual" })

/** Status errors from the js-sdk carry the HTTP status and Medusa's message. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise
  } catch (e) {
    const err = e as { status?: number; message?: string }
    return { status: err.status ?? 0, message: err.message ?? "" }
  }
  throw new Error("expected the call to fail")
}

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    /** The cart that owns a session: the store status route answers only for it. */
    const cartOf = async (sessionId: string) => {
      const [session] = await getContainer()
        .resolve(Modules.PAYMENT)
        .listPaymentSessions({ id: sessionId }, { select: ["id", "payment_collection_id"] })
      const { data } = await getContainer()
        .resolve("query")
        .graph({ entity: "cart_payment_collection", fields: ["cart_id"], filters: { payment_collection_id: session.payment_collection_id } })
      return data[0].cart_id as string
    }
    const statusOf = async (sessionId: string) =>
      (
        await api.get(`/store/athmovil/payment-sessions/${sessionId}?cart_id=${await cartOf(sessionId)}`, {
          headers: { "x-publishable-api-key": store.publishableKey },
        })
      ).data.payment_session

    /** Polls like a storefront: no faster than the route's retry_after_ms. */
    const pollUntil = async (sessionId: string, status: string) => {
      for (let i = 0; i < 10; i++) {
        const view = await statusOf(sessionId)
        if (view.status === status) return view
        await new Promise((r) => setTimeout(r, view.retry_after_ms))
      }
      throw new Error(`session ${sessionId} never reached ${status}`)
    }

    it("lists ATH Móvil as a payment provider of the Puerto Rico region", async () => {
      const sdk = storefront(store)
      const { payment_providers } = await sdk.store.payment.listPaymentProviders({ region_id: store.regionId })
      expect(payment_providers.map((p) => p.id)).toContain(ATH_PROVIDER_ID)
    })

    it("places the order only after the shopper approves, with the ATH ticket COMPLETED and its reference on the payment", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store, { quantity: 2 })
      expect(cart.total).toBe(45)
      const { session } = await startAthPayment(sdk, cart)
      expect(session.status).toBe("requires_more")

      const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
      const ticket = sandbox().getTicket(ecommerceId)!
      expect(ticket).toMatchObject({ status: "OPEN", total: "45.00", phoneNumber: SHOPPER_PHONE, metadata1: session.id })

      // Before approval: no order, the cart stays open, the status route says "pending".
      const early = await failure(sdk.store.cart.complete(cart.id))
      expect(early.status).toBe(400)
      expect((await sdk.store.cart.retrieve(cart.id)).cart.completed_at).toBeFalsy()
      const waiting = await statusOf(session.id)
      expect(waiting).toMatchObject({ status: "pending", athm_status: "OPEN" })
      expect(waiting.seconds_left).toBeGreaterThan(500)

      // Any number of tabs polling at once cost one ATH read per second.
      await new Promise((r) => setTimeout(r, waiting.retry_after_ms))
      const readsBefore = sandbox().callCount("findPayment")
      const burst = await Promise.all(Array.from({ length: 8 }, () => statusOf(session.id)))
      expect(burst.every((v) => v.status === "pending")).toBe(true)
      expect(sandbox().callCount("findPayment") - readsBefore).toBe(1)

      sandbox().approve({ phoneNumber: SHOPPER_PHONE })
      await pollUntil(session.id, "approved")

      const done = await sdk.store.cart.complete(cart.id)
      expect(done.type).toBe("order")
      const order = (done as { order: { id: string; total: number } }).order
      expect(order.total).toBe(45)

      const completed = sandbox().getTicket(ecommerceId)!
      expect(completed.status).toBe("COMPLETED")
      expect(completed.authorizationCount).toBe(1)
      expect(completed.referenceNumber).toMatch(/^\d{9}-[0-9a-f]{32}$/)

      const { data } = await api.get(
        `/admin/orders/${order.id}?fields=payment_status,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures`,
        store.adminHeaders
      )
      expect(data.order.payment_status).toBe("captured")
      const payment = data.order.payment_collections[0].payments[0]
      expect(payment.provider_id).toBe(ATH_PROVIDER_ID)
      expect(payment.captures).toHaveLength(1)
      expect(payment.data).toMatchObject({
        ecommerce_id: ecommerceId,
        athm_status: "COMPLETED",
        reference_number: completed.referenceNumber,
        daily_transaction_id: completed.dailyTransactionId,
        fee: completed.fee,
        net_amount: completed.netAmount,
        total: "45.00",
      })
      expect(payment.data.auth_token_enc).toBeUndefined()
      await pollUntil(session.id, "completed")
    })

    it("cancels the session when the shopper rejects, and a new session then succeeds", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      sandbox().reject({ phoneNumber: SHOPPER_PHONE })

      expect(await pollUntil(session.id, "canceled")).toMatchObject({ athm_status: "CANCEL" })
      const rejected = await failure(sdk.store.cart.complete(cart.id))
      expect(rejected.status).toBe(400)
      const sessions = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ id: session.id })
      expect(sessions[0].status).toBe("canceled")

      const { session: second } = await startAthPayment(sdk, (await sdk.store.cart.retrieve(cart.id)).cart)
      expect(second.id).not.toBe(session.id)
      sandbox().approve({ ecommerceId: (second.data as { ecommerce_id: string }).ecommerce_id })
      const done = await sdk.store.cart.complete(cart.id)
      expect(done.type).toBe("order")
    })

    it("tells the storefront when the payment expired at ATH and refuses to complete the cart", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      await sandbox().advanceTime(601)

      const view = await statusOf(session.id)
      expect(view.athm_status).toBe("CANCEL")
      expect(["canceled", "expired"]).toContain(view.status)
      expect(view.message).toMatch(/Start a new payment/)
      expect(view.seconds_left).toBe(0)
      const expired = await failure(sdk.store.cart.complete(cart.id))
      expect(expired.status).toBe(400)
      expect((await sdk.store.cart.retrieve(cart.id)).cart.completed_at).toBeFalsy()
    })

    it("re-sends the push to a new phone while OPEN; the old phone can no longer approve", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const headers = { headers: { "x-publishable-api-key": store.publishableKey } }

      const bad = await api
        .post(`/store/athmovil/payment-sessions/${session.id}/phone`, { phone_number: "123", cart_id: cart.id }, headers)
        .catch((e) => e.response)
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/phone/i)

      const changed = await api.post(
        `/store/athmovil/payment-sessions/${session.id}/phone`,
        { phone_number: "(939) 555-0101", cart_id: cart.id },
        headers
      )
      expect(changed.data.payment_session).toMatchObject({ status: "pending", phone_last4: "0101" })
      const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
      expect(sandbox().getTicket(ecommerceId)!.phoneNumber).toBe("9395550101")

      expect(() => sandbox().approve({ phoneNumber: SHOPPER_PHONE })).toThrow()
      sandbox().approve({ phoneNumber: "9395550101" })
      expect((await sdk.store.cart.complete(cart.id)).type).toBe("order")

      const late = await api
        .post(`/store/athmovil/payment-sessions/${session.id}/phone`, { phone_number: "7875550000", cart_id: cart.id }, headers)
        .catch((e) => e.response)
      expect(late.status).toBe(400)
      expect(late.data.message).toMatch(/only be changed while the payment waits for approval/)
    })

    it("cancels the open ATH ticket when the shopper starts over, and refunds in full when the order is cancelled", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session: first } = await startAthPayment(sdk, cart)
      const firstTicket = (first.data as { ecommerce_id: string }).ecommerce_id
      const { session: second } = await startAthPayment(sdk, (await sdk.store.cart.retrieve(cart.id)).cart)
      expect(sandbox().getTicket(firstTicket)).toMatchObject({ status: "CANCEL", cancelledBy: "merchant" })

      sandbox().approve({ ecommerceId: (second.data as { ecommerce_id: string }).ecommerce_id })
      const done = (await sdk.store.cart.complete(cart.id)) as { type: string; order: { id: string } }
      await api.post(`/admin/orders/${done.order.id}/cancel`, {}, store.adminHeaders)
      const ticket = sandbox().getTicket((second.data as { ecommerce_id: string }).ecommerce_id)!
      expect(ticket.totalRefundedAmount).toBe("25.00")
      const { data } = await api.get(`/admin/orders/${done.order.id}?fields=status,payment_status`, store.adminHeaders)
      expect(data.order).toMatchObject({ status: "canceled", payment_status: "refunded" })
    })

    it("lets the shopper cancel a waiting payment (withdrawn at ATH), and refuses once they have paid", async () => {
      const sdk = storefront(store)
      const headers = { headers: { "x-publishable-api-key": store.publishableKey } }
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id

      const cancelled = await api.post(`/store/athmovil/payment-sessions/${session.id}/cancel`, { cart_id: cart.id }, headers)
      expect(cancelled.data.payment_session).toMatchObject({ id: session.id, status: "canceled" })
      expect(sandbox().getTicket(ecommerceId)).toMatchObject({ status: "CANCEL", cancelledBy: "merchant" })
      const gone = await api.get(`/store/athmovil/payment-sessions/${session.id}?cart_id=${cart.id}`, headers).catch((e) => e.response)
      expect(gone.status).toBe(404)

      const { session: second } = await startAthPayment(sdk, (await sdk.store.cart.retrieve(cart.id)).cart)
      sandbox().approve({ ecommerceId: (second.data as { ecommerce_id: string }).ecommerce_id })
      expect((await sdk.store.cart.complete(cart.id)).type).toBe("order")
      expect((await statusOf(second.id)).status).toBe("completed")
      const late = await api.post(`/store/athmovil/payment-sessions/${second.id}/cancel`, { cart_id: cart.id }, headers).catch((e) => e.response)
      expect(late.status).toBe(400)
      expect(late.data).toMatchObject({ code: "payment_already_completed", message: expect.stringMatching(/already completed.*refund instead/) })
    })

    describe("refuses bad input at session creation and creates no ATH ticket", () => {
      type CartOpts = Parameters<typeof cartReadyToPay>[2]
      const cases: Array<[string, (s: SeededStore) => CartOpts, string | null, RegExp]> = [
        ["a EUR region", (s) => ({ regionId: s.eurRegionId, country: "es" }), SHOPPER_PHONE, /only takes payments in US dollars; this cart is in EUR\./],
        ["a total of 0.50", (s) => ({ variantId: s.cheapVariantId, shipping: false }), SHOPPER_PHONE, /at least \$1\.00; this cart's total is \$0\.50\./],
        ["a total of 1500.01", (s) => ({ variantId: s.priceyVariantId }), SHOPPER_PHONE, /up to \$1500\.00; this cart's total is \$1500\.01\./],
        ["phone 123", () => ({}), "123", /^Enter the 10-digit phone number of your ATH Móvil account/],
        ["no phone", () => ({}), null, /^Enter the phone number of your ATH Móvil account/],
      ]
      it.each(cases)("%s", async (_name, cartOpts, phone, message) => {
        const sdk = storefront(store)
        const cart = await cartReadyToPay(sdk, store, cartOpts(store))
        const err = await failure(
          sdk.store.payment.initiatePaymentSession(cart as never, {
            provider_id: ATH_PROVIDER_ID,
            data: phone === null ? {} : { phone_number: phone },
          })
        )
        expect(err.status).toBe(400)
        expect(err.message).toMatch(message)
        expect(sandbox().listTickets()).toHaveLength(0)
        expect(sandbox().callCount("payment")).toBe(0)
      })
    })

    it("never returns tokens in any Store API response", async () => {
      const sdk = storefront(store)
      const seen: string[] = []
      const record = (body: unknown) => seen.push(JSON.stringify(body))
      const cart = await cartReadyToPay(sdk, store)
      record(cart)
      const { paymentCollection, session } = await startAthPayment(sdk, cart)
      record(paymentCollection)
      record(await sdk.store.cart.retrieve(cart.id))
      record(await statusOf(session.id))
      sandbox().approve({ phoneNumber: SHOPPER_PHONE })
      record(await statusOf(session.id))
      record(await sdk.store.cart.complete(cart.id))

      const { publicToken, privateToken } = sandbox().tokens
      const jwt = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./
      for (const body of seen) {
        expect(body).not.toContain(publicToken)
        expect(body).not.toContain(privateToken)
        expect(body).not.toMatch(jwt)
      }
      expect(seen.join("\n")).toContain("auth_token_enc")
    })

  },
})
