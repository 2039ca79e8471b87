/**
 * Several instances: two `medusa start` servers on ONE PostgreSQL database with Medusa's Redis
 * event bus, workflow engine and locking, plus two more processes running the closed-tab job at
 * the same moment (`medusa exec`), all talking to one ATH sandbox. Twenty shoppers approved and
 * closed their tab; half of them were already debited at ATH when their server died. Every
 * completed notice reaches both servers. Correctness has to come from the database and the
 * shared locks: exactly 20 orders, 20 captures, one debit per ticket.
 */
import fs from "node:fs"
import http from "node:http"
import os from "node:os"
import path from "node:path"
import type { AddressInfo } from "node:net"
import Medusa from "@medusajs/js-sdk"
import { AthMovilClient } from "../../src/lib/athmovil"
import { startSandbox, type AthSandbox } from "../../src/sandbox"
import { TokenSealer } from "../../src/providers/athmovil/token-crypto"
import { cleanupAll } from "../helpers/cleanup"
import { medusaEnv } from "../helpers/medusa-env"
import { freePort, medusaCli, startMedusa, type MedusaProcess } from "../helpers/medusa-process"
import { createDatabase, type TestDatabase } from "../helpers/postgres"
import { claimRedisDb } from "../helpers/redis"
import { cartReadyToPay, startAthPayment, type SeededStore } from "../helpers/store"
import { subscribeSandbox, waitFor } from "../helpers/webhooks"

jest.setTimeout(420_000)

const SHOPPERS = 20
const WEBHOOK_SECRET = `instances-webhook-secret-${process.pid}-0123456789`
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/

let sandbox: AthSandbox
let db: TestDatabase
let servers: MedusaProcess[] = []
let env: NodeJS.ProcessEnv
let store: SeededStore
const outputs: Array<[string, string[]]> = []

/** Forwards every webhook the sandbox sends to both servers at once, as two ATH deliveries would race. */
async function fanOut(targets: () => string[]) {
  const answers: number[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8")
      const results = await Promise.all(
        targets().map((url) =>
          fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body }).then(
            (r) => r.status,
            () => 0
          )
        )
      )
      answers.push(...results)
      res.end("ok")
    })
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/athmovil`,
    answers,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  const redis = await claimRedisDb()
  db = await createDatabase("instances")
  env = medusaEnv({ databaseUrl: db.url, sandbox, webhookSecret: WEBHOOK_SECRET, redisUrl: redis.url })

  const migrate = await medusaCli(["db:migrate"], env)
  outputs.push(["db:migrate", migrate.output])
  if (migrate.code !== 0) throw new Error(`db:migrate failed:\n${migrate.output.slice(-30).join("\n")}`)

  // Both servers and the seeding process boot at the same time; the seeder waits for server A.
  const portA = await freePort()
  const seeding = medusaCli(["exec", "./integration-tests/scripts/seed-store.ts", `http://127.0.0.1:${portA}`], env)
  servers = await Promise.all([startMedusa({ env, port: portA, label: "medusa A" }), startMedusa({ env, label: "medusa B" })])
  for (const s of servers) outputs.push([s.label, s.output])
  const seed = await seeding
  outputs.push(["seed", seed.output])
  const line = seed.output.find((l) => l.startsWith("STORE "))
  if (seed.code !== 0 || !line) throw new Error(`seeding failed:\n${seed.output.slice(-30).join("\n")}`)
  store = JSON.parse(line.slice("STORE ".length))
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  await sandbox?.stop()
  await cleanupAll()
})

