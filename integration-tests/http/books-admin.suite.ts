import http from "node:http"
import { storeSuite } from "../helpers/suite-group"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parse as parseStream } from "csv-parse"
import { parse } from "csv-parse/sync"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import type AthMovilModuleService from "../../src/modules/athmovil/service"
import { currentPuertoRicoDay } from "../../src/workflows/reconcile-report/range"
import { useSandbox, WEBHOOK_SECRET } from "../helpers/sandbox"
import { paidOrder } from "../helpers/checkout"
import { assertPaymentInvariants } from "../helpers/invariants"
import { SHOPPER_PHONE, seedStore, type SeededStore } from "../helpers/store"
import { subscribeSandbox, waitFor } from "../helpers/webhooks"

jest.setTimeout(240_000)

const sandbox = useSandbox()

type Csv = Array<Record<string, string>>

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const athmovil = () => getContainer().resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    const get = (url: string) => api.get(url, store.adminHeaders).catch((e) => e.response)
    const csv = async (url: string): Promise<{ rows: Csv; text: string; headers: Record<string, string> }> => {
      const res = await api.get(url, { ...store.adminHeaders, responseType: "text", transformResponse: (d) => d })
      return { rows: parse(res.data, { columns: true, skip_empty_lines: true }), text: res.data, headers: res.headers as Record<string, string> }
    }
    const sum = (values: string[]) => (values.reduce((a, v) => a + Math.round(Number(v || "0") * 100), 0) / 100).toFixed(2)
    const today = () => currentPuertoRicoDay()
    /** The Puerto Rico day as an instant range, for the ledger list that reads ISO dates. */
    const todayIso = () => ({ from: `${today()}T00:00:00-04:00`, to: `${today()}T23:59:59.999-04:00` })

    async function listenHere() {
      await subscribeSandbox(sandbox(), `${store.baseUrl}/hooks/athmovil/${WEBHOOK_SECRET}`)
    }
    const settled = (kinds: string[], count: number) =>
      waitFor(
        `${count} ${kinds.join("/")} webhook events to settle`,
        () => athmovil().listAthWebhookEvents({ kind: kinds }, { take: 50 }),
        (list) => list.length >= count && list.every((e) => e.outcome !== "pending")
      )

    async function reconcile() {
      // ATH's report works in whole seconds and never reaches into the future.
      await new Promise((r) => setTimeout(r, 2100))
      const started = await api.post("/admin/athmovil/reconciliation", { from: today(), to: today() }, store.adminHeaders)
      const id = started.data.reconciliation.id
      const run = await waitFor(
        "the reconciliation",
        async () => (await get(`/admin/athmovil/reconciliation/${id}`)).data.reconciliation,
        (r) => r.status !== "running",
        60_000
      )
      expect(run).toMatchObject({ status: "done", error: null })
      return run.result
    }

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
    })
    beforeEach(() => sandbox().reset())

    it("keeps ATH PAYMENT and DONATION income as other ATH income: not dropped, not in checkout totals, apart in reconciliation", async () => {
      await listenHere()
      const { order } = await paidOrder(store, sandbox())
      // ATH has not listed the two app transactions yet when their webhooks arrive (its search
      // knows no such reference) nor at the first reconciliation (its report has nothing yet);
      // the real report lists them afterwards.
      sandbox().setFault("search", { softError: { errorcode: "BTRA_0053", message: "ReferenceNumber not found" } })
      sandbox().setFault("report", { softError: { errorcode: "BTRA_0046", message: "There are no transactions for the indicated date range" } })
      sandbox().sendAppWebhook("payment", { amount: "12.00", phoneNumber: "7875550111", message: "Pago alquiler" })
      sandbox().sendAppWebhook("donation", { amount: "5.25", phoneNumber: "7875550122" })
      await sandbox().flushWebhooks()
      const events = await settled(["payment", "donation"], 2)
      // What ATH's own report will say of them: the sandbox's fee and the customer's name.
      const announced = (event: string) => sandbox().webhookDeliveries.find((d) => d.event === event)!.body as Record<string, string>
      const [paidNotice, donatedNotice] = [announced("payment_received"), announced("donation_received")]
      const fees = sum([paidNotice.fee, donatedNotice.fee])
      const net = sum([paidNotice.netAmount, donatedNotice.netAmount])
      // An unsigned notice ATH does not list yet records nothing: it waits in the inbox, shown to the merchant.
      expect(events.map((e) => [e.kind, e.outcome]).sort()).toEqual([
        ["donation", "unmatched"],
        ["payment", "unmatched"],
      ])
      expect((await get(`/admin/athmovil/transactions?kind=other`)).data.count).toBe(0)

      const checkout = (await get(`/admin/athmovil/transactions`)).data
      expect(checkout.transactions.map((t: { kind: string }) => t.kind)).toEqual(["ecommerce"])
      expect((await get(`/admin/athmovil/transactions/totals`)).data.totals).toMatchObject({ count: 1, gross: "25.00" })

      // Reconciliation before ATH's report lists them: nothing to record, no checkout difference.
      let result = await reconcile()
      expect(result.other_income).toMatchObject({ count: 0, gross: "0.00", unconfirmed: 0 })
      const references = [paidNotice.referenceNumber, donatedNotice.referenceNumber]
      expect(result.differences.filter((d: { reference_number: string }) => references.includes(d.reference_number))).toEqual([])

      // Now ATH's report lists them: the real reconciliation reads the sandbox's report (PAYMENT
      // and DONATION rows) through the client's parser and confirms them from it.
      sandbox().setFault("search", null)
      sandbox().setFault("report", null)
      result = await reconcile()

      const confirmed = (await get(`/admin/athmovil/transactions?kind=other`)).data
      expect(confirmed.count).toBe(2)
      expect(confirmed.transactions.find((t: { kind: string }) => t.kind === "payment")).toMatchObject({ customer_name: paidNotice.name, customer_phone: "7875550111" })
      expect(confirmed.transactions.every((t: { status: string }) => t.status === "COMPLETED")).toBe(true)
      expect((await get(`/admin/athmovil/transactions/totals?kind=other`)).data.totals).toMatchObject({ count: 2, gross: "17.25", fees, net })
      expect((await get(`/admin/athmovil/transactions/totals?kind=donation`)).data.totals).toMatchObject({ count: 1, gross: "5.25" })
      // Checkout totals are unchanged: other income is never a sale of this store.
      expect((await get(`/admin/athmovil/transactions/totals`)).data.totals).toMatchObject({ count: 1, gross: "25.00" })

      expect(result.other_income).toMatchObject({ count: 2, gross: "17.25", fees, net, unconfirmed: 0 })
      expect(result.other_income.items.map((i: { kind: string; confirmed: boolean }) => [i.kind, i.confirmed]).sort()).toEqual([
        ["donation", true],
        ["payment", true],
      ])
      expect(result.differences.filter((d: { reference_number: string }) => references.includes(d.reference_number))).toEqual([])

      const other_csv = await csv(`/admin/athmovil/exports/transactions.csv?from=${today()}&to=${today()}&kind=other`)
      expect(other_csv.rows.map((r) => [r.kind, r.status, r.total, r.order]).sort()).toEqual([
        ["donation", "COMPLETED", "5.25", ""],
        ["payment", "COMPLETED", "12.00", ""],
      ])
      expect(order.id).toBeTruthy()
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("Customers: two payments and a refund from one phone are one customer with the right totals", async () => {
      await listenHere()
      const first = await paidOrder(store, sandbox())
      const second = await paidOrder(store, sandbox(), 2)
      const payment = async (orderId: string) =>
        (await get(`/admin/orders/${orderId}?fields=*payment_collections.payments`)).data.order.payment_collections[0].payments[0]
      const paid = [await payment(first.order.id), await payment(second.order.id)]
      expect((await api.post(`/admin/payments/${paid[1].id}/refund`, { amount: 7.5, note: "Una taza llegó rota" }, store.adminHeaders)).status).toBe(200)
      await sandbox().flushWebhooks()
      await waitFor(
        "the ledger to know the customer and the refund",
        () => athmovil().listAthTransactions({ payment_id: paid.map((p) => p.id) }),
        (rows) => rows.length === 2 && rows.every((r) => r.customer_phone) && rows.some((r) => Number(r.refunded_total) === 7.5)
      )
      const totalPaid = sum(paid.map((p) => String(p.amount)))

      const res = await get(`/admin/athmovil/customers?q=${SHOPPER_PHONE}`)
      expect(res.status).toBe(200)
      expect(res.data.customers).toHaveLength(1)
      expect(res.data.customers[0]).toMatchObject({
        phone: SHOPPER_PHONE,
        payment_count: 2,
        total_paid: totalPaid,
        total_refunded: "7.50",
      })
      expect(new Date(res.data.customers[0].first_payment_at).getTime()).toBeLessThanOrEqual(
        new Date(res.data.customers[0].last_payment_at).getTime()
      )
      // The name ATH reports finds the same customer; a prefix of the phone too; others do not.
      const name = res.data.customers[0].name as string
      expect(name).toBeTruthy()
      expect((await get(`/admin/athmovil/customers?q=${encodeURIComponent(name.slice(0, 4))}`)).data.customers.map((c: { phone: string }) => c.phone)).toContain(SHOPPER_PHONE)
      expect((await get(`/admin/athmovil/customers?q=${SHOPPER_PHONE.slice(0, 6)}`)).data.customers).toHaveLength(1)
      expect((await get(`/admin/athmovil/customers?q=7879999`)).data.customers).toEqual([])
      expect((await get(`/admin/athmovil/customers?after=abc`)).status).toBe(400)
      // Linking to their transactions: the ledger list searched by the phone shows both.
      expect((await get(`/admin/athmovil/transactions?q=${SHOPPER_PHONE}`)).data.count).toBe(2)
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("a refund's note reaches ATH as its message and is stored; the Refunds list is filterable by date and shows where each refund came from", async () => {
      await listenHere()
      const { order, ecommerceId } = await paidOrder(store, sandbox(), 2)
      const payment = (await get(`/admin/orders/${order.id}?fields=*payment_collections.payments`)).data.order.payment_collections[0].payments[0]
      const note = "Cliente devolvió una taza"
      const reason = (await api.post("/admin/refund-reasons", { label: "Producto dañado", code: "damaged" }, store.adminHeaders)).data.refund_reason
      expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10, note, refund_reason_id: reason.id }, store.adminHeaders)).status).toBe(200)
      const ticket = sandbox().getTicket(ecommerceId)!
      expect(ticket.refunds[0]).toMatchObject({ amount: "10.00", message: note })
      // A refund made in the ATH Business app, outside Medusa.
      sandbox().refundOutsideApi({ referenceNumber: ticket.referenceNumber!, amount: "3.00", message: "Ajuste" })
      await sandbox().flushWebhooks()
      await reconcile()

      const stored = await waitFor(
        "both refunds in the ledger",
        () => athmovil().listAthRefunds({}, { take: 20 }),
        (rows) => rows.length === 2
      )
      const fromMedusa = stored.find((r) => Number(r.amount) === 10)!
      expect(fromMedusa).toMatchObject({ source: "medusa", note, message: note, reason: "Producto dañado" })
      expect(fromMedusa.medusa_refund_id).toMatch(/^ref/)
      // ATH's report names the customer on each refund.
      expect(fromMedusa.customer_phone).toBe(SHOPPER_PHONE)

      const list = (await get(`/admin/athmovil/refunds?from=${today()}&to=${today()}`)).data
      expect(list.refunds.map((r: { amount: string; source: string }) => [r.amount, r.source]).sort()).toEqual([
        ["10.00", "medusa"],
        ["3.00", "business_app"],
      ])
      expect(list.totals).toMatchObject({ count: 2, amount: "13.00" })
      expect(list.refunds.every((r: { order_id: string }) => r.order_id === order.id)).toBe(true)
      expect((await get(`/admin/athmovil/refunds?source=medusa`)).data.refunds).toHaveLength(1)
      const yesterday = new Date(Date.parse(`${today()}T12:00:00-04:00`) - 86_400_000).toISOString().slice(0, 10)
      expect((await get(`/admin/athmovil/refunds?from=${yesterday}&to=${yesterday}`)).data).toMatchObject({ refunds: [], totals: { count: 0, amount: "0.00" } })
      // Pages follow: one per page, then the next, then none.
      const p1 = (await get(`/admin/athmovil/refunds?limit=1`)).data
      const p2 = (await get(`/admin/athmovil/refunds?limit=1&cursor=${p1.next_cursor}`)).data
      expect([p1.refunds.length, p2.refunds.length, p2.next_cursor]).toEqual([1, 1, null])
      expect(p1.refunds[0].id).not.toBe(p2.refunds[0].id)
      expect((await get(`/admin/athmovil/refunds?from=2026-13-01`)).status).toBe(400)
      expect((await get(`/admin/athmovil/refunds?cursor=nope`)).status).toBe(400)

      const refundsCsv = await csv(`/admin/athmovil/exports/refunds.csv?from=${today()}&to=${today()}`)
      expect(sum(refundsCsv.rows.map((r) => r.refunded))).toBe(list.totals.amount)
      expect(refundsCsv.rows.find((r) => r.refunded === "10.00")).toMatchObject({ note, "ATH message": note, reason: "Producto dañado", source: "medusa", order: order.id })
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("exports CSVs in Puerto Rico time whose sums equal the admin totals for the same filter", async () => {
      await listenHere()
      await paidOrder(store, sandbox())
      const second = await paidOrder(store, sandbox(), 3)
      const payment = (await get(`/admin/orders/${second.order.id}?fields=*payment_collections.payments`)).data.order.payment_collections[0].payments[0]
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 4.4 }, store.adminHeaders)
      await sandbox().flushWebhooks()
      await reconcile()
      // The list's badge is the server's decision, from the ledger's amounts.
      const badges = (await get(`/admin/athmovil/transactions?kind=ecommerce`)).data.transactions
      expect(badges.find((t: { ecommerce_id: string }) => t.ecommerce_id === second.ecommerceId)).toMatchObject({ display_status: "partially_refunded", refunded_total: "4.40" })
      expect(badges.find((t: { ecommerce_id: string }) => t.ecommerce_id !== second.ecommerceId && t.status === "COMPLETED").display_status).toBe("completed")

      const { rows, text, headers } = await csv(`/admin/athmovil/exports/transactions.csv?from=${today()}&to=${today()}&kind=ecommerce`)
      expect(headers["content-type"]).toMatch(/^text\/csv/)
      expect(headers["content-disposition"]).toContain(`athmovil-transactions-${today()}-${today()}.csv`)
      expect(text.split("\n")[0]).toBe("date (AST),kind,status,reference,ecommerce_id,order,customer,phone,email,subtotal,IVU,total,fee,net,refunded")
      // eslint-disable-next-line no-console
      console.info(`transactions.csv first lines:\n${text.split("\n").slice(0, 3).join("\n")}`)
      const completed = rows.filter((r) => r.status === "COMPLETED")
      const admin = (await get(`/admin/athmovil/transactions/totals?from=${encodeURIComponent(todayIso().from)}&to=${encodeURIComponent(todayIso().to)}`)).data.totals
      expect({ count: completed.length, gross: sum(completed.map((r) => r.total)), fees: sum(completed.map((r) => r.fee)), net: sum(completed.map((r) => r.net)), refunded: sum(completed.map((r) => r.refunded)) }).toEqual({
        count: admin.count,
        gross: admin.gross,
        fees: admin.fees,
        net: admin.net,
        refunded: admin.refunded,
      })
      expect(admin.refunded).toBe("4.40")
      // Dates are Puerto Rico wall-clock time: the ledger's instant minus 4 hours.
      const ledger = await athmovil().listAthTransactions({ reference_number: completed[0].reference }, { take: 1 })
      const instant = ledger[0].transaction_date ?? ledger[0].created_at
      const expected = new Date(new Date(instant).getTime() - 4 * 3600_000).toISOString().slice(0, 19).replace("T", " ")
      expect(completed[0]["date (AST)"]).toBe(expected)
      expect(completed.every((r) => r.order.startsWith("order_"))).toBe(true)
      // The admin detail shows the receipt ATH got (items, subtotal, IVU, fee, net), the same as the CSV row.
      const view = (await get(`/admin/athmovil/payments/${payment.id}`)).data.payment
      const row = completed.find((r) => r.order === second.order.id)!
      expect([view.ath.subtotal, view.ath.tax, view.ath.total, view.ath.fee, view.ath.net_amount]).toEqual([row.subtotal, row.IVU, row.total, row.fee, row.net])
      expect(sum([row.subtotal, row.IVU])).toBe(row.total)
      expect(view.ath.items.length).toBeGreaterThan(0)
      expect(view.refunds[0]).toMatchObject({ amount: "4.40", source: "medusa" })

      const diff = await csv(`/admin/athmovil/exports/differences.csv?from=${today()}&to=${today()}`)
      expect(diff.text.split("\n")[0]).toBe("date (AST),category,kind,reference,order,customer,ATH amount,Medusa amount,message")
      expect((await get(`/admin/athmovil/exports/ledger.csv`)).status).toBe(404)
      expect((await get(`/admin/athmovil/exports/transactions.csv?kind=sales`)).status).toBe(400)
      expect((await get(`/admin/athmovil/exports/transactions.csv?from=2026-02-30`)).status).toBe(400)
    })

    it("streams a 100,000-row export chunked, every row once, sums equal to PostgreSQL's", async () => {
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as { raw(sql: string, b?: unknown[]): Promise<{ rows: any[] }> }
      const started = Date.now()
      await knex.raw(`
        INSERT INTO athmovil_transaction (id, ecommerce_id, kind, status, total, raw_total, fee, raw_fee, net_amount, raw_net_amount,
          refunded_total, raw_refunded_total, customer_name, customer_phone, transaction_date, reference_number)
        SELECT 'athtx_bulk' || g, 'bulk-' || g, 'ecommerce', 'COMPLETED', (100 + g % 9000) / 100.0, '{"value":"1","precision":20}',
          0.06, '{"value":"0.06","precision":20}', (94 + g % 9000) / 100.0, '{"value":"1","precision":20}', 0, '{"value":"0","precision":20}',
          'Cliente, "Bulk" ' || (g % 80), '787' || lpad((g % 80000)::text, 7, '0'), timestamptz '2025-03-01 04:00:00+00' + g * interval '20 seconds', 'bulkref-' || g
        FROM generate_series(1, 100000) AS g`)
      const [expected] = (await knex.raw(`SELECT count(*)::int AS count, round(sum(total), 2)::text AS gross FROM athmovil_transaction WHERE ecommerce_id LIKE 'bulk-%'`)).rows

      // Read the download as a stream, counting rows. Its memory is the bench's to prove (`npm run bench`:
      // server RSS over a month's export at 1M ledger rows); that the export reads no further ahead than the
      // client is proven deterministically in exports/__tests__/stream-rows.unit.spec.ts.
      const url = new URL(`${store.baseUrl}/admin/athmovil/exports/transactions.csv?from=2025-03-01&to=2025-03-31`)
      const downloadStarted = Date.now()
      const counted = await new Promise<{ rows: number; cents: bigint; chunked: boolean }>((resolve, reject) => {
        http.get(url, { headers: store.adminHeaders.headers as Record<string, string> }, (res) => {
          let rows = 0
          let cents = 0n
          // csv-parse's streaming parser reads the download as it arrives, never the whole file.
          res
            .pipe(parseStream({ columns: true }))
            .on("data", (record: Record<string, string>) => {
              rows++
              // Amounts are 2-decimal strings: summed as integer cents, exactly.
              cents += BigInt(record.total.replace(".", ""))
            })
            .on("end", () => resolve({ rows, cents, chunked: res.headers["transfer-encoding"] === "chunked" }))
            .on("error", reject)
        }).on("error", reject)
      })
      // eslint-disable-next-line no-console
      console.info(`100k-row transactions.csv: ${counted.rows} rows (seed+download ${Date.now() - started} ms, download ${Date.now() - downloadStarted} ms)`)
      expect(counted.chunked).toBe(true)
      expect(counted.rows).toBe(expected.count)
      expect(counted.cents).toBe(BigInt(expected.gross.replace(".", "")))
    })
  },
})
