import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import { ATHMOVIL_MODULE } from ".."
import { AthRefund, AthTransaction, AthWebhookEvent } from "../models"
import type AthMovilModuleService from "../service"
import type { RecordWebhookEventInput, UpsertTransactionRow } from "../types"
import { customerPaymentIdsSql } from "../utils/customers-sql"

jest.setTimeout(60_000)

const event = (overrides: Partial<RecordWebhookEventInput> = {}): RecordWebhookEventInput => ({
  provider_id: "pp_athmovil_athmovil",
  idempotency_key: "ecommerce:ec-1:completed",
  kind: "ecommerce",
  status: "completed",
  ecommerce_id: "ec-1",
  reference_number: "ref-1",
  amount: "12.34",
  payload: { ecommerceId: "ec-1", total: 12.34 },
  raw_body: '{"ecommerceId":"ec-1"}',
  remote_ip: "10.0.0.1",
  ...overrides,
})

const reportRows = (count: number, status: UpsertTransactionRow["status"] = "COMPLETED") =>
  Array.from({ length: count }, (_, i): UpsertTransactionRow => ({
    ecommerce_id: `ec-${String(i).padStart(5, "0")}`,
    reference_number: `ref-${i}`,
    status,
    total: `${(i % 97) + 1}.25`,
    fee: "0.15",
    net_amount: `${(i % 97) + 1}.10`,
    customer_name: `Customer ${i}`,
    transaction_date: new Date(Date.UTC(2024, 4, 1, 12, 0, i % 60)),
    last_synced_via: "report",
    last_synced_at: new Date(),
  }))

/** Settles every promise, so a test sees all outcomes even if one rejects. */
const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises)

