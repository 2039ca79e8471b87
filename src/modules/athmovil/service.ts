import type { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { EntityManager, Knex } from "@medusajs/framework/mikro-orm/knex"
import { AthRefund, AthTransaction, AthWebhookEvent } from "./models"
import type {
  AccountActivityDTO,
  FinishWebhookEventInput,
  RecordAccountActivityInput,
  RecordRefundInput,
  RecordRefundResult,
  RecordWebhookEventInput,
  RecordWebhookEventResult,
  RefundDTO,
  TransactionDTO,
  UpsertTransactionInput,
  UpsertTransactionRow,
  UpsertTransactionsResult,
  WebhookEventDTO,
} from "./types"
import type { CustomerRow, LedgerListRow, LedgerListTotals, RefundBooksTotals } from "./admin-views"
import { toAmountColumns } from "./utils/amounts"
import { entityId } from "./utils/entity-id"
import {
  FIND_REFUND_BY_KEY_SQL,
  INSERT_REFUND_SQL,
  RAISE_REFUNDED_TOTAL_SQL,
  REFUND_SOURCES,
  REFUND_STATES,
} from "./utils/refund-sql"
import {
  buildUpsertStatement,
  canCreateRow,
  planUpsertBatches,
  prepareTransactionRow,
  runTransactionUpsert,
} from "./utils/transaction-upsert-sql"
import type { BooksCursor } from "./utils/books-filter"
import { customerPageSql, customerPaymentIdsSql, type CustomerFilter } from "./utils/customers-sql"
import { QUEUE_EVENT_SQL, TAKE_QUEUED_EVENTS_SQL } from "./utils/event-outbox-sql"
import { LATEST_SIMULATED_SQL, LIST_ACTIVITY_SQL, RECORD_ACTIVITY_SQL } from "./utils/account-activity-sql"

/** A plugin event waiting in the outbox (names and payloads: ../events.ts). */
export interface QueuedEvent {
  name: string
  data: Record<string, unknown>
}

import {
  ledgerPageSql,
  ledgerTotalsSql,
  type LedgerBooksFilter,
  type LedgerBooksRow,
  type LedgerBooksTotals,
} from "./utils/ledger-export-sql"
import { refundPageSql, refundTotalsSql, type RefundListFilter, type RefundListRow } from "./utils/refunds-list-sql"
import {
  COUNT_CAP,
  ledgerListCountSql,
  ledgerListPageSql,
  ledgerListTotalsSql,
  type LedgerListFilter,
} from "./utils/transactions-list-sql"
import {
  CLAIM_EVENT_SQL,
  CLEAR_OLD_BODIES_SQL,
  COUNT_DELIVERY_SQL,
  DELETE_OLD_REPEATS_SQL,
  FAIL_EXHAUSTED_SQL,
  FINISH_EVENT_SQL,
  FOLD_HELD_SQL,
  HELD_EVENT_SQL,
  HELD_WITH_BYTES_SQL,
  INSERT_HELD_SQL,
  KEY_HOLDER_SQL,
  LIST_HELD_SQL,
  LIST_RETRYABLE_SQL,
  LOCK_KEY_SQL,
  RECORD_EVENT_SQL,
  RELEASE_UNBACKED_KEY_SQL,
  RESET_FOR_REPLAY_SQL,
  TAKE_KEY_SQL,
} from "./utils/webhook-event-sql"

/** Rows per INSERT for the report sync: ~25 bindings a row stays far below pg's 65535. */
const UPSERT_CHUNK_SIZE = 500

const FINISH_OUTCOMES = ["pending", "applied", "ignored", "unmatched", "rejected"]

/**
 * The only writer of the ATH Móvil tables. Writes that can race (webhook
 * redeliveries, competing workers, webhook vs. poll vs. report) are single SQL
 * statements guarded by unique indexes and row locks; nothing relies on a
 * read-then-write in JS. Statements run in autocommit unless the caller
 * passes a transaction in the shared context.
 */
export default class AthMovilModuleService extends MedusaService<{
  AthWebhookEvent: { dto: WebhookEventDTO }
  AthTransaction: { dto: TransactionDTO }
  AthRefund: { dto: RefundDTO }
}>({ AthWebhookEvent, AthTransaction, AthRefund }) {
  /**
   * Stores a delivery. Where it goes is `placeDelivery`'s rule: a first delivery of its key is a
   * new original; a repeat of a decided original (applied, ignored), or a byte-identical repeat,
   * only raises a counter (ATH repeats notices); a delivery with other bytes while the original is
   * undecided is stored as its own row held behind it, so a forged original cannot swallow the
   * genuine notice. Returns ids only: the webhook listener answers ATH from this alone.
   */
  @InjectTransactionManager()
  async recordWebhookEvent(
    input: RecordWebhookEventInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RecordWebhookEventResult> {
    const amount = input.amount === null || input.amount === undefined
      ? null
      : toAmountColumns(input.amount, "amount")
    const bindings = {
      id: entityId("athwh"),
      provider_id: input.provider_id,
      idempotency_key: input.idempotency_key,
      kind: input.kind,
      status: input.status ?? null,
      ecommerce_id: input.ecommerce_id ?? null,
      reference_number: input.reference_number ?? null,
      amount: amount?.numeric ?? null,
      raw_amount: amount?.raw ?? null,
      payload: input.payload === null || input.payload === undefined ? null : JSON.stringify(input.payload),
      raw_body: input.raw_body,
      remote_ip: input.remote_ip ?? null,
      outcome: input.outcome ?? "pending",
      error: input.error ?? null,
    }
    const counted = (id: string) => ({ id, duplicate: true, duplicate_of_id: id })
    if (input.idempotency_key !== null) {
      const place = await this.placeDelivery(input.idempotency_key, input.raw_body, sharedContext)
      if (place.to === "count") {
        await this.query(sharedContext, COUNT_DELIVERY_SQL, { id: place.holder_id })
        return counted(place.holder_id)
      }
      if (place.to === "hold") {
        const [same] = await this.query<{ id: string }>(sharedContext, HELD_WITH_BYTES_SQL, bindings)
        if (same) {
          await this.query(sharedContext, COUNT_DELIVERY_SQL, { id: same.id })
          return counted(same.id)
        }
        const [row] = await this.query<{ id: string }>(sharedContext, INSERT_HELD_SQL, bindings)
        return { id: row.id, duplicate: false, duplicate_of_id: null }
      }
    }
    const [row] = await this.query<{ id: string; inserted: boolean }>(sharedContext, RECORD_EVENT_SQL, bindings)
    if (!row) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Webhook event with idempotency key ${input.idempotency_key} could not be recorded`
      )
    }
    return { id: row.id, duplicate: !row.inserted, duplicate_of_id: row.inserted ? null : row.id }
  }

  /**
   * The one rule for where a delivery of `idempotencyKey` with these bytes belongs, shared by a
   * new delivery and a held one whose original was decided. Runs in the caller's transaction and
   * takes the key's lock, so concurrent deliveries and hand-overs of one key are decided in turn.
   * - `new`: no row holds the key (an unbacked original with other bytes just gave it up).
   * - `count`: a repeat — same bytes as the holder, or the holder was decided (applied, ignored).
   * - `hold`: other bytes while the holder is undecided (pending, failed): wait for its verdict.
   */
  private async placeDelivery(
    idempotencyKey: string,
    rawBody: string | null,
    sharedContext: Context
  ): Promise<{ to: "new" } | { to: "count" | "hold"; holder_id: string }> {
    const key = { idempotency_key: idempotencyKey, raw_body: rawBody }
    await this.query(sharedContext, LOCK_KEY_SQL, { idempotency_key: idempotencyKey })
    await this.query(sharedContext, RELEASE_UNBACKED_KEY_SQL, key)
    const [holder] = await this.query<{ id: string; undecided: boolean; same_bytes: boolean }>(
      sharedContext,
      KEY_HOLDER_SQL,
      key
    )
    if (!holder) return { to: "new" }
    return { to: holder.undecided && !holder.same_bytes ? "hold" : "count", holder_id: holder.id }
  }

  /**
   * A held delivery (`held_key`): once the key's holder is decided it takes the key (the holder
   * was rejected or unmatched) and may be processed, or it was a repeat and is folded into the
   * holder's counter; while the holder is undecided it waits. Returns whether it may be claimed.
   */
  private async settleHeldWebhookEvent(id: string, sharedContext: Context): Promise<boolean> {
    const [held] = await this.query<{ id: string; held_key: string; raw_body: string | null }>(
      sharedContext,
      HELD_EVENT_SQL,
      { id }
    )
    if (!held) return true
    const place = await this.placeDelivery(held.held_key, held.raw_body, sharedContext)
    if (place.to === "new") {
      await this.query(sharedContext, TAKE_KEY_SQL, { id })
      return true
    }
    if (place.to === "count") {
      await this.query(sharedContext, FOLD_HELD_SQL, { id, holder_id: place.holder_id })
    }
    return false
  }

  /** Deliveries held behind this event, waiting for its verdict (the worker hands them on). */
  @InjectManager()
  async listHeldWebhookEventIds(
    originalId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const rows = await this.query<{ id: string }>(sharedContext, LIST_HELD_SQL, [originalId])
    return rows.map((r) => r.id)
  }

  /**
   * The oldest events the retry job may take: pending with attempts left and no live claim.
   * Events out of attempts are marked `failed` first, so they can never fill the page and
   * starve newer ones. Returns the ids and how many were just marked failed.
   */
  @InjectManager()
  async listRetryableWebhookEvents(
    { minAgeSeconds, limit }: { minAgeSeconds: number; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ ids: string[]; newlyFailed: number }> {
    const failed = await this.query<{ id: string }>(sharedContext, FAIL_EXHAUSTED_SQL, [])
    const rows = await this.query<{ id: string }>(sharedContext, LIST_RETRYABLE_SQL, [minAgeSeconds, limit])
    return { ids: rows.map((r) => r.id), newlyFailed: failed.length }
  }

  /**
   * Retention: clears the raw body of processed events older than `olderThanDays` and deletes
   * repeats stored as their own rows (before the repeat counter) older than that, in batches.
   */
  @InjectManager()
  async purgeWebhookEvents(
    // providerId: one account's events (each account has its own retention); absent: every account's.
    { olderThanDays, providerId = null, batchSize = 1000 }: { olderThanDays: number; providerId?: string | null; batchSize?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ bodiesCleared: number; repeatsDeleted: number }> {
    if (!Number.isInteger(olderThanDays) || olderThanDays < 1) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "olderThanDays must be a whole number of days, at least 1")
    }
    const drain = async (sql: string) => {
      let total = 0
      for (;;) {
        const rows = await this.query<{ id: string }>(sharedContext, sql, [olderThanDays, providerId, providerId, batchSize])
        total += rows.length
        if (rows.length < batchSize) return total
      }
    }
    return { bodiesCleared: await drain(CLEAR_OLD_BODIES_SQL), repeatsDeleted: await drain(DELETE_OLD_REPEATS_SQL) }
  }

  /**
   * Takes a pending event for processing. Returns null when another worker
   * holds a live claim or the event is already done, or when it is held behind an undecided
   * original (or turned out to be its repeat). A claim older than the
   * lease (5 minutes) is considered abandoned and can be taken over.
   */
  @InjectTransactionManager()
  async claimWebhookEvent(
    id: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<WebhookEventDTO | null> {
    // A held delivery is only processed once its original is decided and it took the key.
    if (!(await this.settleHeldWebhookEvent(id, sharedContext))) return null
    const [claimed] = await this.query<{ id: string }>(sharedContext, CLAIM_EVENT_SQL, [id])
    return claimed ? await this.retrieveAthWebhookEvent(claimed.id, {}, sharedContext) : null
  }

  /** Closes a claimed event; outcome "pending" instead releases it for a retry. */
  @InjectManager()
  async finishWebhookEvent(
    id: string,
    result: FinishWebhookEventInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<WebhookEventDTO> {
    if (!FINISH_OUTCOMES.includes(result.outcome)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `outcome must be one of ${FINISH_OUTCOMES.join(", ")}`
      )
    }
    const [finished] = await this.query<{ id: string }>(sharedContext, FINISH_EVENT_SQL, [
      result.outcome,
      result.outcome,
      result.error ?? null,
      result.outcome,
      result.payment_session_id ?? null,
      result.payment_id ?? null,
      id,
    ])
    if (!finished) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Webhook event ${id} was not found`)
    }
    return await this.retrieveAthWebhookEvent(id, {}, sharedContext)
  }

  /**
   * Puts an event back to pending so it is processed again (admin replay), failed events
   * included. Repeat rows cannot be replayed (replay the original), nor can an event a
   * worker is processing right now.
   */
  @InjectManager()
  async resetWebhookEventForReplay(
    id: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<WebhookEventDTO> {
    const [reset] = await this.query<{ id: string }>(sharedContext, RESET_FOR_REPLAY_SQL, [id])
    const event = await this.retrieveAthWebhookEvent(id, {}, sharedContext)
    if (reset) {
      return event
    }
    if (event.duplicate_of_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Webhook event ${id} is a duplicate; replay ${event.duplicate_of_id} instead`
      )
    }
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Webhook event ${id} is being processed; try again later`
    )
  }

  /**
   * Creates or updates one ledger row by ecommerce_id with only the provided
   * fields (status never moves backwards, refunded_total never shrinks).
   * Without both `status` and `total` it can only update an existing row.
   */
  @InjectManager()
  async upsertTransaction(
    data: UpsertTransactionInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TransactionDTO> {
    const row = await runTransactionUpsert({ raw: (sql, bindings) => this.query(sharedContext, sql, bindings) }, data)
    const [transaction] = await this.listAthTransactions(
      { ecommerce_id: row.ecommerce_id },
      { take: 1 },
      sharedContext
    )
    if (!transaction) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `ATH Móvil transaction ${row.ecommerce_id} does not exist and status/total were not given to create it`
      )
    }
    return transaction
  }

  /**
   * Batch upsert for the report sync, in statements of 500 rows with the same
   * rules as upsertTransaction. Each statement commits on its own, so a failed
   * run keeps what it wrote and can simply be re-run.
   */
  @InjectManager()
  async upsertTransactions(
    rows: UpsertTransactionRow[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UpsertTransactionsResult> {
    const prepared = rows.map(prepareTransactionRow)
    const incomplete = prepared.find((row) => !canCreateRow(row))
    if (incomplete) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Row for ${incomplete.ecommerce_id} needs status and total`
      )
    }
    const result: UpsertTransactionsResult = { inserted: 0, updated: 0, unchanged: 0 }
    for (const batch of planUpsertBatches(prepared, UPSERT_CHUNK_SIZE)) {
      const statement = buildUpsertStatement(batch)
      const written = await this.query<{ id: string; inserted: boolean }>(
        sharedContext,
        statement.sql,
        statement.bindings
      )
      const inserted = written.filter((row) => row.inserted).length
      result.inserted += inserted
      result.updated += written.length - inserted
      result.unchanged += batch.length - written.length
    }
    return result
  }

  /**
   * Stores a refund once per identity_key; later calls return the stored row
   * with created=false. A new refund linked to a ledger row also raises that
   * row's refunded_total to the sum of its refunds.
   */
  @InjectManager()
  async recordRefund(
    data: RecordRefundInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RecordRefundResult> {
    validateRefund(data)
    const amount = toAmountColumns(data.amount, "amount")
    const [written] = await this.query<{ id: string; created: boolean }>(sharedContext, INSERT_REFUND_SQL, [
      generateEntityId(undefined, "athref"),
      data.identity_key,
      data.reference_number ?? null,
      data.original_reference_number ?? null,
      amount.numeric,
      amount.raw,
      data.refunded_at ?? null,
      data.daily_transaction_id ?? null,
      data.message ?? null,
      data.source,
      data.state ?? "completed",
      data.medusa_refund_id ?? null,
      data.transaction_id ?? null,
      data.note ?? null,
      data.reason ?? null,
      data.customer_name ?? null,
      data.customer_phone ?? null,
      data.customer_email ?? null,
    ])
    const created = written?.created ? written : undefined
    if (created && data.transaction_id) {
      await this.query(sharedContext, RAISE_REFUNDED_TOTAL_SQL, [
        data.transaction_id,
        data.transaction_id,
      ])
    }
    const id =
      written?.id ??
      (await this.query<{ id: string }>(sharedContext, FIND_REFUND_BY_KEY_SQL, [data.identity_key]))[0]
        ?.id
    if (!id) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Refund ${data.identity_key} could not be recorded`
      )
    }
    return { refund: await this.retrieveAthRefund(id, {}, sharedContext), created: Boolean(created) }
  }

  /**
   * One keyset page of refunds across all payments (Refunds tab, refunds.csv), newest first for
   * the tab and oldest first for the export. At most 1000 rows a call.
   */
  @InjectManager()
  async listBooksRefunds(
    filter: RefundListFilter,
    page: { cursor: BooksCursor | null; limit: number; direction?: "asc" | "desc" },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RefundListRow[]> {
    const statement = refundPageSql(filter, page.cursor, boundedLimit(page.limit), page.direction ?? "desc")
    return this.query<RefundListRow>(sharedContext, statement.sql, statement.bindings)
  }

  /** Count and sum of every refund the filter matches, by PostgreSQL. */
  @InjectManager()
  async refundBooksTotals(
    filter: RefundListFilter,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RefundBooksTotals> {
    const statement = refundTotalsSql(filter)
    const [row] = await this.query<RefundBooksTotals>(sharedContext, statement.sql, statement.bindings)
    return row
  }

  /** One page of customers (one per ATH phone number) in phone order, grouped by PostgreSQL. */
  @InjectManager()
  async listCustomers(
    filter: CustomerFilter,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CustomerRow[]> {
    const statement = customerPageSql(filter, boundedLimit(limit))
    return this.query<CustomerRow>(sharedContext, statement.sql, statement.bindings)
  }

  /** One customer's completed payments (phone digits exactly), newest first, through the customer index. */
  @InjectManager()
  async listCustomerPayments(
    phoneDigits: string,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ) {
    if (!/^\d+$/.test(phoneDigits)) return []
    const statement = customerPaymentIdsSql(phoneDigits, boundedLimit(limit))
    const ids = (await this.query<{ id: string }>(sharedContext, statement.sql, statement.bindings)).map((r) => r.id)
    if (!ids.length) return []
    const rows = await this.listAthTransactions({ id: ids }, { take: ids.length }, sharedContext)
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.map((id) => byId.get(id)).filter((r): r is (typeof rows)[number] => !!r)
  }

  /** One keyset batch of ledger rows in date order (transactions.csv, other-income lists). */
  @InjectManager()
  async listLedgerBooksRows(
    filter: LedgerBooksFilter,
    page: { cursor: BooksCursor | null; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerBooksRow[]> {
    const statement = ledgerPageSql(filter, page.cursor, boundedLimit(page.limit))
    return this.query<LedgerBooksRow>(sharedContext, statement.sql, statement.bindings)
  }

  /** Money of the completed ledger rows the filter matches (kind, dates), by PostgreSQL. */
  @InjectManager()
  async ledgerBooksTotals(
    filter: LedgerBooksFilter,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerBooksTotals> {
    const statement = ledgerTotalsSql(filter)
    const [row] = await this.query<LedgerBooksTotals>(sharedContext, statement.sql, statement.bindings)
    return row
  }

  /**
   * One page of the admin ledger list, newest first, and how many rows the filter matches,
   * counted up to COUNT_CAP (`count_capped` when there are more): bounded work at any size.
   */
  @InjectManager()
  async listLedgerPage(
    filter: LedgerListFilter,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ rows: LedgerListRow[]; count: number; count_capped: boolean }> {
    const rows = ledgerListPageSql(filter, boundedLimit(page.limit), page.offset)
    const count = ledgerListCountSql(filter)
    const [list, [counted]] = await Promise.all([
      this.query<LedgerListRow>(sharedContext, rows.sql, rows.bindings),
      this.query<{ count: number }>(sharedContext, count.sql, count.bindings),
    ])
    return { rows: list, count: Math.min(counted.count, COUNT_CAP), count_capped: counted.count > COUNT_CAP }
  }

  /** Exact money of every completed ledger row the filter matches: one PostgreSQL aggregate. */
  @InjectManager()
  async ledgerListTotals(
    filter: LedgerListFilter,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerListTotals> {
    const statement = ledgerListTotalsSql(filter)
    const [row] = await this.query<LedgerListTotals>(sharedContext, statement.sql, statement.bindings)
    return row
  }

  /**
   * Publishes up to `limit` queued events (the outbox the database triggers fill, see
   * Migration20261202110000) through `publish`, oldest first, and removes them in the same
   * transaction: rows another instance is publishing are skipped, and if `publish` throws they
   * stay queued for the next run. Returns how many were published.
   */
  @InjectTransactionManager()
  async publishQueuedEvents(
    publish: (events: QueuedEvent[]) => Promise<unknown>,
    limit: number = 200,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const events = await this.query<QueuedEvent>(sharedContext, TAKE_QUEUED_EVENTS_SQL, [boundedLimit(limit)])
    if (events.length) await publish(events.map(({ name, data }) => ({ name, data })))
    return events.length
  }

  /** Queues an event for facts no table row stands for (a finished reconciliation). */
  @InjectManager()
  async queueEvent(
    event: QueuedEvent,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await this.query(sharedContext, QUEUE_EVENT_SQL, [event.name, JSON.stringify(event.data)])
  }

  /** Overwrites one heartbeat of an ATH account (its last subscription, a job's last run). */
  @InjectManager()
  async recordAccountActivity(
    input: RecordAccountActivityInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await this.query(sharedContext, RECORD_ACTIVITY_SQL, [input.provider_id, input.name, input.ok, JSON.stringify(input.detail ?? {})])
  }

  @InjectManager()
  async listAccountActivity(
    providerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AccountActivityDTO[]> {
    return this.query<AccountActivityDTO>(sharedContext, LIST_ACTIVITY_SQL, [providerId])
  }

  /** When the latest SIMULATED event reached the account's listener, or null. */
  @InjectManager()
  async latestSimulatedWebhookAt(providerId: string, @MedusaContext() sharedContext: Context = {}): Promise<Date | null> {
    const [row] = await this.query<{ at: Date | null }>(sharedContext, LATEST_SIMULATED_SQL, [providerId])
    return row?.at ?? null
  }

  /** Runs raw SQL on the context's transaction if there is one, else on the pool. */
  private async query<T = Record<string, unknown>>(
    sharedContext: Context,
    sql: string,
    bindings: readonly unknown[] | Record<string, unknown>
  ): Promise<T[]> {
    const manager = (sharedContext.transactionManager ?? sharedContext.manager) as EntityManager
    const knex: Knex = manager.getTransactionContext<Knex.Transaction>() ?? manager.getKnex()
    const result = await knex.raw(sql, bindings as Knex.RawBinding[] | Knex.ValueDict)
    return (result as { rows: T[] }).rows
  }
}

/** Every books read is bounded: a page or export batch never exceeds 1000 rows. */
function boundedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "limit must be a whole number from 1 to 1000")
  }
  return limit
}

function validateRefund(data: RecordRefundInput): void {
  if (typeof data.identity_key !== "string" || !data.identity_key.trim()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "identity_key is required")
  }
  if (!(REFUND_SOURCES as readonly string[]).includes(data.source)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `source must be one of ${REFUND_SOURCES.join(", ")}`
    )
  }
  if (data.state !== undefined && !(REFUND_STATES as readonly string[]).includes(data.state)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `state must be one of ${REFUND_STATES.join(", ")}`
    )
  }
}
