/**
 * A busy store's three years, written by SQL in a few batched `INSERT … SELECT generate_series`
 * statements (minutes, not hours): the ATH ledger with realistic statuses, ~80,000 customers'
 * phones, ~3 % refunded, webhook events, and the provider's finished Medusa payment sessions.
 * Every seeded row carries a `bench` marker in its id so `clearBigStore` removes exactly these.
 *
 * Shape per ledger row i of n (i = 0 oldest … n−1 newest, evenly over 3 years ending now):
 * - kind: 98 % eCommerce checkouts, 1.5 % ATH app payments, 0.5 % donations (other ATH income);
 * - status: 86 % COMPLETED, 7 % EXPIRED, 7 % CANCEL; the newest rows are OPEN/CONFIRM (tickets
 *   still in the shopper's hands), other income is always COMPLETED;
 * - phone: one of `phones` customers, a few of them buying often (r^1.5 skew), written as ATH
 *   writes it: half "(787) 555-0123", half digits only;
 * - 3 % of the completed rows refunded (two thirds in full), each with its athmovil_refund row.
 */

export interface SeedQuery {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
}

export interface SeedSize {
  ledger: number
  webhooks: number
  sessions: number
  phones: number
}

export const BIG: SeedSize = { ledger: 1_000_000, webhooks: 300_000, sessions: 1_000_000, phones: 80_000 }
/** The baseline of every ratio: the same store with 1 % of the rows (phones scaled alike). */
export const SMALL: SeedSize = { ledger: 10_000, webhooks: 3_000, sessions: 10_000, phones: 800 }

/** A store of `ledger` rows shaped like BIG (used to try the bench out quickly). */
export function scaledSize(ledger: number): SeedSize {
  return { ledger, webhooks: Math.round(ledger * 0.3), sessions: ledger, phones: Math.max(10, Math.round(ledger * 0.08)) }
}

const BATCH = 200_000
const SPAN = `interval '1095 days'`
/** Statuses of the newest rows: checkouts still open at ATH. */
const OPEN_TAIL = 40

export const ATH_PROVIDER = "pp_athmovil_athmovil"

async function inBatches(n: number, run: (from: number, to: number) => Promise<unknown>) {
  for (let from = 0; from < n; from += BATCH) await run(from, Math.min(n, from + BATCH) - 1)
}

/**
 * A deterministic uniform [0, 1) per row and salt (same store on every run): a Weyl sequence
 * (row × an odd 32-bit constant, mod 2³²), one constant per salt. Integer arithmetic only, so
 * a million rows cost nothing next to writing them.
 */
const PRIMES: Record<string, number> = { k: 2654435761, s: 2246822519, p: 3266489917, t: 668265263, r: 374761393, o: 3934873077 }
const u = (salt: string, expr = "i") => `((((${expr})::bigint * ${PRIMES[salt]}) % 4294967296)::float8 / 4294967296.0)`

const money = (expr: string) => `jsonb_build_object('value', (${expr})::text, 'precision', 20)`

