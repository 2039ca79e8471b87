/**
 * SQL for the webhook inbox. Each statement is a single atomic step so that
 * concurrent deliveries and concurrent workers are arbitrated by PostgreSQL
 * (unique index, row locks) rather than by anything held in memory.
 */

export const WEBHOOK_EVENT_TABLE = "athmovil_webhook_event"

/** A claim older than this is presumed abandoned (crashed worker) and may be retaken. */
export const CLAIM_LEASE_SECONDS = 5 * 60

const INSERT_COLUMNS = `id, idempotency_key, duplicate_of_id, kind, status, ecommerce_id,
  reference_number, amount, raw_amount, payload, raw_body, remote_ip, received_at,
  outcome, error, processed_at`

const EVENT_VALUES = `:kind, :status, :ecommerce_id, :reference_number, CAST(:amount AS numeric),
  CAST(:raw_amount AS jsonb), CAST(:payload AS jsonb), :raw_body, :remote_ip, now()`

/**
 * Stores a delivery in one round trip (named bindings, see `recordWebhookEvent`). The first
 * delivery of a key inserts the original; a later one finds it and inserts a duplicate row
 * pointing at it, with a NULL key so it never conflicts. The unique index (partial on
 * deleted_at IS NULL, as DML generates it) is the arbiter, so exactly one of N concurrent
 * deliveries becomes the original. One id serves both inserts: exactly one of them writes a
 * row. No row comes back when a concurrent delivery committed the
 * original after this statement's snapshot was taken: the caller runs it again.
 */
export const RECORD_EVENT_SQL = `
WITH original AS (
  INSERT INTO "${WEBHOOK_EVENT_TABLE}" (${INSERT_COLUMNS})
  VALUES (:id, :idempotency_key, NULL, ${EVENT_VALUES}, CAST(:outcome AS text), :error,
          CASE WHEN CAST(:outcome AS text) = 'pending' THEN NULL ELSE now() END)
  ON CONFLICT ("idempotency_key") WHERE deleted_at IS NULL DO NOTHING
  RETURNING id
), taken AS (
  SELECT id FROM "${WEBHOOK_EVENT_TABLE}"
  WHERE idempotency_key = :idempotency_key AND deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM original)
), duplicate AS (
  INSERT INTO "${WEBHOOK_EVENT_TABLE}" (${INSERT_COLUMNS})
  SELECT :id, NULL, taken.id, ${EVENT_VALUES}, 'duplicate', NULL, now() FROM taken
  RETURNING id, duplicate_of_id
)
SELECT id, NULL AS duplicate_of_id FROM original
UNION ALL
SELECT id, duplicate_of_id FROM duplicate`

/**
 * Takes the event if it is pending and nobody holds a live claim. A second
 * concurrent UPDATE blocks on the row lock, then re-checks the WHERE against
 * the committed row and no longer matches, so only one worker gets a row back.
 */
export const CLAIM_EVENT_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET attempts = attempts + 1, processing_started_at = now(), updated_at = now()
WHERE id = ? AND deleted_at IS NULL AND outcome = 'pending' AND processed_at IS NULL
  AND (processing_started_at IS NULL
       OR processing_started_at < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS}))
RETURNING id`

/** "pending" releases the claim for a later retry instead of closing the event. */
export const FINISH_EVENT_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET outcome = CAST(? AS text),
    error = ?,
    processed_at = CASE WHEN CAST(? AS text) = 'pending' THEN NULL ELSE now() END,
    processing_started_at = NULL,
    payment_session_id = COALESCE(?, payment_session_id),
    payment_id = COALESCE(?, payment_id),
    updated_at = now()
WHERE id = ? AND deleted_at IS NULL
RETURNING id`

/** Refuses duplicates (replay their original) and events a worker is processing now. */
export const RESET_FOR_REPLAY_SQL = `
UPDATE "${WEBHOOK_EVENT_TABLE}"
SET outcome = 'pending', processed_at = NULL, processing_started_at = NULL,
    error = NULL, updated_at = now()
WHERE id = ? AND deleted_at IS NULL AND duplicate_of_id IS NULL
  AND NOT (outcome = 'pending' AND processing_started_at IS NOT NULL
           AND processing_started_at >= now() - make_interval(secs => ${CLAIM_LEASE_SECONDS}))
RETURNING id`