moduleIntegrationTestRunner<AthMovilModuleService>({
  moduleName: ATHMOVIL_MODULE,
  resolve: "./src/modules/athmovil",
  moduleModels: [AthWebhookEvent, AthTransaction, AthRefund],
  // Run the generated migration rather than a schema derived from the models,
  // so the tests exercise the real (partial) unique indexes the SQL targets.
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    describe("recordWebhookEvent", () => {
      it("stores 10 concurrent deliveries of one key as 1 row delivered 10 times", async () => {
        const results = await settle(
          Array.from({ length: 10 }, () => service.recordWebhookEvent(event()))
        )
        expect(results.filter((r) => r.status === "rejected")).toEqual([])
        const values = results.map((r) => (r as PromiseFulfilledResult<any>).value)
        const originals = values.filter((v) => !v.duplicate)
        const repeats = values.filter((v) => v.duplicate)
        expect(originals).toHaveLength(1)
        expect(repeats).toHaveLength(9)

        const original = await service.retrieveAthWebhookEvent(originals[0].id)
        expect(originals[0].duplicate_of_id).toBeNull()
        expect(repeats.map((d) => d.duplicate_of_id)).toEqual(Array(9).fill(original.id))
        expect(values.map((v) => v.id)).toEqual(Array(10).fill(original.id))
        expect(original.idempotency_key).toBe("ecommerce:ec-1:completed")
        expect(original.outcome).toBe("pending")
        expect(original.processed_at).toBeNull()
        expect(original.amount).toBe(12.34)
        expect(original.raw_amount).toEqual({ value: "12.34", precision: 20 })
        expect(original.payload).toEqual({ ecommerceId: "ec-1", total: 12.34 })
        expect(original.received_at).toBeInstanceOf(Date)
        expect(original.id).toMatch(/^athwh_/)
        expect(original.delivery_count).toBe(10)
        expect(original.last_received_at!.getTime()).toBeGreaterThanOrEqual(original.received_at.getTime())

        const [, count] = await service.listAndCountAthWebhookEvents({}, { take: 100 })
        expect(count).toBe(1)
      })

      it("lets another delivery of an event ATH did not back (rejected, unmatched) be a new original; the same bytes and applied ones only count", async () => {
        for (const outcome of ["rejected", "unmatched"] as const) {
          const key = `ecommerce:forged:${outcome}`
          const first = await service.recordWebhookEvent(event({ idempotency_key: key, raw_body: '{"name":"Mallory"}' }))
          await service.claimWebhookEvent(first.id)
          await service.finishWebhookEvent(first.id, { outcome, error: "ATH says OPEN" })
          // The same bytes again: a repeat, counted on the original, never processed again.
          const replayed = await service.recordWebhookEvent(event({ idempotency_key: key, raw_body: '{"name":"Mallory"}' }))
          expect(replayed).toEqual({ id: first.id, duplicate: true, duplicate_of_id: first.id })
          const genuine = await service.recordWebhookEvent(event({ idempotency_key: key }))
          expect(genuine.duplicate).toBe(false)
          expect(genuine.id).not.toBe(first.id)
          const old = await service.retrieveAthWebhookEvent(first.id)
          expect(old).toMatchObject({ idempotency_key: null, outcome })
          expect(old.error).toMatch(/ATH says OPEN.*later delivery/)
          expect(await service.retrieveAthWebhookEvent(genuine.id)).toMatchObject({ idempotency_key: key, outcome: "pending" })
        }
        const applied = await service.recordWebhookEvent(event({ idempotency_key: "ecommerce:ok" }))
        await service.claimWebhookEvent(applied.id)
        await service.finishWebhookEvent(applied.id, { outcome: "applied" })
        const repeat = await service.recordWebhookEvent(event({ idempotency_key: "ecommerce:ok" }))
        expect(repeat).toEqual({ id: applied.id, duplicate: true, duplicate_of_id: applied.id })
        expect((await service.retrieveAthWebhookEvent(applied.id)).delivery_count).toBe(2)
      })

      it("holds a delivery with other bytes while its original is undecided: taken over after rejected, counted after applied", async () => {
        for (const [verdict, expected] of [["rejected", "takes the key"], ["applied", "is counted"]] as const) {
          const key = `ecommerce:held:${verdict}`
          const forged = await service.recordWebhookEvent(event({ idempotency_key: key, raw_body: '{"forged":1}' }))
          // Ten concurrent copies of the genuine notice while the original is still pending: one held row.
          const copies = await Promise.all(Array.from({ length: 10 }, () => service.recordWebhookEvent(event({ idempotency_key: key }))))
          const heldId = copies.find((c) => !c.duplicate)!.id
          expect(copies.filter((c) => !c.duplicate)).toHaveLength(1)
          expect(copies.map((c) => c.id)).toEqual(Array(10).fill(heldId))
          expect(heldId).not.toBe(forged.id)
          expect(await service.retrieveAthWebhookEvent(heldId)).toMatchObject({ held_key: key, idempotency_key: null, delivery_count: 10 })
          // While the original is undecided the held delivery cannot be claimed, even if it failed.
          expect(await service.claimWebhookEvent(heldId)).toBeNull()
          expect(await service.claimWebhookEvent(forged.id)).not.toBeNull()
          expect(await service.claimWebhookEvent(heldId)).toBeNull()
          await service.finishWebhookEvent(forged.id, { outcome: verdict })
          const claimed = await service.claimWebhookEvent(heldId)
          if (expected === "takes the key") {
            expect(claimed).toMatchObject({ id: heldId, idempotency_key: key, held_key: null, delivery_count: 10 })
            expect(await service.retrieveAthWebhookEvent(forged.id)).toMatchObject({ idempotency_key: null, outcome: "rejected" })
          } else {
            expect(claimed).toBeNull()
            expect(await service.listAthWebhookEvents({ id: heldId })).toEqual([])
            expect(await service.retrieveAthWebhookEvent(forged.id)).toMatchObject({ idempotency_key: key, delivery_count: 11 })
          }
        }
      })

      it("never deduplicates events without a key", async () => {
        const a = await service.recordWebhookEvent(event({ idempotency_key: null }))
        const b = await service.recordWebhookEvent(event({ idempotency_key: null }))
        expect([a.duplicate, b.duplicate]).toEqual([false, false])
        expect(a.id).not.toBe(b.id)
      })

      it("stores rejected deliveries as already processed, with their error", async () => {
        const { id } = await service.recordWebhookEvent(
          event({ idempotency_key: null, outcome: "rejected", error: "bad json", amount: null, payload: null })
        )
        const rejected = await service.retrieveAthWebhookEvent(id)
        expect(rejected.outcome).toBe("rejected")
        expect(rejected.error).toBe("bad json")
        expect(rejected.processed_at).toBeInstanceOf(Date)
        expect(rejected.amount).toBeNull()
        expect(await service.claimWebhookEvent(rejected.id)).toBeNull()
      })
    })

    describe("claim / finish / replay", () => {
      it("lets exactly one of 5 concurrent workers claim an event", async () => {
        const stored = await service.recordWebhookEvent(event())
        const claims = await Promise.all(
          Array.from({ length: 5 }, () => service.claimWebhookEvent(stored.id))
        )
        const winners = claims.filter((c) => c !== null)
        expect(winners).toHaveLength(1)
        expect(winners[0]!.attempts).toBe(1)
        expect(winners[0]!.processing_started_at).toBeInstanceOf(Date)

        const reloaded = await service.retrieveAthWebhookEvent(stored.id)
        expect(reloaded.attempts).toBe(1)
      })

      it("lets a claim older than 5 minutes be taken over", async () => {
        const stored = await service.recordWebhookEvent(event())
        expect(await service.claimWebhookEvent(stored.id)).not.toBeNull()
        expect(await service.claimWebhookEvent(stored.id)).toBeNull()

        await service.updateAthWebhookEvents({
          id: stored.id,
          processing_started_at: new Date(Date.now() - 6 * 60 * 1000),
        })
        const retaken = await service.claimWebhookEvent(stored.id)
        expect(retaken?.attempts).toBe(2)
      })

      it("finishes an event, after which it can no longer be claimed", async () => {
        const stored = await service.recordWebhookEvent(event())
        await service.claimWebhookEvent(stored.id)
        const done = await service.finishWebhookEvent(stored.id, {
          outcome: "applied",
          payment_session_id: "payses_1",
          payment_id: "pay_1",
        })
        expect(done.outcome).toBe("applied")
        expect(done.processed_at).toBeInstanceOf(Date)
        expect(done.processing_started_at).toBeNull()
        expect(done.payment_session_id).toBe("payses_1")
        expect(done.payment_id).toBe("pay_1")
        expect(await service.claimWebhookEvent(stored.id)).toBeNull()
      })

      it("releases an event for retry when finished as pending", async () => {
        const stored = await service.recordWebhookEvent(event())
        await service.claimWebhookEvent(stored.id)
        const released = await service.finishWebhookEvent(stored.id, {
          outcome: "pending",
          error: "ATH timed out",
        })
        expect(released.outcome).toBe("pending")
        expect(released.processed_at).toBeNull()
        expect(released.error).toBe("ATH timed out")
        expect((await service.claimWebhookEvent(stored.id))?.attempts).toBe(2)
      })

      it("resets a processed event for replay, keeping its links and attempt count", async () => {
        const stored = await service.recordWebhookEvent(event())
        await service.claimWebhookEvent(stored.id)
        await service.finishWebhookEvent(stored.id, {
          outcome: "unmatched",
          error: "no session",
          payment_session_id: "payses_9",
        })

        const reset = await service.resetWebhookEventForReplay(stored.id)
        expect(reset.outcome).toBe("pending")
        expect(reset.processed_at).toBeNull()
        expect(reset.processing_started_at).toBeNull()
        expect(reset.error).toBeNull()
        expect(reset.payment_session_id).toBe("payses_9")

        const claimed = await service.claimWebhookEvent(stored.id)
        expect(claimed?.attempts).toBe(2)
      })

      it("refuses to replay a repeat row (from before the counter) or an event being processed", async () => {
        const original = await service.recordWebhookEvent(event())
        const [dup] = await service.createAthWebhookEvents([
          {
            provider_id: "pp_athmovil_athmovil",
            duplicate_of_id: original.id,
            kind: "ecommerce",
            raw_body: "{}",
            received_at: new Date(),
            processed_at: new Date(),
            outcome: "duplicate",
          },
        ] as never)
        await expect(service.resetWebhookEventForReplay(dup.id)).rejects.toMatchObject({
          type: MedusaError.Types.NOT_ALLOWED,
        })

        await service.claimWebhookEvent(original.id)
        await expect(service.resetWebhookEventForReplay(original.id)).rejects.toMatchObject({
          type: MedusaError.Types.CONFLICT,
        })
      })

      it("makes an event that used its 5 attempts `failed`: out of the retry list, still replayable", async () => {
        const stored = await service.recordWebhookEvent(event({ idempotency_key: "ecommerce:flaky" }))
        const fresh = await service.recordWebhookEvent(event({ idempotency_key: "ecommerce:fresh" }))
        for (let i = 1; i <= 5; i++) {
          expect((await service.claimWebhookEvent(stored.id))?.attempts).toBe(i)
          const after = await service.finishWebhookEvent(stored.id, { outcome: "pending", error: "ATH down" })
          expect(after.outcome).toBe(i < 5 ? "pending" : "failed")
        }
        const failed = await service.retrieveAthWebhookEvent(stored.id)
        expect(failed).toMatchObject({ outcome: "failed", processed_at: null, processing_started_at: null, error: "ATH down" })
        expect(await service.claimWebhookEvent(stored.id)).toBeNull()
        expect((await service.listRetryableWebhookEvents({ minAgeSeconds: 0, limit: 10 })).ids).toEqual([fresh.id])

        // A pending event out of attempts (a crash mid-run, or a row from before `failed`) is failed by the sweep.
        await service.updateAthWebhookEvents({ id: fresh.id, attempts: 5 })
        expect(await service.listRetryableWebhookEvents({ minAgeSeconds: 0, limit: 10 })).toEqual({ ids: [], newlyFailed: 1 })
        expect((await service.retrieveAthWebhookEvent(fresh.id)).outcome).toBe("failed")

        expect((await service.resetWebhookEventForReplay(stored.id)).outcome).toBe("pending")
        expect((await service.claimWebhookEvent(stored.id))?.attempts).toBe(6)
      })
    })

    describe("upsertTransaction", () => {
      it("creates a ledger row with exact amounts and defaults", async () => {
        const tx = await service.upsertTransaction({
          ecommerce_id: "ec-1",
          status: "OPEN",
          total: "10.50",
          last_synced_via: "medusa",
        })
        expect(tx.id).toMatch(/^athtx_/)
        expect(tx.status).toBe("OPEN")
        expect(tx.total).toBe(10.5)
        expect(tx.raw_total).toEqual({ value: "10.5", precision: 20 })
        expect(tx.refunded_total).toBe(0)
        expect(tx.currency_code).toBe("usd")
        expect(tx.fee).toBeNull()
      })

      it("never moves COMPLETED back, but still applies the other fields", async () => {
        await service.upsertTransaction({ ecommerce_id: "ec-1", status: "OPEN", total: "10" })
        await service.upsertTransaction({
          ecommerce_id: "ec-1",
          status: "COMPLETED",
          total: "10",
          reference_number: "ref-77",
        })
        for (const stale of ["OPEN", "CONFIRM", "CANCEL", "EXPIRED"] as const) {
          const tx = await service.upsertTransaction({
            ecommerce_id: "ec-1",
            status: stale,
            total: "10",
            customer_name: `after ${stale}`,
          })
          expect(tx.status).toBe("COMPLETED")
          expect(tx.customer_name).toBe(`after ${stale}`)
          expect(tx.reference_number).toBe("ref-77")
        }
      })

      it("keeps COMPLETED when stale and final writes race", async () => {
        await service.upsertTransaction({ ecommerce_id: "ec-race", status: "OPEN", total: "5" })
        // COMPLETED is sent first, so without the guard a later stale write would win.
        const statuses = ["COMPLETED", "OPEN", "CONFIRM", "OPEN", "CONFIRM", "OPEN", "CONFIRM", "OPEN"] as const
        const results = await settle(
          statuses.map((status) =>
            service.upsertTransaction({ ecommerce_id: "ec-race", status, total: "5" })
          )
        )
        expect(results.filter((r) => r.status === "rejected")).toEqual([])
        const [tx] = await service.listAthTransactions({ ecommerce_id: "ec-race" })
        expect(tx.status).toBe("COMPLETED")
        expect(await service.listAthTransactions({})).toHaveLength(1)
      })

      it("only moves forward before completion, and lets COMPLETED override an expiry", async () => {
        await service.upsertTransaction({ ecommerce_id: "ec-2", status: "CONFIRM", total: "3" })
        expect((await service.upsertTransaction({ ecommerce_id: "ec-2", status: "OPEN", total: "3" })).status).toBe("CONFIRM")
        expect((await service.upsertTransaction({ ecommerce_id: "ec-2", status: "EXPIRED", total: "3" })).status).toBe("EXPIRED")
        expect((await service.upsertTransaction({ ecommerce_id: "ec-2", status: "OPEN", total: "3" })).status).toBe("EXPIRED")
        expect((await service.upsertTransaction({ ecommerce_id: "ec-2", status: "COMPLETED", total: "3" })).status).toBe("COMPLETED")
      })

      it("grows refunded_total and never shrinks it", async () => {
        const base = { ecommerce_id: "ec-1", status: "COMPLETED" as const, total: "20" }
        await service.upsertTransaction(base)
        expect((await service.upsertTransaction({ ...base, refunded_total: "2.50" })).refunded_total).toBe(2.5)
        const shrunk = await service.upsertTransaction({ ...base, refunded_total: "1" })
        expect(shrunk.refunded_total).toBe(2.5)
        expect(shrunk.raw_refunded_total).toEqual({ value: "2.5", precision: 20 })
        const grown = await service.upsertTransaction({ ...base, refunded_total: "7.25" })
        expect(grown.refunded_total).toBe(7.25)
        expect(grown.raw_refunded_total).toEqual({ value: "7.25", precision: 20 })
      })

      it("updates an existing row from a partial input and refuses to invent one", async () => {
        await service.upsertTransaction({ ecommerce_id: "ec-1", status: "COMPLETED", total: "9.99" })
        const linked = await service.upsertTransaction({ ecommerce_id: "ec-1", payment_id: "pay_123" })
        expect(linked.payment_id).toBe("pay_123")
        expect(linked.status).toBe("COMPLETED")
        expect(linked.total).toBe(9.99)

        await expect(
          service.upsertTransaction({ ecommerce_id: "missing", payment_id: "pay_1" })
        ).rejects.toMatchObject({ type: MedusaError.Types.NOT_FOUND })
        await expect(
          service.upsertTransaction({ ecommerce_id: "ec-1", status: "PAID" as never, total: "1" })
        ).rejects.toMatchObject({ type: MedusaError.Types.INVALID_DATA })
        await expect(
          service.upsertTransaction({ ecommerce_id: "ec-1", status: "OPEN", total: "abc" })
        ).rejects.toMatchObject({ type: MedusaError.Types.INVALID_DATA })
      })
    })

    describe("upsertTransactions (report sync)", () => {
      it("counts inserts, is a no-op on re-run and counts real changes", async () => {
        const rows = reportRows(1201)
        expect(await service.upsertTransactions(rows)).toEqual({ inserted: 1201, updated: 0, unchanged: 0 })
        expect((await service.listAndCountAthTransactions({}, { take: 1 }))[1]).toBe(1201)

        // Same data, newer sync timestamp: bookkeeping alone is not a change.
        const rerun = rows.map((row) => ({ ...row, last_synced_at: new Date(Date.now() + 60_000) }))
        expect(await service.upsertTransactions(rerun)).toEqual({ inserted: 0, updated: 0, unchanged: 1201 })

        const changed = rows.map((row, i) => (i < 3 ? { ...row, customer_name: "Renamed" } : row))
        expect(await service.upsertTransactions(changed)).toEqual({ inserted: 0, updated: 3, unchanged: 1198 })

        const [sample] = await service.listAthTransactions({ ecommerce_id: "ec-00005" })
        expect(sample.total).toBe(6.25)
        expect(sample.fee).toBe(0.15)
        expect(sample.net_amount).toBe(6.1)
        expect(sample.transaction_date).toEqual(new Date(Date.UTC(2024, 4, 1, 12, 0, 5)))
        expect(sample.last_synced_via).toBe("report")
      })

      it("does not regress COMPLETED rows and handles a repeated id in one batch", async () => {
        await service.upsertTransactions(reportRows(3, "COMPLETED"))
        const stale = reportRows(3, "OPEN")
        const result = await service.upsertTransactions([
          ...stale,
          { ...stale[0], status: "CANCEL" },
          { ecommerce_id: "ec-new", status: "OPEN", total: "1" },
        ])
        expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 4 })
        const all = await service.listAthTransactions({}, { order: { ecommerce_id: "ASC" } })
        expect(all.map((t) => [t.ecommerce_id, t.status])).toEqual([
          ["ec-00000", "COMPLETED"],
          ["ec-00001", "COMPLETED"],
          ["ec-00002", "COMPLETED"],
          ["ec-new", "OPEN"],
        ])
      })
    })

    describe("listCustomerPayments (reconciliation's customer lookup)", () => {
      it("finds one customer's completed payments by the phone's digits exactly, newest first", async () => {
        const day = (d: number) => new Date(Date.UTC(2025, 0, d, 12))
        await service.upsertTransactions([
          { ecommerce_id: "c-old", status: "COMPLETED", total: "5.00", customer_phone: "(787) 555-0100", transaction_date: day(1) },
          { ecommerce_id: "c-new", status: "COMPLETED", total: "6.00", customer_phone: "787-555-0100", transaction_date: day(9) },
          { ecommerce_id: "c-open", status: "OPEN", total: "7.00", customer_phone: "7875550100", transaction_date: day(10) },
          // Same last four digits, another customer: a suffix match would take it.
          { ecommerce_id: "c-other", status: "COMPLETED", total: "8.00", customer_phone: "(939) 444-0100", transaction_date: day(11) },
        ])
        const found = await service.listCustomerPayments("7875550100", 25)
        expect(found.map((t) => t.ecommerce_id)).toEqual(["c-new", "c-old"])
        expect(await service.listCustomerPayments("0100", 25)).toEqual([])
        expect(await service.listCustomerPayments("", 25)).toEqual([])
        expect((await service.listCustomerPayments("7875550100", 1)).map((t) => t.ecommerce_id)).toEqual(["c-new"])
      })

      it("is answered by the customer index, not a scan of the ledger", async () => {
        const knex = MikroOrmWrapper.forkManager().getKnex()
        const plan = await knex.transaction(async (trx) => {
          // A test table is tiny, so the planner would scan it; forbid that to see whether the index can serve.
          await trx.raw("SET LOCAL enable_seqscan = off")
          const statement = customerPaymentIdsSql("7875550100", 25)
          const { rows } = await trx.raw(`EXPLAIN ${statement.sql}`, statement.bindings)
          return rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n")
        })
        expect(plan).toContain("IDX_athmovil_transaction_customer_digits")
      })
    })

    describe("recordRefund", () => {
      it("stores a refund once per identity_key, even under concurrency", async () => {
        const input = {
          identity_key: "medusa:ref_1",
          amount: "4.00",
          source: "medusa" as const,
          original_reference_number: "ref-1",
          medusa_refund_id: "ref_1",
        }
        const results = await Promise.all(Array.from({ length: 5 }, () => service.recordRefund(input)))
        expect(results.filter((r) => r.created)).toHaveLength(1)
        expect(new Set(results.map((r) => r.refund.id)).size).toBe(1)

        const again = await service.recordRefund(input)
        expect(again.created).toBe(false)
        expect(again.refund.id).toBe(results[0].refund.id)
        expect(again.refund.amount).toBe(4)
        expect(again.refund.raw_amount).toEqual({ value: "4", precision: 20 })
        expect(again.refund.state).toBe("completed")
        expect((await service.listAthRefunds({})).length).toBe(1)
      })

      it("keeps two partial refunds of one payment and sums them on the ledger", async () => {
        const tx = await service.upsertTransaction({
          ecommerce_id: "ec-1",
          reference_number: "ref-1",
          status: "COMPLETED",
          total: "10",
        })
        const first = await service.recordRefund({
          identity_key: "medusa:ref_a",
          amount: "3.25",
          source: "medusa",
          original_reference_number: "ref-1",
          transaction_id: tx.id,
        })
        const second = await service.recordRefund({
          identity_key: "report:ref-2",
          amount: "1.75",
          source: "report",
          state: "pending_medusa",
          reference_number: "ref-2",
          original_reference_number: "ref-1",
          refunded_at: "2024-05-02T10:00:00.000Z",
          transaction_id: tx.id,
        })
        expect([first.created, second.created]).toEqual([true, true])
        expect(second.refund.refunded_at).toEqual(new Date("2024-05-02T10:00:00.000Z"))

        const refunds = await service.listAthRefunds({ original_reference_number: "ref-1" })
        expect(refunds.map((r) => r.amount).sort()).toEqual([1.75, 3.25])

        const ledger = await service.retrieveAthTransaction(tx.id, { relations: ["refunds"] })
        expect(ledger.refunded_total).toBe(5)
        expect(ledger.raw_refunded_total).toEqual({ value: "5", precision: 20 })
        expect(ledger.refunds).toHaveLength(2)

        // A report total that already includes both refunds is not added again.
        const synced = await service.upsertTransaction({ ecommerce_id: "ec-1", refunded_total: "5" })
        expect(synced.refunded_total).toBe(5)
      })
    })
  },
})