async function seedLedger(db: SeedQuery, size: SeedSize, log: (l: string) => void) {
  await inBatches(size.ledger, async (from, to) => {
    await db.query(
      `
WITH base AS MATERIALIZED (
  SELECT i,
    now() - ${SPAN} * (1 - (i + 0.5) / $1::float8) AS at,
    CASE WHEN ${u("k")} < 0.015 THEN 'payment' WHEN ${u("k")} < 0.02 THEN 'donation' ELSE 'ecommerce' END AS kind,
    ${u("s")} AS rs,
    floor(${u("p")} ^ 1.5 * $2::int)::int AS phone,
    round((1 + 299 * ${u("t")} ^ 2)::numeric, 2) AS total,
    ${u("r")} AS rr,
    md5('ref' || i) AS hex
  FROM generate_series($3::int, $4::int) AS i
), rows AS MATERIALIZED (
  SELECT b.*,
    CASE WHEN b.kind <> 'ecommerce' THEN 'COMPLETED'
         WHEN i >= $1::int - ${OPEN_TAIL} THEN (CASE WHEN i % 4 = 0 THEN 'CONFIRM' ELSE 'OPEN' END)
         WHEN rs < 0.86 THEN 'COMPLETED' WHEN rs < 0.93 THEN 'EXPIRED' ELSE 'CANCEL' END AS status,
    lpad((5000000 + phone)::text, 7, '0') AS phone7,
    round(b.total * 0.115 / 1.115, 2) AS tax,
    round(b.total * 0.025, 2) AS fee
  FROM base b
), priced AS MATERIALIZED (
  SELECT r.*,
    CASE WHEN r.status = 'COMPLETED' AND r.rr < 0.02 THEN r.total
         WHEN r.status = 'COMPLETED' AND r.rr < 0.03 THEN round(r.total / 2, 2) ELSE 0 END AS refunded,
    (r.kind = 'ecommerce') AS checkout,
    (r.status = 'COMPLETED') AS done
  FROM rows r
)
INSERT INTO athmovil_transaction (
  id, ecommerce_id, kind, reference_number, daily_transaction_id, status, total, raw_total,
  subtotal, raw_subtotal, tax, raw_tax, items, phone_last4, fee, raw_fee, net_amount, raw_net_amount,
  refunded_total, raw_refunded_total, currency_code, customer_name, customer_phone, customer_email,
  metadata1, transaction_date, payment_session_id, payment_id, cart_id, order_id, expires_at,
  last_synced_at, last_synced_via, created_at, updated_at)
SELECT
  'athtx_bench' || lpad(i::text, 8, '0'),
  CASE WHEN checkout
       THEN substr(hex, 1, 8) || '-' || substr(hex, 9, 4) || '-' || substr(hex, 13, 4) || '-' || substr(hex, 17, 4) || '-' || substr(hex, 21, 12)
       ELSE 'ref:' || lpad((100000000 + i)::text, 9, '0') || '-' || hex END,
  kind,
  CASE WHEN done THEN lpad((100000000 + i)::text, 9, '0') || '-' || hex END,
  CASE WHEN done THEN lpad((i % 10000)::text, 4, '0') END,
  status, total, ${money("total")},
  CASE WHEN checkout THEN total - tax END, CASE WHEN checkout THEN ${money("total - tax")} END,
  CASE WHEN checkout THEN tax END, CASE WHEN checkout THEN ${money("tax")} END,
  CASE WHEN checkout THEN jsonb_build_array(jsonb_build_object('name', 'Café de Puerto Rico 12 oz', 'description', 'Molido', 'quantity', 1,
    'price', (total - tax)::text, 'tax', tax::text, 'metadata', 'variant_bench', 'sku', 'CAFE-12')) END,
  right(phone7, 4),
  CASE WHEN done THEN fee END, CASE WHEN done THEN ${money("fee")} END,
  CASE WHEN done THEN total - fee END, CASE WHEN done THEN ${money("total - fee")} END,
  refunded, ${money("refunded")}, 'usd',
  CASE WHEN done THEN 'Cliente ' || phone END,
  CASE WHEN done THEN (CASE WHEN i % 2 = 0 THEN '(787) ' || substr(phone7, 1, 3) || '-' || substr(phone7, 4) ELSE '787' || phone7 END) END,
  CASE WHEN done THEN 'cliente' || phone || '@example.com' END,
  CASE WHEN checkout THEN 'payses_bench' || lpad(i::text, 8, '0') END,
  CASE WHEN done THEN at + interval '40 seconds' END,
  CASE WHEN checkout THEN 'payses_bench' || lpad(i::text, 8, '0') END,
  CASE WHEN done AND checkout THEN 'pay_bench' || lpad(i::text, 8, '0') END,
  CASE WHEN checkout THEN 'cart_bench' || lpad(i::text, 8, '0') END,
  CASE WHEN done AND checkout THEN 'order_bench' || lpad(i::text, 8, '0') END,
  at + interval '10 minutes',
  at + interval '1 minute', CASE WHEN done THEN 'webhook' ELSE 'medusa' END,
  at, at + interval '1 minute'
FROM priced`,
      [size.ledger, size.phones, from, to]
    )
    log(`seed: ledger ${to + 1}/${size.ledger}`)
  })
  await db.query(`
INSERT INTO athmovil_refund (id, identity_key, reference_number, original_reference_number, amount, raw_amount,
  refunded_at, daily_transaction_id, message, source, state, medusa_refund_id, transaction_id, note, reason,
  customer_name, customer_phone, customer_email, created_at, updated_at)
SELECT 'athref_bench' || substr(t.id, 12), 'bench:' || t.id, 'rf' || t.reference_number, t.reference_number,
  t.refunded_total, t.raw_refunded_total, t.transaction_date + interval '3 days', t.daily_transaction_id,
  'Devolución', CASE WHEN right(t.id, 1) < '7' THEN 'medusa' ELSE 'business_app' END, 'completed',
  CASE WHEN right(t.id, 1) < '7' THEN 'refund_bench' || substr(t.id, 12) END, t.id,
  'Producto defectuoso', 'return', t.customer_name, t.customer_phone, t.customer_email,
  t.transaction_date + interval '3 days', t.transaction_date + interval '3 days'
FROM athmovil_transaction t WHERE t.id LIKE 'athtx_bench%' AND t.refunded_total > 0`)
  log(`seed: refunds written`)
}

/**
 * Webhook events: one ATH "completed" notice per sampled checkout, spread over the same 3 years,
 * most applied, some repeats counted on their original, raw bodies cleared past 90 days (the
 * retention job's default). Plus what the retry sweep meets after an outage: 150 events that used
 * every attempt (failed).
 */
