/** Heartbeats per ATH account (Migration20261206120000): the last subscription, each job's last run. */

const TABLE = "athmovil_account_activity"

/** Overwrites (provider_id, name) with the database's now(), ok and the JSON detail. */
export const RECORD_ACTIVITY_SQL = `
INSERT INTO "${TABLE}" ("provider_id", "name", "at", "ok", "detail") VALUES (?, ?, now(), ?, CAST(? AS jsonb))
ON CONFLICT ("provider_id", "name") DO UPDATE SET "at" = excluded."at", "ok" = excluded."ok", "detail" = excluded."detail"`

/** One account's heartbeats, with their age on the database's clock (the one that wrote them). */
export const LIST_ACTIVITY_SQL = `
SELECT "name", "at", "ok", "detail", floor(extract(epoch FROM now() - "at"))::int AS "age_seconds"
FROM "${TABLE}" WHERE "provider_id" = ?`

/** When the latest SIMULATED event (the ATH Business app's test) reached one account's listener, a redelivery included. */
export const LATEST_SIMULATED_SQL = `
SELECT max(coalesce("last_received_at", "received_at")) AS "at" FROM "athmovil_webhook_event"
WHERE "kind" = 'simulated' AND "provider_id" = ? AND "deleted_at" IS NULL`

/** The heartbeat names: the subscribe route's, and one per scheduled job (`job.<name>`). */
export const SUBSCRIPTION_ACTIVITY = "webhooks.subscribed"
export const jobActivity = (job: string) => `job.${job}`

/** The scheduled jobs whose runs the go-live check reads (their `config.name`). */
export const RECOVERY_JOB = "athmovil-recover-sessions"
export const REPORT_JOB = "athmovil-report-sync"
