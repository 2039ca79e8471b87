import { once } from "node:events"
import type { Writable } from "node:stream"
import type { BooksCursor } from "../../../../modules/athmovil/utils/books-filter"

/** Rows per database read: memory stays flat whatever the range holds. */
export const BATCH = 1000

export type Rows = AsyncGenerator<Record<string, unknown>>

/**
 * Writes records into the CSV stream, waiting whenever the client reads slower than we query: the
 * next batch is read from PostgreSQL only once the stream has room, so a slow download holds one
 * batch, never the range.
 */
export async function pump(csv: Writable, rows: Rows): Promise<void> {
  for await (const row of rows) {
    if (!csv.write(row)) await once(csv, "drain")
  }
}

/** Reads a range in (date, id) keyset batches of `limit`; a short batch is the last. */
export async function* keyset<T extends { cursor_date: string; id: string }>(
  read: (cursor: BooksCursor | null) => Promise<T[]>,
  limit: number = BATCH
): AsyncGenerator<T> {
  let cursor: BooksCursor | null = null
  for (;;) {
    const batch = await read(cursor)
    yield* batch
    if (batch.length < limit) return
    const last = batch[batch.length - 1]
    cursor = { date: last.cursor_date, id: last.id }
  }
}
