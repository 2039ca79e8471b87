import { medusaRunner } from "../helpers/medusa-runner"
import { Modules } from "@medusajs/framework/utils"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import type AthMovilModuleService from "../../src/modules/athmovil/service"
import { currentPuertoRicoDay } from "../../src/workflows/reconcile-report/range"
import { recoverAthMovilSessions } from "../../src/workflows/recover-sessions"
import { paidOrder } from "../helpers/checkout"
import { ACCOUNT_B_PROVIDER_ID, WEBHOOK_SECRET, WEBHOOK_SECRET_B, useSandbox, useSecondAccountSandbox } from "../helpers/sandbox"
import { ATH_PROVIDER_ID, SHOPPER_PHONE, cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { authorizeAtAthOnly, waitFor } from "../helpers/webhooks"

jest.setTimeout(240_000)

// Two ATH Business accounts in one store: A (`pp_athmovil_athmovil`) and B (`pp_athmovil_athmovil-b`).
const sandboxA = useSandbox()
const sandboxB = useSecondAccountSandbox()

medusaRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const athmovil = () => getContainer().resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    const admin = (method: "get" | "post", url: string, body?: unknown) =>
      (method === "get" ? api.get(url, store.adminHeaders) : api.post(url, body ?? {}, store.adminHeaders)).catch((e) => e.response)
    const deliver = (secret: string, body: unknown) => api.post(`/hooks/athmovil/${secret}`, body).catch((e) => e.response)
    const ordersOfCart = async (cartId: string) =>
      (await getContainer().resolve("query").graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })).data
    const ledgerRow = async (ecommerceId: string) => (await athmovil().listAthTransactions({ ecommerce_id: ecommerceId }))[0] as any
    const paymentOf = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, store.adminHeaders)).data.order.payment_collections[0].payments[0]

    async function reconcile(providerId: string) {
      // ATH's report covers up to the previous second: let what the test just did fall inside it.
      await new Promise((r) => setTimeout(r, 2100))
      const day = currentPuertoRicoDay()
      const started = await admin("post", "/admin/athmovil/reconciliation", { from: day, to: day, provider_id: providerId })
      expect([started.status, started.data.message]).toEqual([202, undefined])
      const id = started.data.reconciliation.id
      const run = await waitFor(
        "the reconciliation to finish",
        async () => (await admin("get", `/admin/athmovil/reconciliation/${id}`)).data.reconciliation,
        (r) => r.status !== "running",
        60_000
      )
      expect(run).toMatchObject({ status: "done", result: { provider_id: providerId } })
      return run.result
    }

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
      await api.post(`/admin/regions/${store.regionId}`, { payment_providers: [ATH_PROVIDER_ID, ACCOUNT_B_PROVIDER_ID] }, store.adminHeaders)
    })

    beforeEach(() => {
      sandboxA().reset()
      sandboxB().reset()
    })

    it("opens each checkout at its own account only and records the account in the ledger", async () => {
      const a = await paidOrder(store, sandboxA())
      expect(sandboxA().getTicket(a.ecommerceId)).toBeDefined()
      expect(sandboxB().callCount()).toBe(0)

      const b = await paidOrder(store, sandboxB(), 1, ACCOUNT_B_PROVIDER_ID)
      expect(sandboxB().getTicket(b.ecommerceId)).toMatchObject({ status: "COMPLETED" })
      expect(sandboxA().getTicket(b.ecommerceId)).toBeUndefined()

      expect(await ledgerRow(a.ecommerceId)).toMatchObject({ provider_id: ATH_PROVIDER_ID, status: "COMPLETED" })
      expect(await ledgerRow(b.ecommerceId)).toMatchObject({ provider_id: ACCOUNT_B_PROVIDER_ID, status: "COMPLETED" })

      // The admin's ledger, per account: the default is the first account; an unknown one is refused.
      const listed = async (query: string) =>
        (await admin("get", `/admin/athmovil/transactions${query}`)).data.transactions.map((t: { ecommerce_id: string }) => t.ecommerce_id)
      expect(await listed("")).toEqual([a.ecommerceId])
      expect(await listed(`?provider_id=${ACCOUNT_B_PROVIDER_ID}`)).toEqual([b.ecommerceId])
      const totalsB = await admin("get", `/admin/athmovil/transactions/totals?provider_id=${ACCOUNT_B_PROVIDER_ID}`)
      expect(totalsB.data.totals).toMatchObject({ count: 1, gross: "25.00" })
      const unknown = await admin("get", "/admin/athmovil/transactions?provider_id=pp_athmovil_nope")
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toMatch(/provider_id/)
      const settingsB = (await admin("get", `/admin/athmovil/settings?token_check=false&provider_id=${ACCOUNT_B_PROVIDER_ID}`)).data
      expect(settingsB.accounts).toEqual([{ provider_id: ATH_PROVIDER_ID }, { provider_id: ACCOUNT_B_PROVIDER_ID }])
      expect(settingsB.settings.provider_id).toBe(ACCOUNT_B_PROVIDER_ID)
      expect(JSON.stringify(settingsB)).not.toContain(WEBHOOK_SECRET_B)

      // A refund of A's payment goes to A's /refund only.
      const paymentA = await paymentOf(a.order.id)
      const refund = await admin("post", `/admin/payments/${paymentA.id}/refund`, { amount: 5 })
      expect(refund.status).toBe(200)
      expect([sandboxA().callCount("refund"), sandboxB().callCount("refund")]).toEqual([1, 0])
      expect(sandboxA().getTicket(a.ecommerceId)!.totalRefundedAmount).toBe("5.00")
      const refundsListed = async (query: string) => (await admin("get", `/admin/athmovil/refunds${query}`)).data.refunds.length
      await waitFor("A's refund in the books", () => refundsListed(""), (n) => n === 1)
      expect(await refundsListed(`?provider_id=${ACCOUNT_B_PROVIDER_ID}`)).toBe(0)
    })

    it("applies B's webhook on B's listener and B's Medusa hook only: on A's it asks nobody and changes nothing", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart, SHOPPER_PHONE, ACCOUNT_B_PROVIDER_ID)
      const completed = await authorizeAtAthOnly(sandboxB(), session)
      const reads = () => [sandboxA().callCount("findPayment"), sandboxB().callCount("findPayment")]
      const before = reads()

      const wrong = await deliver(WEBHOOK_SECRET, completed)
      expect(wrong.status).toBe(200)
      const onA = await waitFor("A's event", () => athmovil().retrieveAthWebhookEvent(wrong.data.id), (e) => e.outcome !== "pending")
      expect(onA).toMatchObject({ outcome: "unmatched", provider_id: ATH_PROVIDER_ID })
      expect(reads()).toEqual(before)
      expect(await ordersOfCart(cart.id)).toHaveLength(0)

      // Medusa's own hook route names the account in its path and needs no secret: A's route does not
      // match B's session and asks nobody; B's own confirms it with B's ATH.
      const medusaHook = (provider: string) =>
        getContainer()
          .resolve(Modules.PAYMENT)
          .getWebhookActionAndData({ provider, payload: { data: completed, rawData: JSON.stringify(completed), headers: {} } })
      expect(await medusaHook("athmovil_athmovil")).toMatchObject({ action: "not_supported" })
      expect((await api.post("/hooks/payment/athmovil_athmovil", completed)).status).toBe(200)
      expect(reads()).toEqual(before)
      expect(await medusaHook("athmovil_athmovil-b")).toMatchObject({ action: "captured", data: { session_id: session.id } })
      expect(reads()).toEqual([before[0], before[1] + 1])

      const right = await deliver(WEBHOOK_SECRET_B, completed)
      expect(right.status).toBe(200)
      const onB = await waitFor("B's event", () => athmovil().retrieveAthWebhookEvent(right.data.id), (e) => e.outcome !== "pending")
      expect(onB).toMatchObject({ outcome: "applied", provider_id: ACCOUNT_B_PROVIDER_ID, payment_session_id: session.id })
      await waitFor("B's order", () => ordersOfCart(cart.id), (o) => o.length === 1)
      expect(sandboxA().callCount("findPayment")).toBe(before[0])

      // Each account's inbox in the admin.
      const inbox = async (query: string) =>
        (await admin("get", `/admin/athmovil/webhook-events${query}`)).data.webhook_events.map((e: { id: string }) => e.id)
      expect(await inbox(`?provider_id=${ACCOUNT_B_PROVIDER_ID}`)).toEqual([right.data.id])
      expect(await inbox("")).toEqual([wrong.data.id])

      // A B shopper who paid and closed the tab: the sweep reads the session with B's client only.
      const closedCart = await cartReadyToPay(sdk, store)
      const closed = (await startAthPayment(sdk, closedCart, SHOPPER_PHONE, ACCOUNT_B_PROVIDER_ID)).session
      await authorizeAtAthOnly(sandboxB(), closed)
      const readsAtA = sandboxA().callCount("findPayment")
      await recoverAthMovilSessions(getContainer(), { graceSeconds: 0 })
      await waitFor("the swept order", () => ordersOfCart(closedCart.id), (o) => o.length === 1)
      expect(sandboxA().callCount("findPayment")).toBe(readsAtA)
    })

    it("reconciles each account with its own report, ledger rows and Medusa payments", async () => {
      const a = await paidOrder(store, sandboxA())
      const b = await paidOrder(store, sandboxB(), 1, ACCOUNT_B_PROVIDER_ID)
      const paymentB = await paymentOf(b.order.id)
      const referenceB = sandboxB().getTicket(b.ecommerceId)!.referenceNumber!
      sandboxB().refundOutsideApi({ referenceNumber: referenceB, amount: "3.00" })

      const runA = await reconcile(ATH_PROVIDER_ID)
      expect(runA.differences).toEqual([])
      expect(runA.checked_payments).toBe(1)
      expect(sandboxB().callCount("report")).toBe(0)

      const runB = await reconcile(ACCOUNT_B_PROVIDER_ID)
      expect(runB.differences).toEqual([
        expect.objectContaining({ kind: "refund_missing_in_medusa", payment_id: paymentB.id, ath_amount: "3.00", medusa_amount: "0.00" }),
      ])
      expect(runB.checked_payments).toBe(1)
      expect(sandboxA().getTicket(a.ecommerceId)!.totalRefundedAmount).toBe("0.00")
    })
  },
})
