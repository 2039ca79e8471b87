import { storeSuite } from "../helpers/suite-group"
import { useSandbox } from "../helpers/sandbox"
import { assertPaymentInvariants } from "../helpers/invariants"
import { SHOPPER_PHONE, cartReadyToPay, seedStore, storefront, type SeededStore } from "../helpers/store"
import {
  AthMovilExpiredError,
  AthMovilInvalidPhoneError,
  AthMovilPaymentError,
  AthMovilRejectedError,
  athMovilErrorMessage,
  cancelAthMovilPayment,
  changeAthMovilPhone,
  completeAthMovilCheckout,
  getAthMovilPaymentStatus,
  getAthMovilReferenceNumber,
  startAthMovilPayment,
  waitForAthMovilApproval,
  type AthMovilTick,
} from "../../src/storefront"
import { withServerClockAhead } from "../helpers/server-clock"

jest.setTimeout(120_000)

const sandbox = useSandbox({ clock: "manual" })

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error("expected the promise to reject")
}

/** Records every request the storefront sends to the given path prefix (the real fetch still runs). */
function recordRequests(baseUrl: string, pathPrefix: string) {
  const seen: Array<{ at: number; method: string; path: string }> = []
  const original = globalThis.fetch
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url.startsWith(baseUrl)) {
      const path = new URL(url).pathname
      if (path.startsWith(pathPrefix)) seen.push({ at: Date.now(), method: init?.method ?? "GET", path })
    }
    return original(input, init)
  }) as typeof fetch
  return { seen, restore: () => void (globalThis.fetch = original) }
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i])
}

/*
 * The real store, the real js-sdk and the sandbox behind the kit: what only the server shows
 * (Medusa's answers and messages, ATH's tickets, the store's limits). The kit's own timing —
 * polling spacing, backoff, abort — is exact on a fake clock in src/storefront/__tests__/payment.unit.spec.ts.
 */
storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    const newCart = async () => {
      const sdk = storefront(store)
      return { sdk, cart: await cartReadyToPay(sdk, store) }
    }

    it("starts a payment, counts down with the server's seconds, and places the order after approval", async () => {
      const { sdk, cart } = await newCart()

      const bad = await rejection(startAthMovilPayment(sdk, cart, { phoneNumber: "787-555" }))
      expect(bad).toBeInstanceOf(AthMovilInvalidPhoneError)
      expect(bad).toMatchObject({ code: "invalid_phone" })
      expect(sandbox().callCount("payment")).toBe(0)

      const started = await startAthMovilPayment(sdk, cart, { phoneNumber: "+1 (787) 555-1234" })
      expect(started.sessionId).toMatch(/^payses_/)
      expect(started.phoneLast4).toBe("1234")
      expect(started.expiresAt.getTime() - Date.now()).toBeGreaterThan(590_000)
      const ticket = sandbox().getTicket(started.ecommerceId)!
      expect(ticket).toMatchObject({ status: "OPEN", phoneNumber: SHOPPER_PHONE, total: "25.00", metadata1: started.sessionId })

      const ticks: AthMovilTick[] = []
      setTimeout(() => sandbox().approve({ ecommerceId: started.ecommerceId }), 3_200)
      const approved = await waitForAthMovilApproval(sdk, started, { onTick: (t) => ticks.push(t) })
      expect(approved).toEqual({ status: "approved", referenceNumber: null })

      // One tick a second, counting down from ~600 (the server's figure), never going back up.
      expect(ticks.length).toBeGreaterThanOrEqual(3)
      expect(ticks.length).toBeLessThanOrEqual(8)
      expect(ticks[0]).toEqual({ secondsLeft: expect.any(Number), status: "pending" })
      expect(ticks[0].secondsLeft).toBeGreaterThanOrEqual(595)
      expect(ticks[0].secondsLeft).toBeLessThanOrEqual(600)
      for (const t of ticks) expect(Number.isInteger(t.secondsLeft)).toBe(true)
      for (let i = 1; i < ticks.length; i++) expect(ticks[i].secondsLeft).toBeLessThanOrEqual(ticks[i - 1].secondsLeft)
      expect(ticks[0].secondsLeft - ticks[ticks.length - 1].secondsLeft).toBeGreaterThanOrEqual(ticks.length - 2)

      const order = await completeAthMovilCheckout(sdk, cart.id, { sessionId: started.sessionId })
      expect(order).toMatchObject({ id: expect.stringMatching(/^order_/), total: 25, display_id: expect.any(Number) })

      const completed = sandbox().getTicket(started.ecommerceId)!
      expect(completed.status).toBe("COMPLETED")
      // Right after the order the status may still come from the store's one-second cache;
      // getAthMovilReferenceNumber reads again until ATH shows the payment completed.
      expect(await getAthMovilReferenceNumber(sdk, started)).toBe(completed.referenceNumber)
      await delay(1_000)
      const view = await getAthMovilPaymentStatus(sdk, started)
      expect(view).toMatchObject({ status: "completed", referenceNumber: completed.referenceNumber })
      const { data } = await api.get(`/admin/orders/${order.id}?fields=payment_status,*payment_collections.payments`, store.adminHeaders)
      expect(data.order.payment_status).toBe("captured")
      expect(data.order.payment_collections[0].payments[0].data.reference_number).toBe(completed.referenceNumber)
    })

    it("rejects with AthMovilRejectedError when the shopper rejects, in the wait and at completion", async () => {
      const { sdk, cart } = await newCart()
      const started = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
      setTimeout(() => sandbox().reject({ phoneNumber: SHOPPER_PHONE }), 1_500)

      const err = await rejection(waitForAthMovilApproval(sdk, started))
      expect(err).toBeInstanceOf(AthMovilRejectedError)
      expect(err).toBeInstanceOf(AthMovilPaymentError)
      expect(err).toMatchObject({ code: "rejected" })
      expect(athMovilErrorMessage(err, "es")).toMatch(/rechazado en ATH Móvil/)
      expect(athMovilErrorMessage(err)).toMatch(/rejected in ATH Móvil/)
      expect(athMovilErrorMessage({ code: "invalid_phone" }, "es")).toMatch(/10 dígitos/)

      const atCompletion = await rejection(completeAthMovilCheckout(sdk, cart.id))
      expect(atCompletion).toBeInstanceOf(AthMovilRejectedError)
      expect((await sdk.store.cart.retrieve(cart.id)).cart.completed_at).toBeFalsy()

      // "Try again": a new payment on the same cart goes through.
      const retry = await startAthMovilPayment(sdk, (await sdk.store.cart.retrieve(cart.id)).cart, { phoneNumber: SHOPPER_PHONE })
      sandbox().approve({ ecommerceId: retry.ecommerceId })
      expect(await waitForAthMovilApproval(sdk, retry)).toMatchObject({ status: "approved" })
      expect(await completeAthMovilCheckout(sdk, cart.id)).toMatchObject({ id: expect.stringMatching(/^order_/) })
    })

    it("rejects with AthMovilExpiredError once the payment expired", async () => {
      const { sdk, cart } = await newCart()
      const started = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
      const ticks: AthMovilTick[] = []
      const waiting = rejection(waitForAthMovilApproval(sdk, started, { onTick: (t) => ticks.push(t) }))
      await delay(1_500)

      const err = await withServerClockAhead(601, async () => {
        await sandbox().advanceTime(601)
        const e = await waiting
        expect(await rejection(completeAthMovilCheckout(sdk, cart.id))).toBeInstanceOf(AthMovilExpiredError)
        return e
      })
      expect(err).toBeInstanceOf(AthMovilExpiredError)
      expect(err).toMatchObject({ code: "expired" })
      expect(sandbox().getTicket(started.ecommerceId)).toMatchObject({ status: "CANCEL", cancelledBy: "expiry" })
      expect(ticks[0].secondsLeft).toBeGreaterThan(590)
    })

    it("completeAthMovilCheckout keeps retrying while the approval is in flight", async () => {
      const { sdk, cart } = await newCart()
      const started = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
      const requests = recordRequests(store.baseUrl, "/store/")
      try {
        setTimeout(() => sandbox().approve({ phoneNumber: SHOPPER_PHONE }), 2_500)
        const order = await completeAthMovilCheckout(sdk, cart.id)
        expect(order.id).toMatch(/^order_/)
        const completes = requests.seen.filter((r) => r.path.endsWith("/complete")).map((r) => r.at)
        expect(completes.length).toBeGreaterThanOrEqual(2)
        expect(Math.min(...gaps(completes))).toBeGreaterThanOrEqual(1000)
        // It found the session on the cart and asked its status between attempts.
        expect(requests.seen.some((r) => r.path === `/store/athmovil/payment-sessions/${started.sessionId}`)).toBe(true)
      } finally {
        requests.restore()
      }
      expect(sandbox().getTicket(started.ecommerceId)).toMatchObject({ status: "COMPLETED", authorizationCount: 1 })

      // Still pending after the allowed attempts: a clear "not_approved".
      const other = await newCart()
      await startAthMovilPayment(other.sdk, other.cart, { phoneNumber: "7875550199" })
      const err = await rejection(completeAthMovilCheckout(other.sdk, other.cart.id, { attempts: 2 }))
      expect(err).toMatchObject({ code: "not_approved" })
    })

    it("rides out store errors (5xx) while ATH is failing, then sees the approval", async () => {
      const { sdk, cart } = await newCart()
      const started = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
      // The kit's backoff is exact in src/storefront/__tests__; here the real store's 503s reach it.
      sandbox().setFault("findPayment", { status: 503, times: 3 })
      const ticks: AthMovilTick[] = []
      setTimeout(() => sandbox().approve({ ecommerceId: started.ecommerceId }), 1_000)
      const result = await waitForAthMovilApproval(sdk, started, { onTick: (t) => ticks.push(t) })
      expect(result.status).toBe("approved")
      expect(sandbox().requestLog.filter((e) => e.route === "findPayment" && e.status === 503).length).toBe(3)
      expect(await completeAthMovilCheckout(sdk, cart.id)).toMatchObject({ id: expect.stringMatching(/^order_/) })
    })

    it("names the cart on every session call (status, phone, cancel) and refuses a bare session id", async () => {
      const { sdk, cart } = await newCart()
      const started = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
      expect(started.cartId).toBe(cart.id)

      // What the kit puts on the wire: cart_id in the query (GET) or the JSON body (POST).
      const sent: Array<{ method: string; url: URL; body: Record<string, unknown> | null }> = []
      const original = globalThis.fetch
      globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        const url = new URL(input instanceof Request ? input.url : String(input))
        if (url.pathname.startsWith("/store/athmovil/payment-sessions/")) {
          sent.push({ method: init?.method ?? "GET", url, body: typeof init?.body === "string" ? JSON.parse(init.body) : null })
        }
        return original(input, init)
      }) as typeof fetch
      try {
        expect((await getAthMovilPaymentStatus(sdk, started)).status).toBe("pending")
        expect(await changeAthMovilPhone(sdk, started, "939-555-0101")).toMatchObject({ phoneLast4: "0101" })
        await changeAthMovilPhone(sdk, started, "939-555-0102")
        await changeAthMovilPhone(sdk, started, "939-555-0103")
        // The store's limit reaches the shopper as a typed error with the rule.
        const fourth = await rejection(changeAthMovilPhone(sdk, started, "939-555-0104"))
        expect(fourth).toMatchObject({ code: "request_failed", status: 429 })
        expect((fourth as Error).message).toMatch(/at most 3 times/)

        // Someone else's cart id: the store answers 404, nothing happens to the payment.
        const other = await cartReadyToPay(sdk, store)
        const foreign = await rejection(cancelAthMovilPayment(sdk, { sessionId: started.sessionId, cartId: other.id }))
        expect(foreign).toMatchObject({ code: "request_failed", status: 404 })
        expect(sandbox().getTicket(started.ecommerceId)!.status).toBe("OPEN")

        // A bare session id (the earlier signature) is refused before any request.
        const before = sent.length
        const bare = await rejection(getAthMovilPaymentStatus(sdk, started.sessionId as never))
        expect(bare).toBeInstanceOf(AthMovilPaymentError)
        expect((bare as Error).message).toMatch(/\{ sessionId, cartId \}/)
        expect(sent.length).toBe(before)

        await cancelAthMovilPayment(sdk, started)
      } finally {
        globalThis.fetch = original
      }
      expect(sandbox().getTicket(started.ecommerceId)!.status).toBe("CANCEL")
      const gets = sent.filter((r) => r.method === "GET")
      const posts = sent.filter((r) => r.method === "POST")
      expect(gets.length).toBeGreaterThanOrEqual(1)
      for (const r of gets) expect(r.url.searchParams.get("cart_id")).toBe(cart.id)
      expect(posts.map((r) => [r.url.pathname.split("/").pop(), r.body?.cart_id])).toEqual([
        ["phone", cart.id],
        ["phone", cart.id],
        ["phone", cart.id],
        ["phone", cart.id],
        ["cancel", expect.any(String)],
        ["cancel", cart.id],
      ])
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("changes the phone while waiting, and refuses once the payment is no longer open", async () => {
      const { sdk, cart } = await newCart()
      const started = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })

      expect(await rejection(changeAthMovilPhone(sdk, started, "555-01"))).toBeInstanceOf(AthMovilInvalidPhoneError)
      expect(sandbox().callCount("updatePhoneNumber")).toBe(0)

      const changed = await changeAthMovilPhone(sdk, started, "(939) 555-0101")
      expect(changed).toMatchObject({ status: "pending", phoneLast4: "0101" })
      expect(changed.secondsLeft).toBeGreaterThan(590)
      expect(sandbox().getTicket(started.ecommerceId)!.phoneNumber).toBe("9395550101")

      sandbox().approve({ phoneNumber: "9395550101" })
      const late = await rejection(changeAthMovilPhone(sdk, started, "7875550000"))
      expect(late).toBeInstanceOf(AthMovilPaymentError)
      expect(late).toMatchObject({ code: "request_failed", status: 400 })
      expect((late as Error).message).toMatch(/only be changed while the payment waits for approval/)
    })
  },
})
