/**
 * SQL for the webhook inbox. Each statement is a single atomic step so that
 * concurrent deliveries and concurrent workers are arbitrated by PostgreSQL
 * (unique index, row locks) rather than by anything held in memory.
 */

const WEBHOOK_EVENT_TABLE = "athmovil_webhook_event"

/** A claim older than this is presumed abandoned (crashed worker) and may be retaken. */
const CLAIM_LEASE_SECONDS = 5 * 60

/** After this many failed attempts an event is `failed`: out of the retry job, waiting for a person (admin → Replay). */
export const MAX_WEBHOOK_ATTEMPTS = 5

/** Outcomes that close an event for good; a repeat of one of these is only counted. */
const NOT_BACKED = `('rejected', 'unmatched')`

const LIVE_CLAIM = `processing_started_at IS NOT NULL
  AND processing_started_at >= now() - make_interval(secs => ${CLAIM_LEASE_SECONDS})`

/**
 * Serialises, per idempotency key, every delivery and every hand-over of the key (transaction
 * scoped): where a delivery goes depends on the row that holds its key, so nothing may change
 * that row's ownership in between.
 */
export const LOCK_KEY_SQL = `SELECT pg_advisory_xact_lock(hashtextextended('athmovil-webhook-key:' || :idempotency_key, 0))`

/**
 * An original that ATH did not back (rejected, unmatched) gives its key up to a delivery with
 * other bytes, which becomes a new original and is verified with ATH again. Otherwise an early
 * forged "completed" would make ATH's genuine notice a mere repeat. A byte-identical delivery is
 * ATH (or a replayer) repeating the same notice: it is only counted, so repeats of an unmatched
 * notice never grow the table. The old row stays for the audit.
 */
export const RELEASE_UNBACKED_KEY_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET idempotency_key = NULL,
    error = concat_ws(' ', error, 'A later delivery of this event was processed in its place.'),
    updated_at = now()
WHERE idempotency_key = :idempotency_key AND deleted_at IS NULL AND outcome IN ${NOT_BACKED}
  AND raw_body IS DISTINCT FROM :raw_body
RETURNING id`

/**
 * The row holding the key after RELEASE_UNBACKED_KEY_SQL, locked. `undecided`: ATH has not
 * decided it yet (pending, or failed and waiting for a replay), so a delivery with other bytes
 * cannot be called its repeat — it may be the genuine notice behind a forged original.
 */
export const KEY_HOLDER_SQL = `
SELECT id, outcome IN ('pending', 'failed') AS undecided, raw_body IS NOT DISTINCT FROM :raw_body AS same_bytes
FROM "${WEBHOOK_EVENT_TABLE}"
WHERE idempotency_key = :idempotency_key AND deleted_at IS NULL
FOR UPDATE`

/** Counts one more delivery on a row. */
export const COUNT_DELIVERY_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET delivery_count = delivery_count + 1, last_received_at = now(), updated_at = now()
WHERE id = :id AND deleted_at IS NULL
RETURNING id`

/** A delivery already waiting for this key with exactly these bytes (its repeats count on it). */
export const HELD_WITH_BYTES_SQL = `
SELECT id FROM "${WEBHOOK_EVENT_TABLE}"
WHERE held_key = :idempotency_key AND deleted_at IS NULL AND outcome = 'pending' AND raw_body = :raw_body
LIMIT 1`

/** Stores a delivery held behind an undecided original: pending, waiting to take the key it holds. */
export const INSERT_HELD_SQL = `
INSERT INTO "${WEBHOOK_EVENT_TABLE}"
  (id, provider_id, idempotency_key, held_key, kind, status, ecommerce_id, reference_number, amount, raw_amount,
   payload, raw_body, remote_ip, received_at, last_received_at, delivery_count, outcome)
VALUES (:id, :provider_id, NULL, :idempotency_key, :kind, :status, :ecommerce_id, :reference_number, CAST(:amount AS numeric),
        CAST(:raw_amount AS jsonb), CAST(:payload AS jsonb), :raw_body, :remote_ip, now(), now(), 1, 'pending')
RETURNING id`

