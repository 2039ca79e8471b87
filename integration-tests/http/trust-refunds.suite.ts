/**
 * Issue 12 §1 and §2: what a shopper wrote into session data never moves money, and refunds of
 * one payment are serialised so ATH's refunded total and Medusa's stay equal whatever runs at once.
 */
import { storeSuite } from "../helpers/suite-group"
import { Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { useSandbox } from "../helpers/sandbox"
import { paidOrder } from "../helpers/checkout"
import { assertPaymentInvariants, money } from "../helpers/invariants"
import { ATH_PROVIDER_ID, SHOPPER_PHONE, cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"

jest.setTimeout(180_000)

const sandbox = useSandbox()

const PLANTED = {
  refunds: [{ amount: "1000.00", source: "medusa", reference_number: null, date: null, daily_transaction_id: null }],
  refunded_total: "1000.00",
  reference_number: "FAKE-REFERENCE",
  customer_name: "Mallory Planted",
  customer_email: "mallory@example.com",
  athm_status: "COMPLETED",
}

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    beforeEach(() => sandbox().reset())

    const paymentModule = () => getContainer().resolve<IPaymentModuleService>(Modules.PAYMENT)
    const paymentOf = async (orderId: string) => {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=payment_status,*payment_collections.payments,*payment_collections.payments.refunds`,
        store.adminHeaders
      )
      return data.order.payment_collections[0].payments[0]
    }
    const refund = (paymentId: string, amount: number, note?: string) =>
      api.post(`/admin/payments/${paymentId}/refund`, { amount, note }, store.adminHeaders).catch((e) => e.response)
    const medusaRefunded = async (paymentId: string) => {
      const payment = await paymentModule().retrievePayment(paymentId, { select: ["id"], relations: ["refunds"] })
      return money((payment.refunds ?? []).reduce((s, r) => s + Number(r.amount), 0))
    }

    describe("§1 session data written by the shopper", () => {
      it("refuses a storefront's bookkeeping keys at the store route, naming them, and leaves the open ticket untouched", async () => {
        const sdk = storefront(store)
        const cart = await cartReadyToPay(sdk, store)
        const { session: first } = await startAthPayment(sdk, cart)
        const firstTicket = (first.data as { ecommerce_id: string }).ecommerce_id

        const { data: collection } = await api.post("/store/payment-collections", { cart_id: cart.id }, { headers: { "x-publishable-api-key": store.publishableKey } })
        const res = await api
          .post(
            `/store/payment-collections/${collection.payment_collection.id}/payment-sessions`,
            { provider_id: ATH_PROVIDER_ID, data: { phone_number: SHOPPER_PHONE, cart_id: cart.id, ...PLANTED } },
            { headers: { "x-publishable-api-key": store.publishableKey } }
          )
          .catch((e) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/data\.refunds/)
        expect(res.data.message).toMatch(/data\.customer_name/)
        expect(res.data.message).toMatch(/phone_number/)

        // Nothing was created or cancelled: the shopper's first ticket still waits, its session still exists.
        expect(sandbox().listTickets()).toHaveLength(1)
        expect(sandbox().getTicket(firstTicket)!.status).toBe("OPEN")
        const sessions = await paymentModule().listPaymentSessions({ payment_collection_id: collection.payment_collection.id })
        expect(sessions.map((s) => s.id)).toEqual([first.id])
      })

      it("drops unknown keys on any other path into the provider and never refunds twice for planted refunds", async () => {
        const sdk = storefront(store)
        const cart = await cartReadyToPay(sdk, store)
        const { data: created } = await api.post("/store/payment-collections", { cart_id: cart.id }, { headers: { "x-publishable-api-key": store.publishableKey } })
        const collection = created.payment_collection

        // A store's own workflow creates the session with whatever the storefront sent.
        const session = await paymentModule().createPaymentSession(collection.id, {
          provider_id: ATH_PROVIDER_ID,
          amount: collection.amount,
          currency_code: collection.currency_code,
          data: { phone_number: SHOPPER_PHONE, ...PLANTED },
        })
        const stored = (await paymentModule().listPaymentSessions({ id: session.id }, { select: ["id", "data"] }))[0]
        for (const data of [JSON.parse(JSON.stringify(session.data)), stored.data]) {
          for (const key of Object.keys(PLANTED).filter((k) => k !== "athm_status")) expect(data).not.toHaveProperty(key)
          // The provider's own status, from ATH's answer, not the planted one.
          expect(data.athm_status).toBe("OPEN")
        }

        const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
        sandbox().approve({ ecommerceId })
        const done = await sdk.store.cart.complete(cart.id)
        expect(done.type).toBe("order")
        const orderId = (done as { order: { id: string } }).order.id
        const payment = await paymentOf(orderId)
        expect(payment.data.refunded_total).toBe("0.00")
        expect(payment.data.reference_number).toBe(sandbox().getTicket(ecommerceId)!.referenceNumber)
        expect(payment.data.refunds ?? []).toEqual([])
        expect(JSON.stringify(payment.data)).not.toContain("Mallory")

        // The admin view shows ATH's customer, never the planted one.
        const view = await api.get(`/admin/athmovil/payments/${payment.id}`, store.adminHeaders)
        expect(JSON.stringify(view.data)).not.toContain("Mallory")

        // A refund made in the ATH Business app, then recorded from the admin: no second ATH refund.
        const reference = sandbox().getTicket(ecommerceId)!.referenceNumber!
        sandbox().refundOutsideApi({ referenceNumber: reference, amount: "10.00" })
        const fix = await api
          .post("/admin/athmovil/reconciliation/fix", { kind: "create_refund", payment_id: payment.id }, store.adminHeaders)
          .catch((e) => e.response)
        expect(fix.status).toBe(200)
        expect(sandbox().callCount("refund")).toBe(0)
        expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("10.00")
        expect(await medusaRefunded(payment.id)).toBe("10.00")
        await assertPaymentInvariants(getContainer(), sandbox())
      })
    })

    describe("§2 refunds of one payment at once", () => {
      for (const n of [2, 5]) {
        it(`${n} concurrent admin refunds of 10.00: each paid once at ATH and recorded once`, async () => {
          const { order, ecommerceId } = await paidOrder(store, sandbox(), 3) // 3 × 20 + shipping ≥ 50
          const payment = await paymentOf(order.id)
          const answers = await Promise.all(Array.from({ length: n }, () => refund(payment.id, 10)))
          const ok = answers.filter((a) => a.status === 200).length
          const ticket = sandbox().getTicket(ecommerceId)!
          expect(ticket.totalRefundedAmount).toBe(money(ok * 10))
          expect(await medusaRefunded(payment.id)).toBe(ticket.totalRefundedAmount)
          expect(ok).toBe(n)
          const data = (await paymentOf(order.id)).data as { refunds: Array<{ reference_number: string }>; refunded_total: string }
          expect(data.refunds.map((r) => r.reference_number).sort()).toEqual(ticket.refunds.map((r) => r.referenceNumber).sort())
          await assertPaymentInvariants(getContainer(), sandbox())
        })
      }

      it("an admin refund while an ATH Business app refund is being recorded: ATH total = Medusa total", async () => {
        const { order, ecommerceId } = await paidOrder(store, sandbox(), 3)
        const payment = await paymentOf(order.id)
        const reference = sandbox().getTicket(ecommerceId)!.referenceNumber!
        sandbox().refundOutsideApi({ referenceNumber: reference, amount: "7.00" })
        const [admin, fix] = await Promise.all([
          refund(payment.id, 10),
          api.post("/admin/athmovil/reconciliation/fix", { kind: "create_refund", payment_id: payment.id }, store.adminHeaders).catch((e) => e.response),
        ])
        expect(fix.status).toBe(200)
        // The admin's new refund is paid at ATH only if the ATH-app refund was already recorded;
        // either way no money moves twice and the books agree.
        const ticket = sandbox().getTicket(ecommerceId)!
        expect(sandbox().callCount("refund")).toBe(admin.status === 200 ? 1 : 0)
        expect(ticket.totalRefundedAmount).toBe(admin.status === 200 ? "17.00" : "7.00")
        expect(await medusaRefunded(payment.id)).toBe(ticket.totalRefundedAmount)
        await assertPaymentInvariants(getContainer(), sandbox())
      })

      it("never records an admin's new refund without paying it, even when ATH holds an unrecorded refund", async () => {
        const { order, ecommerceId } = await paidOrder(store, sandbox())
        const payment = await paymentOf(order.id)
        const reference = sandbox().getTicket(ecommerceId)!.referenceNumber!
        sandbox().refundOutsideApi({ referenceNumber: reference, amount: "7.00" })

        const refused = await refund(payment.id, 7)
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/7\.00/)
        expect(refused.data.message).toMatch(/Reconciliation/)
        expect(await medusaRefunded(payment.id)).toBe("0.00")

        const fix = await api.post("/admin/athmovil/reconciliation/fix", { kind: "create_refund", payment_id: payment.id }, store.adminHeaders)
        expect(fix.data.fix.outcome).toBe("applied")
        expect((await refund(payment.id, 3)).status).toBe(200)
        expect(sandbox().callCount("refund")).toBe(1)
        expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("10.00")
        expect(await medusaRefunded(payment.id)).toBe("10.00")
        await assertPaymentInvariants(getContainer(), sandbox())
      })
    })
  },
})