it(`two servers and two job runners on one database: ${SHOPPERS} closed tabs give ${SHOPPERS} orders, ${SHOPPERS} captures, one debit each`, async () => {
  const fan = await fanOut(() => servers.map((s) => `${s.url}/hooks/athmovil/${WEBHOOK_SECRET}`))
  try {
    await subscribeSandbox(sandbox, fan.url)
    sandbox.setWebhookBehaviour({ reorder: true }) // hold notices until the job runners are released

    // Two more instances will run the closed-tab job; they boot now and wait to be released
    // together with the held notices.
    const goFile = path.join(os.tmpdir(), `athmovil-instances-go-${process.pid}-${Date.now()}`)
    const ready = new Set<number>()
    const runners = [0, 1].map((n) =>
      medusaCli(["exec", "./integration-tests/scripts/recover-sessions.ts", goFile], env, {
        onLine: (l) => {
          if (l.trim() === "READY") ready.add(n)
        },
      })
    )

    // Shoppers check out on either server, approve on their phone, and close the tab. Half were
    // debited at ATH by a server that died before writing the order: that debit is made right after
    // the approval, well inside the servers' own sweep's 30 s grace. (Made after all 20 sessions, it
    // raced that sweep on a slow machine: the sweep debited first, this call was ATH's second
    // /authorization of the ticket, and the one-per-ticket check below failed on the test's own call.)
    const sessions: Array<{ cartId: string; ecommerceId: string }> = []
    const sealer = new TokenSealer({ privateToken: sandbox.tokens.privateToken })
    const ath = new AthMovilClient({ ...sandbox.tokens, apiBaseUrl: sandbox.apiBaseUrl })
    for (let i = 0; i < SHOPPERS; i++) {
      const sdk = new Medusa({ baseUrl: servers[i % 2].url, publishableKey: store.publishableKey })
      const cart = await cartReadyToPay(sdk, store)
      const { session } = await startAthPayment(sdk, cart)
      const data = session.data as { ecommerce_id: string; auth_token_enc: string }
      sandbox.approve({ ecommerceId: data.ecommerce_id })
      if (i < SHOPPERS / 2) await ath.authorizePayment(sealer.open(data.auth_token_enc, { ecommerceId: data.ecommerce_id, sessionId: session.id })!)
      sessions.push({ cartId: cart.id, ecommerceId: data.ecommerce_id })
    }

    await waitFor("both job runners to boot", async () => ready.size, (n) => n === 2, 240_000)
    fs.writeFileSync(goFile, "go")
    const firstNotices = sandbox.flushWebhooks()
    const results = await Promise.all(runners)
    fs.rmSync(goFile, { force: true })
    await firstNotices
    for (const [n, r] of results.entries()) outputs.push([`job runner ${n + 1}`, r.output])
    expect(results.map((r) => r.code)).toEqual([0, 0])
    const counts = results.map((r) => JSON.parse(r.output.find((l) => l.startsWith("RESULT "))!.slice(7)))
    // The notices of the tickets the job runners debited.
    await sandbox.flushWebhooks()

    const settled = await waitFor(
      "orders and webhook events to settle",
      async () => {
        const [orders] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "order" WHERE deleted_at IS NULL`)
        const [pending] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM athmovil_webhook_event WHERE outcome = 'pending'`)
        const [events] = await db.query<{ n: string; deliveries: string }>(
          `SELECT count(*) AS n, coalesce(sum(delivery_count), 0) AS deliveries FROM athmovil_webhook_event`
        )
        const [ledger] = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM athmovil_transaction WHERE status = 'COMPLETED' AND payment_id IS NOT NULL AND deleted_at IS NULL`
        )
        return {
          orders: Number(orders.n),
          pending: Number(pending.n),
          events: Number(events.n),
          deliveries: Number(events.deliveries),
          ledger: Number(ledger.n),
        }
      },
      (v) => v.orders >= SHOPPERS && v.pending === 0 && v.deliveries === SHOPPERS * 2 && v.ledger >= SHOPPERS,
      180_000
    )
    // One row per notice; both servers' deliveries are counted on it.
    expect(settled).toEqual({ orders: SHOPPERS, pending: 0, events: SHOPPERS, deliveries: SHOPPERS * 2, ledger: SHOPPERS })
    expect(fan.answers).toEqual(Array(SHOPPERS * 2).fill(200))

    // Exactly one order per cart, one captured payment per order, one capture per payment.
    const perCart = await db.query<{ cart_id: string; n: string }>(
      `SELECT cart_id, count(*) AS n FROM order_cart WHERE deleted_at IS NULL GROUP BY cart_id`
    )
    expect(perCart.map((r) => r.cart_id).sort()).toEqual(sessions.map((s) => s.cartId).sort())
    expect(perCart.every((r) => Number(r.n) === 1)).toBe(true)
    const payments = await db.query<{ id: string; captures: string; ecommerce_id: string }>(
      `SELECT p.id, p.data->>'ecommerce_id' AS ecommerce_id,
              (SELECT count(*) FROM capture c WHERE c.payment_id = p.id AND c.deleted_at IS NULL) AS captures
         FROM payment p WHERE p.deleted_at IS NULL`
    )
    expect(payments).toHaveLength(SHOPPERS)
    expect(payments.map((p) => Number(p.captures))).toEqual(Array(SHOPPERS).fill(1))
    expect(payments.map((p) => p.ecommerce_id).sort()).toEqual(sessions.map((s) => s.ecommerceId).sort())
    const [captures] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM capture WHERE deleted_at IS NULL`)
    expect(Number(captures.n)).toBe(SHOPPERS)

    // ATH: each ticket debited once and completed.
    for (const s of sessions) expect(sandbox.getTicket(s.ecommerceId)).toMatchObject({ status: "COMPLETED", authorizationCount: 1 })

    // Each notice reached both servers: stored once, applied once, the second delivery counted on it.
    const outcomes = await db.query<{ ecommerce_id: string; outcomes: string; deliveries: string }>(
      `SELECT ecommerce_id, string_agg(outcome, ',' ORDER BY outcome) AS outcomes, sum(delivery_count) AS deliveries
         FROM athmovil_webhook_event GROUP BY ecommerce_id`
    )
    expect(outcomes).toHaveLength(SHOPPERS)
    expect(outcomes.map((o) => [o.outcomes, Number(o.deliveries)])).toEqual(Array(SHOPPERS).fill(["applied", 2]))

    // Both job runners ran; between them and the notices nothing was done twice.
    expect(counts).toHaveLength(2)
    const created = counts.reduce((n, c) => n + c.order_created + c.payment_attached, 0)
    expect(created).toBeLessThanOrEqual(SHOPPERS)

    // No secret in any line any of these processes wrote.
    const secrets = [sandbox.tokens.publicToken, sandbox.tokens.privateToken, WEBHOOK_SECRET]
    for (const [label, lines] of outputs) {
      // (The seed script's own STORE line carries the test's admin token on purpose.)
      const bad = lines.find((l) => !l.startsWith("STORE ") && (secrets.some((s) => l.includes(s)) || JWT.test(l)))
      expect([label, bad === undefined ? "clean" : "a secret was logged"]).toEqual([label, "clean"])
    }
  } finally {
    await fan.close()
  }
})