async function seedWebhooks(db: SeedQuery, size: SeedSize, log: (l: string) => void) {
  await inBatches(size.webhooks, async (from, to) => {
    await db.query(
      `
WITH picked AS MATERIALIZED (
  SELECT k, t.ecommerce_id, t.reference_number, t.total, t.raw_total, t.customer_name, t.customer_phone, t.transaction_date,
         t.payment_session_id, t.payment_id, ${u("o", "k")} AS ro
  FROM generate_series($1::int, $2::int) AS k
  JOIN athmovil_transaction t ON t.id = 'athtx_bench' || lpad(floor(k * $3::float8 / $4::int)::int::text, 8, '0')
), bodies AS MATERIALIZED (
  SELECT p.*, jsonb_build_object('transactionType', 'ecommerce', 'status', 'completed', 'ecommerceId', p.ecommerce_id,
    'referenceNumber', p.reference_number, 'total', p.total::text, 'fee', round(p.total * 0.025, 2)::text,
    'name', p.customer_name, 'phoneNumber', p.customer_phone, 'email', 'cliente@example.com', 'metadata1', p.payment_session_id,
    'date', to_char(p.transaction_date AT TIME ZONE 'America/Puerto_Rico', 'YYYY-MM-DD HH24:MI:SS.MS')) AS body,
    COALESCE(p.transaction_date, now() - interval '1 day') AS at
  FROM picked p
)
INSERT INTO athmovil_webhook_event (id, idempotency_key, kind, status, ecommerce_id, reference_number, amount, raw_amount,
  payload, raw_body, remote_ip, received_at, last_received_at, delivery_count, processed_at, outcome, attempts,
  payment_session_id, payment_id, created_at, updated_at)
SELECT 'athwh_bench' || lpad(k::text, 8, '0'), 'bench:' || k || ':' || ecommerce_id || ':completed', 'ecommerce', 'completed',
  ecommerce_id, reference_number, total, raw_total, body,
  CASE WHEN at > now() - interval '90 days' THEN body::text || repeat(' ', 200) END,
  '52.1.2.3', at, at + CASE WHEN ro < 0.2 THEN interval '5 minutes' ELSE interval '0' END,
  CASE WHEN ro < 0.2 THEN 3 ELSE 1 END, at + interval '1 second',
  CASE WHEN ro < 0.95 THEN 'applied' WHEN ro < 0.98 THEN 'ignored' WHEN ro < 0.995 THEN 'unmatched' ELSE 'rejected' END,
  1, payment_session_id, payment_id, at, at
FROM bodies`,
      [from, to, size.ledger, size.webhooks]
    )
    log(`seed: webhook events ${to + 1}/${size.webhooks}`)
  })
  // An outage's leftovers: events that used every attempt (failed). The fresh failures the retry
  // sweep must take are written by bench/sweeps.ts when it runs (the server's own cron would take them first).
  await db.query(`
INSERT INTO athmovil_webhook_event (id, idempotency_key, kind, status, reference_number, amount, raw_amount, payload, raw_body,
  received_at, last_received_at, outcome, attempts, error, created_at, updated_at)
SELECT 'athwh_benchx' || lpad(k::text, 7, '0'), 'bench:refund:' || k, 'refund', 'completed', 'bench-unknown-' || k, 1.00,
  ${money("1.00")}, jsonb_build_object('transactionType', 'refund', 'referenceNumber', 'bench-unknown-' || k, 'total', '1.00'),
  jsonb_build_object('transactionType', 'refund', 'status', 'completed', 'referenceNumber', 'bench-unknown-' || k, 'total', '1.00',
    'date', '2026-11-20 10:00:00.0')::text,
  now() - interval '2 hours' + k * interval '1 second', now() - interval '2 hours',
  'failed', 5, 'ATH unreachable (bench)',
  now() - interval '2 hours', now() - interval '2 hours'
FROM generate_series(1, 150) AS k`)
}

/**
 * The provider's finished Medusa payment sessions (authorized → captured, or canceled) over the
 * same 3 years, each in its own payment collection: what the closed-tab sweep must not re-read.
 */
