import { storeSuite } from "../helpers/suite-group"
import { Modules } from "@medusajs/framework/utils"
import { useSandbox } from "../helpers/sandbox"
import { paidOrder } from "../helpers/checkout"
import { cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"

jest.setTimeout(120_000)

const sandbox = useSandbox()

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    const paymentOf = async (orderId: string) => {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=payment_status,*payment_collections.payments,*payment_collections.payments.refunds`,
        store.adminHeaders
      )
      return { order: data.order, payment: data.order.payment_collections[0].payments[0] }
    }
    const refund = (paymentId: string, amount: number, note?: string) =>
      api.post(`/admin/payments/${paymentId}/refund`, { amount, note }, store.adminHeaders).catch((e) => e.response)

    it("refunds in parts from the admin, refuses an over-refund, and keeps Medusa's total equal to ATH's", async () => {
      const { order, ecommerceId } = await paidOrder(store, sandbox(), 2) // 45.00
      const { payment } = await paymentOf(order.id)

      expect((await refund(payment.id, 10, "Cliente devolvió una bolsa de café")).status).toBe(200)
      let ticket = sandbox().getTicket(ecommerceId)!
      expect(ticket.totalRefundedAmount).toBe("10.00")
      expect(ticket.refunds[0]).toMatchObject({ amount: "10.00", message: "Cliente devolvió una bolsa de café" })
      expect((await paymentOf(order.id)).order.payment_status).toBe("partially_refunded")

      expect((await refund(payment.id, 15.5)).status).toBe(200)
      const over = await refund(payment.id, 20)
      expect(over.status).toBe(400)
      expect(over.data.message).toMatch(/refund more than/)
      ticket = sandbox().getTicket(ecommerceId)!
      expect(ticket.totalRefundedAmount).toBe("25.50")
      expect(ticket.refunds).toHaveLength(2)

      expect((await refund(payment.id, 19.5)).status).toBe(200)
      const after = await paymentOf(order.id)
      expect(after.order.payment_status).toBe("refunded")
      const medusaRefunded = after.payment.refunds.reduce((sum: number, r: { amount: number }) => sum + Number(r.amount), 0)
      expect(medusaRefunded).toBe(45)
      expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("45.00")

      const stored = await getContainer().resolve(Modules.PAYMENT).retrievePayment(payment.id, { select: ["id", "data"] })
      const data = stored.data as { refunds: Array<{ reference_number: string; amount: string; source: string }>; refunded_total: string }
      expect(data.refunded_total).toBe("45.00")
      expect(data.refunds.map((r) => r.amount)).toEqual(["10.00", "15.50", "19.50"])
      expect(data.refunds.map((r) => r.reference_number)).toEqual(sandbox().getTicket(ecommerceId)!.refunds.map((r) => r.referenceNumber))
    })

    it("debits once when /authorization commits but its response is lost: one COMPLETED ticket, one order", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
      sandbox().approve({ ecommerceId })
      sandbox().setFault("authorization", { commitThenDrop: true, times: 1 })

      const done = await sdk.store.cart.complete(cart.id)
      expect(done.type).toBe("order")
      const ticket = sandbox().getTicket(ecommerceId)!
      expect(ticket.status).toBe("COMPLETED")
      expect(ticket.authorizationCount).toBe(1)
      expect(sandbox().callCount("authorization")).toBe(1)
      const { data } = await getContainer()
        .resolve("query")
        .graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
      expect(data).toHaveLength(1)
    })

    it("refunds once when /refund commits but its response is lost, and reports a refund ATH never made", async () => {
      const { order, ecommerceId } = await paidOrder(store, sandbox())
      const { payment } = await paymentOf(order.id)

      sandbox().setFault("refund", { commitThenDrop: true, times: 1 })
      expect((await refund(payment.id, 10)).status).toBe(200)
      expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("10.00")
      expect(sandbox().getTicket(ecommerceId)!.refunds).toHaveLength(1)
      expect(sandbox().callCount("refund")).toBe(1)

      // A refund that really failed is reported, and Medusa keeps no refund row for it.
      sandbox().setFault("refund", { status: 503, times: 1 })
      const failed = await refund(payment.id, 5)
      expect(failed.status).toBeGreaterThanOrEqual(400)
      expect(failed.data.message).toMatch(/shows no new refund/)
      expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("10.00")
      expect((await paymentOf(order.id)).payment.refunds).toHaveLength(1)

      expect((await refund(payment.id, 5)).status).toBe(200)
      expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("15.00")
    })

    it("shows ATH's own refusal of a refund (an HTTP 200 error body) and keeps no Medusa refund", async () => {
      const { order, ecommerceId } = await paidOrder(store, sandbox())
      const { payment } = await paymentOf(order.id)
      sandbox().setFault("refund", { softError: { errorcode: "BTRA_0030", message: "The refund failed with a status error" }, times: 1 })
      const refused = await refund(payment.id, 5)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/BTRA_0030/)
      expect((await paymentOf(order.id)).payment.refunds).toHaveLength(0)
      expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("0.00")
      expect(sandbox().callCount("findPayment")).toBeLessThan(6)
    })

    it("never pays twice for a refund made in the ATH Business app: the admin's refund waits until it is recorded", async () => {
      const { order, ecommerceId } = await paidOrder(store, sandbox())
      const { payment } = await paymentOf(order.id)
      const reference = sandbox().getTicket(ecommerceId)!.referenceNumber!
      sandbox().refundOutsideApi({ referenceNumber: reference, amount: "7.00" })

      const refused = await refund(payment.id, 7)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/already shows 7\.00 USD refunded/)
      expect(sandbox().callCount("refund")).toBe(0)
      expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("7.00")
      expect((await paymentOf(order.id)).payment.refunds).toHaveLength(0)
    })
  },
})
