import { TRANSACTION_TABLE } from "./transaction-upsert-sql"

export const REFUND_TABLE = "athmovil_refund"

export const REFUND_SOURCES = ["medusa", "webhook", "report", "business_app"] as const
export const REFUND_STATES = ["completed", "pending_medusa", "synced"] as const

/**
 * The unique index on identity_key decides which of several racing writers creates the row.
 * A later writer only fills in details still missing (Medusa's note and reason, ATH's message and
 * customer), never overwrites them; `created` tells the first writer apart.
 */
export const INSERT_REFUND_SQL = `
INSERT INTO "${REFUND_TABLE}" AS r (id, identity_key, reference_number, original_reference_number,
  amount, raw_amount, refunded_at, daily_transaction_id, message, source, state,
  medusa_refund_id, transaction_id, note, reason, customer_name, customer_phone, customer_email)
VALUES (?, ?, ?, ?, CAST(? AS numeric), CAST(? AS jsonb), CAST(? AS timestamptz), ?, ?,
  CAST(? AS text), CAST(? AS text), ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT ("identity_key") WHERE deleted_at IS NULL DO UPDATE SET
  message = COALESCE(r.message, excluded.message),
  medusa_refund_id = COALESCE(r.medusa_refund_id, excluded.medusa_refund_id),
  note = COALESCE(r.note, excluded.note),
  reason = COALESCE(r.reason, excluded.reason),
  customer_name = COALESCE(r.customer_name, excluded.customer_name),
  customer_phone = COALESCE(r.customer_phone, excluded.customer_phone),
  customer_email = COALESCE(r.customer_email, excluded.customer_email),
  updated_at = now()
WHERE ROW(r.message, r.medusa_refund_id, r.note, r.reason, r.customer_name, r.customer_phone, r.customer_email)
  IS DISTINCT FROM ROW(COALESCE(r.message, excluded.message), COALESCE(r.medusa_refund_id, excluded.medusa_refund_id),
    COALESCE(r.note, excluded.note), COALESCE(r.reason, excluded.reason), COALESCE(r.customer_name, excluded.customer_name),
    COALESCE(r.customer_phone, excluded.customer_phone), COALESCE(r.customer_email, excluded.customer_email))
RETURNING id, (xmax = 0) AS created`

export const FIND_REFUND_BY_KEY_SQL = `
SELECT id FROM "${REFUND_TABLE}" WHERE identity_key = ? AND deleted_at IS NULL`

/**
 * Raises the ledger's refunded_total to at least the sum of its stored
 * refunds. Taking the maximum (never adding) means a total that ATH already
 * reported through another source is not counted twice, and two refunds
 * recorded concurrently (each committed before this runs) still end at
 * their sum.
 */
export const RAISE_REFUNDED_TOTAL_SQL = `
WITH s AS (
  SELECT trim_scale(COALESCE(SUM(amount), 0)) AS total
  FROM "${REFUND_TABLE}" WHERE transaction_id = ? AND deleted_at IS NULL
)
UPDATE "${TRANSACTION_TABLE}" AS t
SET refunded_total = s.total,
    raw_refunded_total = jsonb_build_object('value', s.total::text, 'precision', 20),
    updated_at = now()
FROM s
WHERE t.id = ? AND t.deleted_at IS NULL AND s.total > t.refunded_total`
