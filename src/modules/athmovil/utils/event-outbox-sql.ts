/** The plugin's event outbox (Migration20261202110000): filled by triggers and by these statements. */

const OUTBOX_TABLE = "athmovil_event_outbox"

/** Queues one event (name, JSON payload). */
export const QUEUE_EVENT_SQL = `INSERT INTO "${OUTBOX_TABLE}" ("name", "data") VALUES (?, CAST(? AS jsonb))`

/** Takes up to ? queued events, oldest first, skipping those another publisher holds, and removes them. */
export const TAKE_QUEUED_EVENTS_SQL = `
WITH taken AS (
  DELETE FROM "${OUTBOX_TABLE}" WHERE "id" IN (
    SELECT "id" FROM "${OUTBOX_TABLE}" ORDER BY "id" LIMIT ? FOR UPDATE SKIP LOCKED
  )
  RETURNING "id", "name", "data"
)
SELECT "name", "data" FROM taken ORDER BY "id"`
