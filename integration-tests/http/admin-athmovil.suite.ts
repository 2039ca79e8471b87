import { storeSuite } from "../helpers/suite-group"
import { Modules } from "@medusajs/framework/utils"
import { AthMovilClient } from "../../src/lib/athmovil"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import type AthMovilModuleService from "../../src/modules/athmovil/service"
import { TokenSealer } from "../../src/providers/athmovil/token-crypto"
import { checkTokens } from "../../src/api/admin/athmovil/settings/token-check"
import { currentPuertoRicoDay } from "../../src/workflows/reconcile-report/range"
import athMovilReportSync from "../../src/jobs/athmovil-report-sync"
import { useSandbox, WEBHOOK_SECRET } from "../helpers/sandbox"
import { paidOrder } from "../helpers/checkout"
import { cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { waitFor } from "../helpers/webhooks"

jest.setTimeout(180_000)

const sandbox = useSandbox()

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const secrets = () => [sandbox().tokens.privateToken, sandbox().tokens.publicToken, WEBHOOK_SECRET]

    /** Every admin answer in this suite goes through here: none may contain a secret. */
    async function call(method: "get" | "post", url: string, body?: unknown) {
      const res = await (method === "get" ? api.get(url, store.adminHeaders) : api.post(url, body ?? {}, store.adminHeaders)).catch(
        (e) => e.response
      )
      const text = JSON.stringify(res.data)
      for (const secret of secrets()) expect(text).not.toContain(secret)
      // Errors are readable messages, never stacks.
      expect(text).not.toMatch(/\n\s+at \S+ \(/)
      return res
    }

    const athmovil = () => getContainer().resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    const paymentOf = async (orderId: string) => {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments,*payment_collections.payments.refunds`, store.adminHeaders)
      return data.order.payment_collections[0].payments[0]
    }

    async function reconcile() {
      // ATH's report works in whole seconds and never reaches into the future, so a run covers up to
      // the previous second: let what the test just did at the sandbox fall inside the range.
      await new Promise((r) => setTimeout(r, 2100))
      const day = currentPuertoRicoDay()
      const started = await call("post", "/admin/athmovil/reconciliation", { from: day, to: day })
      expect(started.status).toBe(202)
      const id = started.data.reconciliation.id
      expect(id).toMatch(/^athrec_/)
      const run = await waitFor(
        "the reconciliation to finish",
        async () => (await call("get", `/admin/athmovil/reconciliation/${id}`)).data.reconciliation,
        (r) => r.status !== "running",
        60_000
      )
      expect(run).toMatchObject({ status: "done", error: null, progress: { done: 4, total: 4 } })
      return run.result
    }

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })

    // The runner restores the database before each test; the sandbox starts over with it.
    beforeEach(() => sandbox().reset())

    it("shows one ATH payment the way the order widget needs it", async () => {
      const { order, ecommerceId } = await paidOrder(store, sandbox())
      const payment = await paymentOf(order.id)
      const ticket = sandbox().getTicket(ecommerceId)!

      const res = await call("get", `/admin/athmovil/payments/${payment.id}`)
      expect(res.status).toBe(200)
      expect(res.data.payment).toMatchObject({
        payment_id: payment.id,
        is_athmovil: true,
        currency_code: "usd",
        order_id: order.id,
        medusa: { amount: "25.00", captured: "25.00", refunded: "0.00", refundable: "25.00" },
        ath: {
          status: "completed",
          ath_status: "COMPLETED",
          ecommerce_id: ecommerceId,
          reference_number: ticket.referenceNumber,
          daily_transaction_id: ticket.dailyTransactionId,
          total: "25.00",
          fee: ticket.fee,
          net_amount: ticket.netAmount,
          refunded_total: "0.00",
          remaining_refundable: "25.00",
        },
        refunds: [],
      })
      expect(res.data.payment.ath.customer_phone).toMatch(/^\(•••\) •••-\d{4}$/)

      expect((await call("get", "/admin/athmovil/payments/pay_doesnotexist")).status).toBe(404)
    })

    it("refreshes a payment from ATH, and reports an ATH outage as a readable 5xx", async () => {
      const { order, ecommerceId } = await paidOrder(store, sandbox())
      const payment = await paymentOf(order.id)
      sandbox().refundOutsideApi({ referenceNumber: sandbox().getTicket(ecommerceId)!.referenceNumber!, amount: "5.00" })

      const refreshed = await call("post", `/admin/athmovil/payments/${payment.id}/refresh`)
      expect(refreshed.status).toBe(200)
      expect(refreshed.data.payment.ath).toMatchObject({ status: "partially_refunded", refunded_total: "5.00", remaining_refundable: "20.00" })
      // The refresh reads ATH; it does not invent Medusa refunds (reconciliation offers that fix).
      expect(refreshed.data.payment.medusa.refunded).toBe("0.00")
      const stored = await getContainer().resolve(Modules.PAYMENT).retrievePayment(payment.id, { select: ["id", "data"] })
      expect(stored.data).toMatchObject({ refunded_total: "5.00", athm_status: "COMPLETED" })

      sandbox().setFault("findPayment", { status: 503 })
      try {
        const failed = await call("post", `/admin/athmovil/payments/${payment.id}/refresh`)
        expect(failed.status).toBeGreaterThanOrEqual(500)
        expect(failed.data.message).toMatch(/ATH Móvil/)
      } finally {
        sandbox().setFault("findPayment", null)
      }
      expect((await call("post", "/admin/athmovil/payments/pay_doesnotexist/refresh")).status).toBe(404)
    })

    it("shows the settings without a single secret, and proves the tokens work", async () => {
      const res = await call("get", "/admin/athmovil/settings")
      expect(res.status).toBe(200)
      expect(res.data.settings).toMatchObject({
        provider_id: "pp_athmovil_athmovil",
        public_token_configured: true,
        private_token_configured: true,
        webhook_secret_configured: true,
        api_base_url: sandbox().apiBaseUrl,
        uses_production: false,
        features: { refunds: true, report: true, webhooks: true },
      })
      expect(res.data.settings.listener_url).toMatch(new RegExp(`/hooks/athmovil/••••${WEBHOOK_SECRET.slice(-4)}$`))
      expect(res.data.token_check).toMatchObject({ public_token: "ok", private_token: "ok", message: null })

      expect((await call("get", "/admin/athmovil/settings?token_check=false")).data.token_check).toBeNull()
      expect((await call("get", "/admin/athmovil/settings?token_check=maybe")).status).toBe(400)

      // Wrong tokens are told apart from a working configuration (the same check, against the sandbox).
      const wrong = new AthMovilClient({
        publicToken: "wrong-public-token",
        privateToken: "wrong-private-token",
        apiBaseUrl: sandbox().apiBaseUrl,
        reportBaseUrl: sandbox().reportBaseUrl,
      })
      const check = await checkTokens(wrong, true)
      expect(check.public_token).toBe("rejected")
      expect(check.message).toMatch(/credentials/)
    })

    it("finds a refund made directly at ATH, fixes it once, and a second run changes nothing", async () => {
      const { order, ecommerceId } = await paidOrder(store, sandbox())
      const payment = await paymentOf(order.id)
      const reference = sandbox().getTicket(ecommerceId)!.referenceNumber!
      const athRefund = sandbox().refundOutsideApi({ referenceNumber: reference, amount: "7.00" })

      const first = await reconcile()
      const mine = (r: { differences: Array<{ payment_id: string | null }> }) => r.differences.filter((d) => d.payment_id === payment.id)
      expect(mine(first)).toEqual([
        expect.objectContaining({
          kind: "refund_missing_in_medusa",
          reference_number: reference,
          ath_amount: "7.00",
          medusa_amount: "0.00",
          order_id: order.id,
          ath_refunds: [expect.objectContaining({ reference_number: athRefund.referenceNumber, amount: "7.00" })],
          fix: { kind: "create_refund", payment_id: payment.id, amount: "7.00" },
        }),
      ])
      expect(first.refunds.recorded).toBeGreaterThanOrEqual(1)

      // Idempotent: the same range again writes nothing and finds the same differences.
      const second = await reconcile()
      expect(second.ledger).toMatchObject({ inserted: 0, updated: 0 })
      expect(second.refunds).toMatchObject({ recorded: 0, confirmed: 0 })
      expect(second.differences.map((d: { id: string }) => d.id).sort()).toEqual(first.differences.map((d: { id: string }) => d.id).sort())

      const fix = await call("post", "/admin/athmovil/reconciliation/fix", { kind: "create_refund", payment_id: payment.id })
      expect(fix.status).toBe(200)
      expect(fix.data.fix).toMatchObject({ kind: "create_refund", outcome: "applied", order_id: order.id })
      expect(fix.data.fix.refund_ids).toHaveLength(1)
      const again = await call("post", "/admin/athmovil/reconciliation/fix", { kind: "create_refund", payment_id: payment.id })
      expect(again.data.fix.outcome).toBe("nothing_to_do")

      const after = await paymentOf(order.id)
      expect(after.refunds).toHaveLength(1)
      expect(after.refunds[0]).toMatchObject({ amount: 7, note: "Refunded in ATH Business" })
      expect(sandbox().callCount("refund")).toBe(0)
      expect(sandbox().getTicket(ecommerceId)!.totalRefundedAmount).toBe("7.00")

      const third = await reconcile()
      expect(mine(third)).toEqual([])
      // The ledger counts the refund once, with ATH's reference.
      const [row] = await athmovil().listAthTransactions({ ecommerce_id: ecommerceId })
      expect(Number(row.refunded_total)).toBe(7)
      const refunds = await athmovil().listAthRefunds({ transaction_id: row.id })
      expect(refunds).toHaveLength(1)
      expect(refunds[0]).toMatchObject({ reference_number: athRefund.referenceNumber, medusa_refund_id: fix.data.fix.refund_ids[0] })

      const view = (await call("get", `/admin/athmovil/payments/${payment.id}`)).data.payment
      expect(view.ath).toMatchObject({ status: "partially_refunded", refunded_total: "7.00" })
      expect(view.refunds).toEqual([expect.objectContaining({ reference_number: athRefund.referenceNumber, amount: "7.00" })])
    })

    it("finds a shopper who paid at ATH without an order, and the fix gives them one order", async () => {
      const sdk = storefront(store)
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const data = session.data as { ecommerce_id: string; auth_token_enc: string }
      sandbox().approve({ ecommerceId: data.ecommerce_id })
      const token = new TokenSealer({ privateToken: sandbox().tokens.privateToken }).open(data.auth_token_enc, { ecommerceId: data.ecommerce_id, sessionId: session.id })!
      await new AthMovilClient({ ...sandbox().tokens, apiBaseUrl: sandbox().apiBaseUrl }).authorizePayment(token)

      const result = await reconcile()
      const reference = sandbox().getTicket(data.ecommerce_id)!.referenceNumber
      const difference = result.differences.find((d: { reference_number: string }) => d.reference_number === reference)
      if (!difference) throw new Error(`no difference for ${reference}: ${JSON.stringify(result, null, 1)}`)
      expect(difference).toMatchObject({
        kind: "paid_without_order",
        payment_session_id: session.id,
        fix: { kind: "recover_session", payment_session_id: session.id },
      })

      const fix = await call("post", "/admin/athmovil/reconciliation/fix", difference.fix)
      expect(fix.data.fix).toMatchObject({ outcome: "applied" })
      expect(fix.data.fix.order_id).toMatch(/^order_/)
      const twice = await call("post", "/admin/athmovil/reconciliation/fix", difference.fix)
      expect(twice.data.fix.outcome).toBe("nothing_to_do")
      const { data: orders } = await getContainer().resolve("query").graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
      expect(orders).toHaveLength(1)
    })

    it("keeps reporting ATH money it cannot place, with no automatic fix", async () => {
      // A payment made at ATH by something other than this store (no session, another phone), then refunded.
      const client = new AthMovilClient({ ...sandbox().tokens, apiBaseUrl: sandbox().apiBaseUrl })
      const { ecommerceId, authToken } = await client.createPayment({ total: "12.00", phoneNumber: "7875559876", metadata1: "pos-sale", metadata2: "" })
      sandbox().approve({ ecommerceId })
      const paid = await client.authorizePayment(authToken)
      const refund = sandbox().refundOutsideApi({ referenceNumber: paid.referenceNumber!, amount: "2.00" })

      const kinds = (r: { differences: Array<{ kind: string; reference_number: string | null; fix: unknown }> }) =>
        r.differences
          .filter((d) => d.reference_number === paid.referenceNumber || d.reference_number === refund.referenceNumber)
          .map((d) => [d.kind, d.reference_number, d.fix])
      const first = await reconcile()
      expect(kinds(first)).toEqual(
        expect.arrayContaining([
          ["paid_without_order", paid.referenceNumber, null],
          ["refund_unmatched", refund.referenceNumber, null],
        ])
      )
      const second = await reconcile()
      expect(kinds(second).sort()).toEqual(kinds(first).sort())
      expect(second.refunds).toMatchObject({ recorded: 0, unmatched: 1 })
    })

    it("adds up the filtered ledger: gross, fees, net and refunded", async () => {
      const paid = [await paidOrder(store, sandbox()), await paidOrder(store, sandbox(), 2)]
      sandbox().refundOutsideApi({ referenceNumber: sandbox().getTicket(paid[1].ecommerceId)!.referenceNumber!, amount: "3.10" })
      const completed = sandbox()
        .listTickets()
        .filter((t) => t.status === "COMPLETED")
      const cents = (values: Array<string | null>) => values.reduce((s, v) => s + Math.round(Number(v ?? 0) * 100), 0)
      const money = (c: number) => (c / 100).toFixed(2)

      await reconcile() // brings every ATH refund into the ledger
      const all = await call("get", "/admin/athmovil/transactions?limit=1")
      expect(all.status).toBe(200)
      expect(all.data.transactions).toHaveLength(1)
      expect((await call("get", "/admin/athmovil/transactions/totals")).data.totals).toEqual({
        currency_code: "usd",
        count: completed.length,
        gross: money(cents(completed.map((t) => t.total))),
        fees: money(cents(completed.map((t) => t.fee))),
        net: money(cents(completed.map((t) => t.netAmount))),
        refunded: money(cents(completed.map((t) => t.totalRefundedAmount))),
      })

      const one = completed[0]
      const filtered = await call("get", `/admin/athmovil/transactions/totals?q=${one.referenceNumber}`)
      expect(filtered.data.totals).toMatchObject({ count: 1, gross: one.total, fees: one.fee })
      expect((await call("get", "/admin/athmovil/transactions/totals?status=CANCEL")).data.totals).toMatchObject({ count: 0, gross: "0.00" })
    })

    it("runs one reconciliation at a time, and the nightly job reconciles yesterday", async () => {
      await paidOrder(store, sandbox())
      await new Promise((r) => setTimeout(r, 2100))
      // A slow ATH report keeps the first run busy long enough to ask for a second one.
      sandbox().setFault("report", { latencyMs: 1500, times: 1 })
      const day = currentPuertoRicoDay()
      const first = await call("post", "/admin/athmovil/reconciliation", { from: day, to: day })
      expect(first.status).toBe(202)
      expect(first.data.reconciliation).toMatchObject({ status: "running", range: { from: day, to: day } })
      const second = await call("post", "/admin/athmovil/reconciliation", { from: day, to: day })
      expect(second.status).toBe(409)
      expect(second.data.reconciliation.id).toBe(first.data.reconciliation.id)
      const done = await waitFor(
        "the first run",
        async () => (await call("get", `/admin/athmovil/reconciliation/${first.data.reconciliation.id}`)).data.reconciliation,
        (r) => r.status !== "running",
        60_000
      )
      expect(done.result.report.payments).toBe(1)

      const logger = getContainer().resolve("logger")
      const info = jest.spyOn(logger, "info")
      await athMovilReportSync(getContainer() as never)
      expect(info.mock.calls.map((c) => String(c[0])).some((m) => /^ATH Móvil report sync \d{4}-\d{2}-\d{2}: 0 payments/.test(m))).toBe(true)
      info.mockRestore()
    })

    it("refuses bad input with the field and the rule", async () => {
      const bad = async (body: unknown, pattern: RegExp) => {
        const res = await call("post", "/admin/athmovil/reconciliation", body)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(pattern)
      }
      await bad({ from: "2026-13-01", to: "2026-01-02" }, /from is not a real calendar date/)
      await bad({ from: "01/02/2026", to: "2026-01-02" }, /from must be a date written YYYY-MM-DD/)
      await bad({ from: "2026-01-02" }, /to: is required/)
      await bad({ from: "2026-01-05", to: "2026-01-02" }, /from \(2026-01-05\) must not be after to/)
      await bad({ from: "2020-01-01", to: "2026-01-01" }, /at most 366 days/)
      await bad({ from: "2999-01-01", to: "2999-01-02" }, /must not be in the future/)
      await bad({ from: "2026-01-01", to: "2026-01-02", extra: 1 }, /Unrecognized key/i)
      await bad([], /body/)

      const fix = async (body: unknown, status: number, pattern: RegExp) => {
        const res = await call("post", "/admin/athmovil/reconciliation/fix", body)
        expect(res.status).toBe(status)
        expect(res.data.message).toMatch(pattern)
      }
      await fix({ kind: "delete_everything" }, 400, /kind must be "create_refund" or "recover_session"/)
      await fix({ kind: "create_refund" }, 400, /payment_id: is required/)
      await fix({ kind: "create_refund", payment_id: "order_123" }, 400, /payment_id: must be a Medusa payment id/)
      await fix({ kind: "create_refund", payment_id: "pay_unknown" }, 404, /not an ATH Móvil payment/)
      await fix({ kind: "recover_session", payment_session_id: "payses_unknown" }, 404, /not an ATH Móvil payment session/)

      expect((await call("get", "/admin/athmovil/reconciliation/athrec_unknown")).status).toBe(404)
      await reconcile()
      const runs = await call("get", "/admin/athmovil/reconciliation")
      expect(runs.data.reconciliations.length).toBeGreaterThan(0)
      expect(runs.data.reconciliations[0]).toHaveProperty("difference_count")
    })
  },
})