async function seedSessions(db: SeedQuery, size: SeedSize, log: (l: string) => void) {
  await inBatches(size.sessions, async (from, to) => {
    const range = [size.sessions, from, to]
    await db.query(
      `
INSERT INTO payment_collection (id, currency_code, amount, raw_amount, authorized_amount, raw_authorized_amount,
  captured_amount, raw_captured_amount, status, created_at, updated_at, completed_at)
SELECT 'pay_col_bench' || lpad(i::text, 8, '0'), 'usd', 25, ${money("25")}, 25, ${money("25")}, 25, ${money("25")},
  'completed', now() - ${SPAN} * (1 - (i + 0.5) / $1::float8), now() - ${SPAN} * (1 - (i + 0.5) / $1::float8), now() - ${SPAN} * (1 - (i + 0.5) / $1::float8)
FROM generate_series($2::int, $3::int) AS i`,
      range
    )
    await db.query(
      `
INSERT INTO payment_session (id, currency_code, amount, raw_amount, provider_id, data, context, status, authorized_at,
  payment_collection_id, created_at, updated_at)
SELECT 'payses_bench' || lpad(i::text, 8, '0'), 'usd', 25, ${money("25")}, '${ATH_PROVIDER}',
  jsonb_build_object('ecommerce_id', md5('ref' || i), 'phone_number', '787555' || lpad((i % 10000)::text, 4, '0'),
    'cart_id', 'cart_bench' || lpad(i::text, 8, '0'), 'athm_status', CASE WHEN ${u("s")} < 0.86 THEN 'COMPLETED' ELSE 'CANCEL' END,
    'auth_token', 'v2.' || repeat(md5('a' || i), 3), 'expires_at', now()),
  '{}'::jsonb, CASE WHEN ${u("s")} < 0.86 THEN 'captured' ELSE 'canceled' END,
  CASE WHEN ${u("s")} < 0.86 THEN now() - ${SPAN} * (1 - (i + 0.5) / $1::float8) END,
  'pay_col_bench' || lpad(i::text, 8, '0'),
  now() - ${SPAN} * (1 - (i + 0.5) / $1::float8), now() - ${SPAN} * (1 - (i + 0.5) / $1::float8) + interval '1 minute'
FROM generate_series($2::int, $3::int) AS i`,
      range
    )
    log(`seed: payment sessions ${to + 1}/${size.sessions}`)
  })
}

/** Removes every seeded row (and only those). */
export async function clearBigStore(db: SeedQuery) {
  await db.query(`DELETE FROM athmovil_refund WHERE id LIKE 'athref_bench%'`)
  await db.query(`DELETE FROM athmovil_webhook_event WHERE id LIKE 'athwh_bench%'`)
  await db.query(`DELETE FROM athmovil_transaction WHERE id LIKE 'athtx_bench%'`)
  await db.query(`DELETE FROM payment_session WHERE id LIKE 'payses_bench%'`)
  await db.query(`DELETE FROM payment_collection WHERE id LIKE 'pay_col_bench%'`)
}

const SEEDED_TABLES = ["athmovil_transaction", "athmovil_refund", "athmovil_webhook_event", "payment_session", "payment_collection"]

/**
 * Bulk loads are written with the tables' secondary indexes set aside and rebuilt afterwards
 * from their own definitions (pg_indexes): one sorted build per index instead of a million
 * random insertions. Constraint indexes (primary keys) stay.
 */
async function withoutSecondaryIndexes(db: SeedQuery, log: (l: string) => void, load: () => Promise<void>) {
  const indexes = await db.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [SEEDED_TABLES]
  )
  for (const i of indexes) await db.query(`DROP INDEX IF EXISTS "${i.name}"`)
  try {
    await load()
  } finally {
    const started = Date.now()
    for (const i of indexes) await db.query(i.def)
    log(`seed: ${indexes.length} indexes rebuilt in ${Math.round((Date.now() - started) / 1000)} s`)
  }
}

/** Seeds one size and leaves the tables analysed and vacuumed (visibility map set), as a live store's autovacuum would. */
export async function seedBigStore(db: SeedQuery, size: SeedSize, log: (l: string) => void): Promise<{ ms: number; rows: Record<string, number> }> {
  const started = Date.now()
  await clearBigStore(db)
  await withoutSecondaryIndexes(db, log, async () => {
    await seedLedger(db, size, log)
    await seedWebhooks(db, size, log)
    await seedSessions(db, size, log)
  })
  // The seeded refunds are the store's past, not news: the outbox the triggers filled with their
  // athmovil.refund.created events would otherwise be published during the timings.
  await db.query(`DELETE FROM athmovil_event_outbox`)
  for (const table of SEEDED_TABLES) {
    await db.query(`VACUUM (ANALYZE) "${table}"`)
  }
  const counts = await db.query<{ t: string; n: string }>(`
SELECT 'athmovil_transaction' AS t, count(*) AS n FROM athmovil_transaction
UNION ALL SELECT 'athmovil_refund', count(*) FROM athmovil_refund
UNION ALL SELECT 'athmovil_webhook_event', count(*) FROM athmovil_webhook_event
UNION ALL SELECT 'payment_session', count(*) FROM payment_session`)
  return { ms: Date.now() - started, rows: Object.fromEntries(counts.map((c) => [c.t, Number(c.n)])) }
}
