/**
 * The returning shopper's phone against a real Medusa + the ATH sandbox: a registered customer
 * who paid once with ATH Móvil is offered that phone (masked) next time, and a checkout that
 * sends no phone number goes to it. The phone is the one ATH itself reported for the completed
 * payment (its search), kept on the customer's ATH Móvil account holder; nobody else — another
 * customer, an anonymous request holding the cart id — ever sees it or has a push sent to it.
 */
import Medusa from "@medusajs/js-sdk"
import { storeSuite } from "../helpers/suite-group"
import { assertPaymentInvariants } from "../helpers/invariants"
import { useSandbox } from "../helpers/sandbox"
import { ATH_PROVIDER_ID, cartReadyToPay, seedStore, storefront, type SeededStore } from "../helpers/store"
import { getAthMovilSavedPhone } from "../../src/storefront"

jest.setTimeout(180_000)

const sandbox = useSandbox()

const PHONE_A = "7875550101"
const ADDRESS_PHONE = "787-555-0303"

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore

    /** A shopper who registered and logged in through the js-sdk, as a storefront does. */
    async function customerSdk(email: string): Promise<Medusa> {
      const sdk = new Medusa({
        baseUrl: store.baseUrl,
        publishableKey: store.publishableKey,
        auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
      })
      const registration = await sdk.auth.register("customer", "emailpass", { email, password: "secret-password-1" })
      await sdk.store.customer.create({ email, first_name: "Ana", last_name: "Ortiz" }, {}, { authorization: `Bearer ${registration}` })
      await sdk.auth.login("customer", "emailpass", { email, password: "secret-password-1" })
      return sdk
    }

    const phoneRoute = (cartId: string, headers: Record<string, string> = {}) =>
      api.get(`/store/athmovil/phone?cart_id=${encodeURIComponent(cartId)}`, {
        headers: { "x-publishable-api-key": store.publishableKey, ...headers },
        validateStatus: () => true,
      })

    const bearerOf = async (sdk: Medusa) => ({ authorization: `Bearer ${await sdk.client.getToken()}` })

    async function startSession(sdk: Medusa, cart: { id: string }, data: Record<string, unknown>) {
      const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart as never, { provider_id: ATH_PROVIDER_ID, data })
      const session = payment_collection.payment_sessions!.find((s) => s.provider_id === ATH_PROVIDER_ID)!
      return { session, ecommerceId: (session.data as { ecommerce_id: string }).ecommerce_id }
    }

    /** The subscriber runs after order.placed, off the request: wait for its result (bounded), not a time. */
    async function awaitSavedPhone(sdk: Medusa, cartId: string) {
      let last: { status: number; data: unknown } = { status: 0, data: null }
      for (let i = 0; i < 150; i++) {
        last = await phoneRoute(cartId, await bearerOf(sdk))
        if (last.status === 200 && (last.data as { source?: string }).source === "saved") break
        await new Promise((r) => setTimeout(r, 100))
      }
      return last
    }

    let ana: Medusa
    let firstCartId: string

    // The runner restores the database to its state after beforeAll before every test, so Ana's
    // first ATH payment (and the phone the subscriber saves from it) is made here, once.
    beforeAll(async () => {
      store = await seedStore(api, getContainer())
      ana = await customerSdk("ana.returning@example.com")
      const first = await cartReadyToPay(ana, store)
      firstCartId = first.id
      const paid = await startSession(ana, first, { phone_number: PHONE_A, cart_id: first.id })
      sandbox().approve({ ecommerceId: paid.ecommerceId })
      const done = await ana.store.cart.complete(first.id)
      if (done.type !== "order") throw new Error(`expected an order, got ${JSON.stringify(done)}`)
      await awaitSavedPhone(ana, (await cartReadyToPay(ana, store)).id)
    })

    it("pays once with phone A; the next checkout without a phone goes to A, shown masked to her only", async () => {
      const second = await cartReadyToPay(ana, store)
      const shown = await phoneRoute(second.id, await bearerOf(ana))

      // No phone sent: the ATH push goes to the phone ATH reported for her completed payment.
      const again = await startSession(ana, second, { cart_id: second.id })
      expect(sandbox().getTicket(again.ecommerceId)?.phoneNumber).toBe(PHONE_A)
      expect((again.session.data as { phone_last4?: string }).phone_last4).toBe("0101")
      // What she was shown is what the server used, and never the whole number.
      expect(shown.status).toBe(200)
      expect(shown.data).toEqual({ phone_masked: "(•••) •••-0101", source: "saved" })
      expect(JSON.stringify(shown.data)).not.toContain("555")
      expect(shown.headers["cache-control"]).toMatch(/no-store/)
      // The kit reads the same answer.
      await expect(getAthMovilSavedPhone(ana, second.id)).resolves.toEqual({ phoneMasked: "(•••) •••-0101", source: "saved" })
      sandbox().approve({ ecommerceId: again.ecommerceId })
      expect((await ana.store.cart.complete(second.id)).type).toBe("order")
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("the saved ATH phone ranks above the cart's address phones, and a typed phone above both", async () => {
      const cart = await cartReadyToPay(ana, store)
      await ana.store.cart.update(cart.id, { shipping_address: { ...cart.shipping_address, phone: ADDRESS_PHONE } as never })
      const shown = await phoneRoute(cart.id, await bearerOf(ana))
      expect(shown.data).toEqual({ phone_masked: "(•••) •••-0101", source: "saved" })
      const saved = await startSession(ana, cart, { cart_id: cart.id })
      expect(sandbox().getTicket(saved.ecommerceId)?.phoneNumber).toBe(PHONE_A)
      const typed = await startSession(ana, cart, { phone_number: "939-555-0404", cart_id: cart.id })
      expect(sandbox().getTicket(typed.ecommerceId)?.phoneNumber).toBe("9395550404")
      // Anonymous with the same cart id: only the cart's own address phone, masked.
      const anonymous = await phoneRoute(cart.id)
      expect(anonymous.data).toEqual({ phone_masked: "(•••) •••-0303", source: "shipping_address" })
    })

    it("another customer or an anonymous request with her cart id never sees it, nor sends a push to it", async () => {
      const cart = await cartReadyToPay(ana, store)
      expect((await phoneRoute(cart.id, await bearerOf(ana))).data.source).toBe("saved")

      const ben = await customerSdk("ben.other@example.com")
      // Before any payment of his nothing is saved, and his cart's addresses have no phone: no prefill.
      const own = await cartReadyToPay(ben, store)
      expect((await phoneRoute(own.id, await bearerOf(ben))).data).toEqual({ phone_masked: null, source: null })
      const asBen = await phoneRoute(cart.id, await bearerOf(ben))
      expect(asBen.status).toBe(200)
      expect(asBen.data).toEqual({ phone_masked: null, source: null })
      const anonymous = await phoneRoute(cart.id)
      expect(anonymous.status).toBe(200)
      expect(anonymous.data).toEqual({ phone_masked: null, source: null })
      // A completed cart of hers, even to her: nothing more can be paid on it.
      expect((await phoneRoute(firstCartId)).data).toEqual({ phone_masked: null, source: null })
      expect((await phoneRoute(firstCartId, await bearerOf(ana))).data).toEqual({ phone_masked: null, source: null })

      const tickets = sandbox().listTickets().length
      const benTries = await ben.store.payment
        .initiatePaymentSession(cart as never, { provider_id: ATH_PROVIDER_ID, data: { cart_id: cart.id } })
        .catch((e) => e)
      expect(benTries.status).toBe(400)
      expect(benTries.message).toMatch(/^Enter the phone number of your ATH Móvil account/)
      expect(benTries.message).not.toMatch(/0101/)
      expect(sandbox().listTickets().length).toBe(tickets)
    })

    it("a guest cart without any phone still gets the clear 400; bad input is a 400 naming cart_id", async () => {
      const guest = storefront(store)
      const cart = await cartReadyToPay(guest, store)
      const refused = await guest.store.payment
        .initiatePaymentSession(cart as never, { provider_id: ATH_PROVIDER_ID, data: { cart_id: cart.id } })
        .catch((e) => e)
      expect(refused.status).toBe(400)
      expect(refused.message).toMatch(/^Enter the phone number of your ATH Móvil account \(10 digits/)
      expect((await phoneRoute(cart.id)).data).toEqual({ phone_masked: null, source: null })

      const missing = await api.get("/store/athmovil/phone", {
        headers: { "x-publishable-api-key": store.publishableKey },
        validateStatus: () => true,
      })
      expect(missing.status).toBe(400)
      expect(missing.data.message).toMatch(/cart_id/)
      expect((await phoneRoute("cart_doesnotexist")).status).toBe(404)
    })
  },
})
