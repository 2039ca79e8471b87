import { PassThrough } from "node:stream"
import { setImmediate as turn } from "node:timers/promises"
import { stringify } from "csv-stringify"
import { parse } from "csv-parse/sync"
import { BATCH, keyset, pump } from "../stream-rows"

type Row = { id: string; cursor_date: string; total: string }

/** A ledger of `n` rows read in keyset order, counting the reads the export makes. */
function ledger(n: number) {
  const rows: Row[] = Array.from({ length: n }, (_, i) => ({
    id: `athtx_${String(i).padStart(7, "0")}`,
    cursor_date: new Date(Date.UTC(2025, 2, 1) + i * 20_000).toISOString(),
    total: `${1 + (i % 90)}.${String(i % 100).padStart(2, "0")}`,
  }))
  const reads = { count: 0 }
  const read = async (cursor: { date: string; id: string } | null) => {
    reads.count++
    const start = cursor ? rows.findIndex((r) => r.id === cursor.id) + 1 : 0
    return rows.slice(start, start + BATCH)
  }
  return { rows, reads, read }
}

async function settle(reads: { count: number }) {
  // Everything here resolves within ticks; 50 event-loop turns with no new read means the pump is parked.
  let last = -1
  while (last !== reads.count) {
    last = reads.count
    for (let i = 0; i < 50; i++) await turn()
  }
}

describe("export streaming (keyset batches through csv-stringify with backpressure)", () => {
  it("reads no further ahead than the download while the client is not reading, then delivers every row once in order", async () => {
    const { rows, reads, read } = ledger(100_000)
    const csv = stringify({ header: true, columns: ["id", "total"] })
    const socket = new PassThrough({ highWaterMark: 16 * 1024 })
    csv.pipe(socket)
    const done = pump(csv, keyset(read)).then(() => csv.end())

    // The client has not read a byte: the export parks once the stream buffers (~50 KB here) are full,
    // a few batches in, instead of reading all 100.
    await settle(reads)
    expect(reads.count).toBeLessThanOrEqual(4)

    const chunks: Buffer[] = []
    socket.on("data", (c: Buffer) => chunks.push(c))
    await done
    await new Promise((r) => socket.on("end", r))
    const parsed = parse(Buffer.concat(chunks), { columns: true }) as Array<{ id: string; total: string }>
    expect(parsed.length).toBe(rows.length)
    expect(parsed.map((r) => r.id)).toEqual(rows.map((r) => r.id))
    expect(reads.count).toBe(Math.floor(rows.length / BATCH) + 1)
  })

  it("stops after a short batch and reads an empty range once", async () => {
    const small = ledger(BATCH + 7)
    const seen: string[] = []
    for await (const r of keyset(small.read)) seen.push(r.id)
    expect(seen).toEqual(small.rows.map((r) => r.id))
    expect(small.reads.count).toBe(2)

    const empty = ledger(0)
    for await (const _ of keyset(empty.read)) throw new Error("an empty range yields no row")
    expect(empty.reads.count).toBe(1)
  })
})