/** A pending held delivery and the key it waits for. */
export const HELD_EVENT_SQL = `
SELECT id, held_key, raw_body FROM "${WEBHOOK_EVENT_TABLE}"
WHERE id = :id AND deleted_at IS NULL AND held_key IS NOT NULL AND outcome = 'pending'`

/** The held delivery takes the key (its original gave it up): it is now an original of its own. */
export const TAKE_KEY_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET idempotency_key = held_key, held_key = NULL, updated_at = now()
WHERE id = :id AND deleted_at IS NULL
RETURNING id`

/** The held delivery was a repeat after all: its deliveries count on the key's holder and the row goes. */
export const FOLD_HELD_SQL = `
WITH held AS (
  DELETE FROM "${WEBHOOK_EVENT_TABLE}" WHERE id = :id AND deleted_at IS NULL
  RETURNING delivery_count, COALESCE(last_received_at, received_at) AS last_at
)
UPDATE "${WEBHOOK_EVENT_TABLE}" e
SET delivery_count = e.delivery_count + held.delivery_count,
    last_received_at = GREATEST(COALESCE(e.last_received_at, e.received_at), held.last_at),
    updated_at = now()
FROM held
WHERE e.id = :holder_id
RETURNING e.id`

/** Deliveries waiting for the verdict on this event (they wait for the key it holds), oldest first. */
export const LIST_HELD_SQL = `
SELECT h.id FROM "${WEBHOOK_EVENT_TABLE}" h
JOIN "${WEBHOOK_EVENT_TABLE}" o ON o.idempotency_key = h.held_key AND o.deleted_at IS NULL
WHERE o.id = ? AND h.deleted_at IS NULL AND h.outcome = 'pending'
ORDER BY h.received_at ASC`

/**
 * Stores a delivery in one round trip (named bindings, see `recordWebhookEvent`). The first
 * delivery of a key inserts the original; a repeat only raises the original's counter and
 * `last_received_at`. The unique index (partial on deleted_at IS NULL, as DML generates it) is
 * the arbiter, so exactly one of N concurrent deliveries inserts and the others count; ON
 * CONFLICT DO UPDATE always returns the row. `xmax = 0` only for a freshly inserted row.
 */
export const RECORD_EVENT_SQL = `
INSERT INTO "${WEBHOOK_EVENT_TABLE}" AS e
  (id, provider_id, idempotency_key, duplicate_of_id, kind, status, ecommerce_id, reference_number, amount, raw_amount,
   payload, raw_body, remote_ip, received_at, last_received_at, delivery_count, outcome, error, processed_at)
VALUES (:id, :provider_id, :idempotency_key, NULL, :kind, :status, :ecommerce_id, :reference_number, CAST(:amount AS numeric),
        CAST(:raw_amount AS jsonb), CAST(:payload AS jsonb), :raw_body, :remote_ip, now(), now(), 1,
        CAST(:outcome AS text), :error, CASE WHEN CAST(:outcome AS text) = 'pending' THEN NULL ELSE now() END)
ON CONFLICT ("idempotency_key") WHERE deleted_at IS NULL DO UPDATE
SET delivery_count = e.delivery_count + 1, last_received_at = now(), updated_at = now()
RETURNING id, (xmax = 0) AS inserted`

/**
 * Takes the event if it is pending and nobody holds a live claim. A second
 * concurrent UPDATE blocks on the row lock, then re-checks the WHERE against
 * the committed row and no longer matches, so only one worker gets a row back.
 */
export const CLAIM_EVENT_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET attempts = attempts + 1, processing_started_at = now(), updated_at = now()
WHERE id = ? AND deleted_at IS NULL AND outcome = 'pending' AND processed_at IS NULL
  AND NOT (${LIVE_CLAIM})
RETURNING id`

