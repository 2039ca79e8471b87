import { storeSuite } from "../helpers/suite-group"
import { Modules } from "@medusajs/framework/utils"
import { useSandbox } from "../helpers/sandbox"
import { SHOPPER_PHONE, cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { recoverAthMovilSessions } from "../../src/workflows/recover-sessions"

jest.setTimeout(120_000)

const sandbox = useSandbox({ clock: "manual" })

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    const ordersOfCart = async (cartId: string) =>
      (await getContainer().resolve("query").graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } }))
        .data
    const sweep = () => recoverAthMovilSessions(getContainer(), { graceSeconds: 0 })

    it("creates the order of a shopper who approved and closed the tab, exactly once", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id

      expect((await sweep()).order_created).toBe(0)
      expect(await ordersOfCart(cart.id)).toHaveLength(0)

      sandbox().approve({ phoneNumber: SHOPPER_PHONE })
      const first = await sweep()
      expect(first.order_created).toBe(1)
      expect(sandbox().getTicket(ecommerceId)).toMatchObject({ status: "COMPLETED", authorizationCount: 1 })
      const orders = await ordersOfCart(cart.id)
      expect(orders).toHaveLength(1)

      const again = await sweep()
      expect(again.order_created).toBe(0)
      expect(await ordersOfCart(cart.id)).toHaveLength(1)
      const { data } = await api.get(`/admin/orders/${orders[0].order_id}?fields=payment_status`, store.adminHeaders)
      expect(data.order.payment_status).toBe("captured")
    })

    it("gives one order when two instances sweep the same approved sessions at once", async () => {
      const sdk = storefront(store)
      const carts = []
      for (let i = 0; i < 3; i++) {
        const cart = await cartReadyToPay(sdk, store)
        const { session } = await startAthPayment(sdk, cart)
        sandbox().approve({ ecommerceId: (session.data as { ecommerce_id: string }).ecommerce_id })
        carts.push(cart.id)
      }
      const results = await Promise.all([sweep(), sweep()])
      expect(results[0].order_created + results[1].order_created).toBe(3)
      for (const cartId of carts) expect(await ordersOfCart(cartId)).toHaveLength(1)
      for (const ticket of sandbox().listTickets()) expect(ticket.authorizationCount).toBe(1)
    })

    it("orders several shoppers who closed the tab side by side in one run, each once", async () => {
      const sdk = storefront(store)
      const carts: string[] = []
      for (let i = 0; i < 4; i++) {
        const cart = await cartReadyToPay(sdk, store)
        const { session } = await startAthPayment(sdk, cart)
        sandbox().approve({ ecommerceId: (session.data as { ecommerce_id: string }).ecommerce_id })
        carts.push(cart.id)
      }
      // Each status read stays open a second: reconciled one after the other, no two would ever overlap.
      sandbox().setFault("findPayment", { latencyMs: 1000 })
      const run = await sweep()
      expect(run.order_created).toBe(4)
      expect(sandbox().peakConcurrency("findPayment")).toBeGreaterThanOrEqual(3)
      for (const cartId of carts) expect(await ordersOfCart(cartId)).toHaveLength(1)
      for (const ticket of sandbox().listTickets()) expect(ticket.authorizationCount).toBe(1)
    })

    it("marks expired and rejected sessions canceled so the storefront stops waiting", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      await sandbox().advanceTime(601)
      expect((await sweep()).marked_canceled).toBe(1)
      const [stored] = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ id: session.id })
      expect(stored.status).toBe("canceled")
      expect(await ordersOfCart(cart.id)).toHaveLength(0)
      expect((await sweep()).marked_canceled).toBe(0)
    })
  },
})
