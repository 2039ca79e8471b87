import { performance } from "node:perf_hooks"
import { startSandbox } from "../src/sandbox"
import { cleanupAll, createDatabase, medusaCli, medusaEnv, startMedusa } from "../integration-tests/helpers/medusa-process"

const SECRET = "exp-webhook-secret-0123456789abcdefgh"
const notice = (run: string, i: number) => JSON.stringify({
  transactionType: "refund", status: "completed", date: "2026-11-20 10:00:00.0",
  referenceNumber: `${200000000 + i}-exp${run}${String(i).padStart(8, "0")}`, dailyTransactionID: "0001",
  name: "x", phoneNumber: "7875551234", email: "a@b.c", message: "m", total: "1.00", tax: "0.00", subtotal: "1.00",
  fee: "0.00", netAmount: "0.00", totalRefundedAmount: "1.00",
})
async function send(url: string, bodies: string[], senders: number) {
  const ms: number[] = []; let next = 0; const t0 = performance.now()
  await Promise.all(Array.from({ length: senders }, async () => {
    while (next < bodies.length) { const b = bodies[next++]; const t = performance.now()
      const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: b }); await r.text(); ms.push(performance.now() - t) }
  }))
  const wall = performance.now() - t0; ms.sort((a, b) => a - b)
  return { perSec: Math.round(bodies.length / (wall / 1000)), p50: Math.round(ms[Math.floor(ms.length / 2)]), p99: Math.round(ms[Math.floor(ms.length * 0.99)]) }
}
export async function main() {
  const sandbox = await startSandbox({ port: 0 })
  const db = await createDatabase("whexp")
  try {
    const env = medusaEnv({ databaseUrl: db.url, sandbox, webhookSecret: SECRET, extra: { LOG_LEVEL: process.env.EXP_LOG_LEVEL ?? "http" } })
    const m = await medusaCli(["db:migrate"], env); if (m.code !== 0) throw new Error("migrate")
    const server = await startMedusa({ env })
    const url = `${server.url}/hooks/athmovil/${SECRET}`
    for (let i = 0; i < 30; i++) await fetch(url, { method: "POST", body: notice("warm", i), headers: { "content-type": "application/json" } }).then((r) => r.text())
    const seq: number[] = []
    for (let i = 0; i < 50; i++) { const t = performance.now(); await fetch(url, { method: "POST", body: notice("seq", i), headers: { "content-type": "application/json" } }).then((r) => r.text()); seq.push(performance.now() - t) }
    seq.sort((a, b) => a - b); console.log("sequential originals p50", Math.round(seq[25]))
    await new Promise((r) => setTimeout(r, 3000))
    const dupBody = notice("seq", 0)
    console.log("5000 duplicates (no processing), 50 senders", await send(url, Array(5000).fill(dupBody), 50))
    console.log("1000 originals, 50 senders", await send(url, Array.from({ length: 1000 }, (_, i) => notice("orig", i)), 50))
    await new Promise((r) => setTimeout(r, 20000))
    console.log("core route 5000", await send(`${server.url}/hooks/payment/athmovil_athmovil`, Array.from({ length: 5000 }, (_, i) => notice("core", i)), 50))
    await server.stop()
  } finally { await sandbox.stop(); await cleanupAll() }
}