/**
 * "pending" releases the claim for a later retry instead of closing the event — unless the event
 * has used its attempts: then it is `failed`, out of the retry query, until an admin replays it.
 */
export const FINISH_EVENT_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET outcome = CASE WHEN CAST(? AS text) = 'pending' AND attempts >= ${MAX_WEBHOOK_ATTEMPTS} THEN 'failed'
                   ELSE CAST(? AS text) END,
    error = ?,
    processed_at = CASE WHEN CAST(? AS text) = 'pending' THEN NULL ELSE now() END,
    processing_started_at = NULL,
    payment_session_id = COALESCE(?, payment_session_id),
    payment_id = COALESCE(?, payment_id),
    updated_at = now()
WHERE id = ? AND deleted_at IS NULL
RETURNING id`

/**
 * Pending events out of attempts whose last claim is over (a crash left them pending, or rows
 * from before the `failed` outcome) become failed, so they never clog the retry query.
 */
export const FAIL_EXHAUSTED_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET outcome = 'failed', processing_started_at = NULL, updated_at = now(),
    error = COALESCE(error, 'Gave up after ${MAX_WEBHOOK_ATTEMPTS} attempts.')
WHERE outcome = 'pending' AND deleted_at IS NULL AND attempts >= ${MAX_WEBHOOK_ATTEMPTS}
  AND NOT (${LIVE_CLAIM})
RETURNING id`

/**
 * The oldest events the retry job may take now: pending, attempts left, no live claim, old enough,
 * and not held behind an original that is still undecided (its verdict hands them on).
 */
export const LIST_RETRYABLE_SQL = `
SELECT id FROM "${WEBHOOK_EVENT_TABLE}" e
WHERE outcome = 'pending' AND deleted_at IS NULL AND attempts < ${MAX_WEBHOOK_ATTEMPTS}
  AND received_at <= now() - make_interval(secs => ?)
  AND NOT (${LIVE_CLAIM})
  AND NOT EXISTS (
    SELECT 1 FROM "${WEBHOOK_EVENT_TABLE}" o
    WHERE o.idempotency_key = e.held_key AND o.deleted_at IS NULL AND o.outcome IN ('pending', 'failed')
  )
ORDER BY received_at ASC
LIMIT ?`

/** Refuses legacy repeat rows (replay their original) and events a worker is processing now. */
export const RESET_FOR_REPLAY_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET outcome = 'pending', processed_at = NULL, processing_started_at = NULL,
    error = NULL, updated_at = now()
WHERE id = ? AND deleted_at IS NULL AND duplicate_of_id IS NULL
  AND NOT (outcome = 'pending' AND ${LIVE_CLAIM})
RETURNING id`

/**
 * Retention, in batches so a year's backlog never holds long locks: the raw body of events that
 * are done (not pending, not failed) goes once they are older than the retention; the normalised
 * payload and the outcome stay, so the admin still shows what happened.
 */
export const CLEAR_OLD_BODIES_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}" SET raw_body = NULL, updated_at = now()
WHERE id IN (
  SELECT id FROM "${WEBHOOK_EVENT_TABLE}"
  WHERE raw_body IS NOT NULL AND processed_at IS NOT NULL AND outcome NOT IN ('pending', 'failed')
    AND received_at < now() - make_interval(days => ?) AND (CAST(? AS text) IS NULL OR provider_id = ?)
  LIMIT ?
)
RETURNING id`

/** Repeats stored as their own rows (before the repeat counter) past the retention: their original keeps the count. */
export const DELETE_OLD_REPEATS_SQL = `
DELETE FROM "${WEBHOOK_EVENT_TABLE}"
WHERE id IN (
  SELECT id FROM "${WEBHOOK_EVENT_TABLE}"
  WHERE duplicate_of_id IS NOT NULL AND received_at < now() - make_interval(days => ?) AND (CAST(? AS text) IS NULL OR provider_id = ?)
  LIMIT ?
)
RETURNING id`
