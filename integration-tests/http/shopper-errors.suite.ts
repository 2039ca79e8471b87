import { storeSuite } from "../helpers/suite-group"
import { publishAthMovilEvents } from "../../src/workflows/events/publish"
import { useSandbox } from "../helpers/sandbox"
import { ATH_PROVIDER_ID, SHOPPER_PHONE, cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { waitFor } from "../helpers/webhooks"

jest.setTimeout(180_000)

const sandbox = useSandbox()

/**
 * What a shopper (and a storefront branching on `code`) reads when something fails, in English or
 * Spanish, addressed to whoever can act; and the one HTTP mapping of ATH failures, admin included.
 */
storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const storeHeaders = (extra: Record<string, string> = {}) => ({
      headers: { "x-publishable-api-key": store.publishableKey, ...extra },
      validateStatus: () => true,
    })
    /** Medusa's own session route, as a storefront calls it (the js-sdk hides `code`; this reads the whole answer). */
    const createSession = async (cart: { id: string }, data: Record<string, unknown>, headers: Record<string, string> = {}, query = "") => {
      const { data: collection } = await api.post("/store/payment-collections", { cart_id: cart.id }, storeHeaders())
      return api.post(
        `/store/payment-collections/${collection.payment_collection.id}/payment-sessions${query}`,
        { provider_id: ATH_PROVIDER_ID, data },
        storeHeaders(headers)
      )
    }
    const notices = async () => {
      const { data } = await api.get(`/admin/notifications?channel=feed&limit=100&fields=id,data`, store.adminHeaders)
      return (data.notifications as Array<{ data: { title: string; description: string } }>).map((n) => n.data)
    }

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    it("answers session-creation errors in the shopper's language (Accept-Language or locale), with a stable code, and opens no ticket", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)

      const byHeader = await createSession(cart, { phone_number: "123" }, { "Accept-Language": "es-PR,es;q=0.9,en;q=0.8" })
      expect(byHeader.status).toBe(400)
      expect(byHeader.data).toMatchObject({
        code: "phone_invalid",
        message: "Escribe los 10 dígitos del teléfono de tu cuenta ATH Móvil, p. ej. 787-555-1234.",
      })
      expect(byHeader.headers["content-language"]).toBe("es")

      const byLocale = await createSession(cart, { phone_number: "123" }, { "Accept-Language": "en-US" }, "?locale=es")
      expect(byLocale.data).toMatchObject({ code: "phone_invalid", message: expect.stringMatching(/^Escribe los 10 dígitos/) })

      const english = await createSession(cart, {}, { "Accept-Language": "fr-FR" })
      expect(english.status).toBe(400)
      expect(english.data).toMatchObject({ code: "phone_missing", message: expect.stringMatching(/^Enter the phone number of your ATH Móvil account/) })

      // A value of the message (the cart's currency) survives the translation.
      const eurCart = await cartReadyToPay(sdk, store, { regionId: store.eurRegionId, country: "es" })
      const eur = await createSession(eurCart, { phone_number: SHOPPER_PHONE }, { "Accept-Language": "es" })
      expect(eur.status).toBe(400)
      expect(eur.data).toMatchObject({
        code: "currency_not_usd",
        message: "ATH Móvil solo acepta pagos en dólares estadounidenses; este carrito está en EUR.",
      })
      expect(sandbox().callCount("payment")).toBe(0)
    })

    it("words the waiting screen, the cancel route and a missing session in Spanish, and an ATH outage as 'try again' with 503 + Retry-After", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const path = `/store/athmovil/payment-sessions/${session.id}`

      sandbox().setFault("findPayment", { status: 503 })
      const down = await api.get(`${path}?cart_id=${cart.id}&locale=es`, storeHeaders())
      expect(down.status).toBe(503)
      expect(down.headers["retry-after"]).toBe("2")
      expect(down.data).toMatchObject({ code: "try_again_shortly", message: "ATH Móvil no responde en este momento. Inténtalo de nuevo en un momento." })
      sandbox().clearFaults()

      const waiting = await api.get(`${path}?cart_id=${cart.id}`, storeHeaders({ "Accept-Language": "es-419" }))
      expect(waiting.status).toBe(200)
      expect(waiting.data.payment_session).toMatchObject({
        status: "pending",
        code: "status_pending",
        message: "Esperando la aprobación en la aplicación ATH Móvil.",
      })

      const elsewhere = await api.get(`${path}?cart_id=cart_not_this_one`, storeHeaders({ "Accept-Language": "es" }))
      expect(elsewhere.status).toBe(404)
      expect(elsewhere.data).toMatchObject({ code: "session_not_found", message: `No hay un pago de ATH Móvil ${session.id} en este carrito. Inicia un pago nuevo.` })

      // Medusa's own cart completion meets the same outage: the same answer.
      sandbox().setFault("findPayment", { status: 503 })
      const completing = await api.post(`/store/carts/${cart.id}/complete`, {}, storeHeaders({ "Accept-Language": "es-PR" }))
      expect(completing.status).toBe(503)
      expect(completing.headers["retry-after"]).toBe("2")
      expect(completing.data).toMatchObject({ code: "try_again_shortly", message: expect.stringMatching(/^ATH Móvil no responde/) })
      sandbox().clearFaults()

      const cancelled = await api.post(`${path}/cancel`, { cart_id: cart.id, locale: "es" }, storeHeaders())
      expect(cancelled.status).toBe(200)
      expect(cancelled.data.payment_session).toMatchObject({ status: "canceled", code: "payment_cancelled_by_shopper", message: "El pago de ATH Móvil fue cancelado." })
    })

    it("never blames the shopper for the store's refused tokens: 'not available at this store', no ticket, and the admin is told", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      sandbox().setFault("payment", { softError: { errorcode: "BTRA_0401", message: "Invalid authorization token" } })

      const refused = await createSession(cart, { phone_number: SHOPPER_PHONE }, { "Accept-Language": "es-PR" })
      expect(refused.status).toBe(502)
      expect(refused.data).toMatchObject({
        code: "unavailable_at_store",
        message: "ATH Móvil no está disponible en esta tienda en este momento; elige otro método de pago.",
      })
      const english = await createSession(cart, { phone_number: SHOPPER_PHONE })
      expect(english.data.message).toBe("ATH Móvil is not available at this store right now; choose another payment method.")
      const said = JSON.stringify([refused.data, english.data])
      expect(said).not.toMatch(/publicToken|privateToken|credentials|BTRA_0401/)
      expect(said).not.toContain(sandbox().tokens.publicToken)
      expect(sandbox().listTickets()).toHaveLength(0)

      const [notice] = await waitFor("the admin notice", async () => {
        await publishAthMovilEvents(getContainer())
        return (await notices()).filter((n) => /refused this store's tokens/.test(n.title))
      }, (list) => list.length > 0)
      expect(notice.description).toContain("BTRA_0401")

      // ATH down at the same step: nobody can act now, so "try again", not the store's fault nor the shopper's.
      sandbox().setFault("payment", { status: 503 })
      const down = await createSession(cart, { phone_number: SHOPPER_PHONE })
      expect(down.status).toBe(503)
      expect(down.headers["retry-after"]).toBe("2")
      expect(down.data).toMatchObject({ code: "try_again_shortly", message: "ATH Móvil is not responding right now. Try again in a moment." })
    })

    it("maps ATH failures of admin routes the same way: the webhook subscription with ATH down is a 503, not a 500", async () => {
      sandbox().setFault("subscribe", { status: 503 })
      const down = await api.post("/admin/athmovil/webhooks/subscribe", {}, { ...store.adminHeaders, validateStatus: () => true })
      expect(down.status).toBe(503)
      expect(down.headers["retry-after"]).toBe("2")
      expect(down.data).toMatchObject({ code: "ath_unreachable", message: expect.stringMatching(/^ATH Móvil is not reachable right now .*subscribe the webhooks/) })

      sandbox().setFault("subscribe", { softError: { errorcode: "BTRA_0017", message: "Invalid authorization token" } })
      const refused = await api.post("/admin/athmovil/webhooks/subscribe", {}, { ...store.adminHeaders, validateStatus: () => true })
      expect(refused.status).toBe(502)
      expect(refused.data).toMatchObject({ code: "credentials_refused", message: expect.stringMatching(/publicToken\/privateToken \(BTRA_0017\)/) })
      expect(JSON.stringify(refused.data)).not.toContain(sandbox().tokens.privateToken)
    })
  },
})
