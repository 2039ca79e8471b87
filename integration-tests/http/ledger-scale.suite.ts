import { storeSuite } from "../helpers/suite-group"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { useSandbox } from "../helpers/sandbox"
import { paidOrder } from "../helpers/checkout"
import { assertPaymentInvariants } from "../helpers/invariants"
import { seedStore, type SeededStore } from "../helpers/store"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import type AthMovilModuleService from "../../src/modules/athmovil/service"

jest.setTimeout(300_000)

const sandbox = useSandbox()

/** Rows seeded by SQL: past the 100,000 rows the old totals stopped at. */
const SEEDED = 140_000

type Knex = { raw(sql: string, b?: unknown[]): Promise<{ rows: any[] }> }

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let paid: Awaited<ReturnType<typeof paidOrder>>
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex
    const get = (url: string) => api.get(url, store.adminHeaders).catch((e: { response: any }) => e.response)
    const totalsOf = async (query: string) => {
      const res = await get(`/admin/athmovil/transactions/totals${query}`)
      expect(res.status).toBe(200)
      return res.data.totals
    }
    /** What PostgreSQL itself says the completed rows of a condition add up to. */
    const sqlTotals = async (condition: string, bindings: unknown[] = []) => {
      const [row] = (
        await knex().raw(
          `SELECT count(*)::int AS count, round(COALESCE(sum(total), 0), 2)::text AS gross, round(COALESCE(sum(fee), 0), 2)::text AS fees,
             round(COALESCE(sum(net_amount), 0), 2)::text AS net, round(COALESCE(sum(refunded_total), 0), 2)::text AS refunded
           FROM athmovil_transaction WHERE deleted_at IS NULL AND status = 'COMPLETED' AND (${condition})`,
          bindings
        )
      ).rows
      return { currency_code: "usd", ...row }
    }

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
      // One real checkout through the plugin (its ledger row is written by the plugin itself)…
      paid = await paidOrder(store, sandbox())
      // …and a store's years of ATH tickets, by SQL: statuses, other income, cents, fees, refunds and phones as ATH writes them.
      await knex().raw(`
        INSERT INTO athmovil_transaction (id, ecommerce_id, kind, status, total, raw_total, fee, raw_fee, net_amount, raw_net_amount,
          refunded_total, raw_refunded_total, customer_phone, phone_last4, transaction_date, created_at, reference_number)
        SELECT 'athtx_scale' || g, 'scale-' || lpad(g::text, 6, '0'),
          CASE WHEN g % 50 = 0 THEN 'donation' WHEN g % 40 = 0 THEN 'payment' ELSE 'ecommerce' END,
          CASE WHEN g % 50 = 0 OR g % 40 = 0 THEN 'COMPLETED' WHEN g % 13 = 0 THEN 'CANCEL' WHEN g % 11 = 0 THEN 'EXPIRED' ELSE 'COMPLETED' END,
          (100 + g % 150000) / 100.0 + 0.01, '{"value":"1","precision":20}',
          round(((100 + g % 150000) / 100.0 + 0.01) * 0.025, 2), '{"value":"1","precision":20}',
          (100 + g % 150000) / 100.0 + 0.01 - round(((100 + g % 150000) / 100.0 + 0.01) * 0.025, 2), '{"value":"1","precision":20}',
          CASE WHEN g % 37 = 0 THEN 1.25 ELSE 0 END, '{"value":"0","precision":20}',
          CASE WHEN g % 2 = 0 THEN '(787) 6' || lpad((g % 8000)::text, 2, '0') || '-' || lpad((g % 10000)::text, 4, '0')
               ELSE '7876' || lpad((g % 8000)::text, 2, '0') || lpad((g % 10000)::text, 4, '0') END,
          lpad((g % 10000)::text, 4, '0'),
          timestamptz '2023-12-01 04:00:00+00' + g * interval '13 minutes', timestamptz '2023-12-01 04:00:00+00' + g * interval '13 minutes',
          'scaleref' || lpad(g::text, 6, '0') || '-402894c185ab1be4'
        FROM generate_series(1, ${SEEDED}) AS g`)
    })

    it("adds up the ledger exactly past 100,000 rows: every total is PostgreSQL's own SUM, whatever the filter", async () => {
      const [{ n }] = (await knex().raw(`SELECT count(*)::int AS n FROM athmovil_transaction WHERE status = 'COMPLETED' AND kind = 'ecommerce'`)).rows
      expect(n).toBeGreaterThan(100_000)

      const checkout = await sqlTotals(`kind = 'ecommerce'`)
      expect(Number(checkout.refunded)).toBeGreaterThan(0)
      expect(await totalsOf("")).toEqual(checkout)
      expect(await totalsOf("?kind=all")).toEqual(await sqlTotals(`TRUE`))
      expect(await totalsOf("?kind=other")).toEqual(await sqlTotals(`kind IN ('payment', 'donation')`))
      expect(await totalsOf("?status=COMPLETED")).toEqual(await sqlTotals(`kind = 'ecommerce'`))
      expect(await totalsOf("?status=CANCEL")).toEqual({ currency_code: "usd", count: 0, gross: "0.00", fees: "0.00", net: "0.00", refunded: "0.00" })

      // One month, on the ledger date (ATH's transaction date, else when the row was written), both ends inclusive.
      const from = "2025-03-01T04:00:00.000Z"
      const to = "2025-04-01T03:59:59.999Z"
      const month = await totalsOf(`?from=${from}&to=${to}`)
      expect(month).toEqual(
        await sqlTotals(`kind = 'ecommerce' AND COALESCE(transaction_date, created_at) BETWEEN ? AND ?`, [from, to])
      )
      expect(month.count).toBeGreaterThan(2000)

      // The real checkout is in there too, with ATH's own amount.
      const ticket = sandbox().getTicket(paid.ecommerceId)!
      const mine = await totalsOf(`?q=${paid.ecommerceId}`)
      expect(mine).toMatchObject({ count: 1, gross: ticket.total })
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("lists newest first with a bounded count, and finds rows by phone, reference and ecommerce id", async () => {
      const all = (await get(`/admin/athmovil/transactions?kind=all&limit=5`)).data
      const [{ n }] = (await knex().raw(`SELECT count(*)::int AS n FROM athmovil_transaction`)).rows
      expect(n).toBeGreaterThan(10_000)
      expect(all).toMatchObject({ count: 10_000, count_capped: true, limit: 5, offset: 0 })
      const newest = (
        await knex().raw(`SELECT id FROM athmovil_transaction ORDER BY COALESCE(transaction_date, created_at) DESC, id DESC LIMIT 5`)
      ).rows.map((r) => r.id)
      expect(all.transactions.map((t: { id: string }) => t.id)).toEqual(newest)
      expect(all.totals).toBeUndefined()

      // A page further down continues the same order.
      const second = (await get(`/admin/athmovil/transactions?kind=all&limit=5&offset=5`)).data.transactions
      const next = (
        await knex().raw(`SELECT id FROM athmovil_transaction ORDER BY COALESCE(transaction_date, created_at) DESC, id DESC LIMIT 5 OFFSET 5`)
      ).rows.map((r) => r.id)
      expect(second.map((t: { id: string }) => t.id)).toEqual(next)

      // Status filter: only that status; the count is capped past 10,000 and exact below (one month).
      const canceled = (await get(`/admin/athmovil/transactions?status=CANCEL&limit=200`)).data
      const [{ c }] = (await knex().raw(`SELECT count(*)::int AS c FROM athmovil_transaction WHERE status = 'CANCEL' AND kind = 'ecommerce'`)).rows
      expect(c).toBeGreaterThan(10_000)
      expect(canceled).toMatchObject({ count: 10_000, count_capped: true })
      expect(canceled.transactions).toHaveLength(200)
      expect(canceled.transactions.every((t: { status: string }) => t.status === "CANCEL")).toBe(true)
      const from = "2025-03-01T04:00:00.000Z"
      const to = "2025-04-01T03:59:59.999Z"
      const inMonth = (await get(`/admin/athmovil/transactions?status=CANCEL&from=${from}&to=${to}&limit=200`)).data
      const [{ m }] = (
        await knex().raw(
          `SELECT count(*)::int AS m FROM athmovil_transaction WHERE status = 'CANCEL' AND kind = 'ecommerce' AND COALESCE(transaction_date, created_at) BETWEEN ? AND ?`,
          [from, to]
        )
      ).rows
      expect(m).toBeGreaterThan(0)
      expect(inMonth).toMatchObject({ count: m, count_capped: false })
      expect(inMonth.transactions).toHaveLength(Math.min(m, 200))

      // Search: the last 4 digits, the whole phone written either way, a reference (whole or its start), an ecommerce id.
      const ids = async (q: string) =>
        ((await get(`/admin/athmovil/transactions?kind=all&limit=200&q=${encodeURIComponent(q)}`)).data.transactions as Array<{ id: string }>)
          .map((t) => t.id)
          .sort()
      const sqlIds = async (condition: string, bindings: unknown[]) =>
        (await knex().raw(`SELECT id FROM athmovil_transaction WHERE ${condition} ORDER BY id`, bindings)).rows.map((r) => r.id).sort()

      const last4 = await ids("4321")
      expect(last4.length).toBeGreaterThan(5)
      expect(last4).toEqual(await sqlIds(`phone_last4 = ?`, ["4321"]))
      const [{ phone }] = (await knex().raw(`SELECT customer_phone AS phone FROM athmovil_transaction WHERE customer_phone LIKE '(787)%' LIMIT 1`)).rows
      const phoneDigits = phone.replace(/\D/g, "")
      const byPhone = await ids(phone)
      expect(byPhone.length).toBeGreaterThan(0)
      expect(byPhone).toEqual(await sqlIds(`regexp_replace(customer_phone, '\\D', '', 'g') = ?`, [phoneDigits]))
      expect(await ids(phoneDigits)).toEqual(byPhone)

      expect(await ids("scaleref004242-402894c185ab1be4")).toEqual(["athtx_scale4242"])
      expect(await ids("scaleref00424")).toEqual(await sqlIds(`reference_number LIKE 'scaleref00424%'`, []))
      expect(await ids("scale-004242")).toEqual(["athtx_scale4242"])
      expect(await ids(paid.ecommerceId)).toHaveLength(1)
      expect(await ids("no-such-thing-anywhere")).toEqual([])
      // LIKE's own characters are plain text in a search.
      expect(await ids("scaleref%")).toEqual([])
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("refuses a bad filter with a 400 naming the field, and paging past the count", async () => {
      for (const [query, field] of [
        ["?offset=10001", "offset"],
        ["?status=PAID", "status"],
        ["?kind=sales", "kind"],
        ["?from=yesterday", "from"],
        ["?limit=500", "limit"],
      ]) {
        const res = await get(`/admin/athmovil/transactions${query}`)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(new RegExp(`\\b${field}\\b`))
      }
      const res = await get(`/admin/athmovil/transactions/totals?status=PAID`)
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/status/)
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("keeps the all-time totals equal to the ledger through every kind of write: upserts, refunds, status and kind changes, deletes", async () => {
      const athmovil = getContainer().resolve(ATHMOVIL_MODULE) as AthMovilModuleService
      const allTime = async () => ({
        checkout: await totalsOf(""),
        all: await totalsOf("?kind=all"),
        other: await totalsOf("?kind=other"),
      })
      const expected = async () => ({
        checkout: await sqlTotals(`kind = 'ecommerce'`),
        all: await sqlTotals(`TRUE`),
        other: await sqlTotals(`kind IN ('payment', 'donation')`),
      })
      expect(await allTime()).toEqual(await expected())

      // The module's report upsert: new completed rows, an OPEN row completing, a completed row refunded.
      const [open] = (await knex().raw(`SELECT ecommerce_id FROM athmovil_transaction WHERE status = 'CANCEL' LIMIT 1`)).rows
      await knex().raw(`UPDATE athmovil_transaction SET status = 'OPEN' WHERE ecommerce_id = ?`, [open.ecommerce_id])
      await athmovil.upsertTransactions([
        { ecommerce_id: "rollup-new-1", status: "COMPLETED", total: "10.01", fee: "0.25", net_amount: "9.76", transaction_date: new Date("2026-01-15T12:00:00Z") },
        { ecommerce_id: "rollup-new-2", status: "COMPLETED", total: "0.99", transaction_date: new Date("2019-07-04T12:00:00Z") },
        { ecommerce_id: open.ecommerce_id, status: "COMPLETED", total: "33.33", fee: "0.83", net_amount: "32.50" },
        { ecommerce_id: "scale-000002", status: "COMPLETED", total: "1.03", refunded_total: "1.03" },
      ])
      expect(await allTime()).toEqual(await expected())

      // A store's own SQL: a whole month soft-deleted, a kind changed, amounts corrected, rows deleted for good.
      await knex().raw(`UPDATE athmovil_transaction SET deleted_at = now() WHERE COALESCE(transaction_date, created_at) BETWEEN '2024-02-01' AND '2024-03-01'`)
      await knex().raw(`UPDATE athmovil_transaction SET kind = 'donation' WHERE ecommerce_id = 'scale-000003'`)
      await knex().raw(`UPDATE athmovil_transaction SET fee = NULL, net_amount = total WHERE ecommerce_id LIKE 'scale-00001%'`)
      await knex().raw(`UPDATE athmovil_transaction SET status = 'CANCEL' WHERE ecommerce_id = 'scale-000004'`)
      await knex().raw(`DELETE FROM athmovil_transaction WHERE ecommerce_id LIKE 'scale-0000_%' AND ecommerce_id <> 'scale-000002'`)
      // A write that moves no completed money leaves the rollup alone.
      const before = (await knex().raw(`SELECT xmin::text AS v, kind, month FROM athmovil_ledger_month ORDER BY kind, month`)).rows
      await knex().raw(`UPDATE athmovil_transaction SET last_synced_at = now() WHERE ecommerce_id LIKE 'scale-0001%'`)
      expect((await knex().raw(`SELECT xmin::text AS v, kind, month FROM athmovil_ledger_month ORDER BY kind, month`)).rows).toEqual(before)
      const now = await allTime()
      expect(now).toEqual(await expected())
      expect(now.all.count).toBeGreaterThan(100_000)
      await assertPaymentInvariants(getContainer(), sandbox())
    })
  },
})
