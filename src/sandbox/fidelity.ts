/**
 * Fidelity: how much of each public ATH Móvil payload (athm/fixtures) the
 * sandbox reproduces, key by key and JSON type by type. Each fixture has a
 * scenario that drives a fresh in-process sandbox into the same situation;
 * the sandbox's answer (or webhook) is compared with the fixture.
 *
 * Two figures: with the sandbox's usual guess ("default"), and with the
 * variant options that cite the fixture played in strict mode ("cited").
 */
import fs from "node:fs"
import http from "node:http"
import type { AddressInfo } from "node:net"
import path from "node:path"
import { request } from "undici"
import { startSandbox } from "./sandbox"
import type { AthSandbox } from "./types"
import { VARIANT_DIMENSIONS } from "./variants"

type JsonType = "null" | "array" | "object" | "string" | "number" | "boolean"

function jsonType(v: unknown): JsonType {
  if (v === null) return "null"
  if (Array.isArray(v)) return "array"
  return typeof v as JsonType
}

export interface ShapeComparison {
  /** Keys (and array elements) of the fixture, at every depth. */
  expected: number
  /** Of those, present in the sandbox's payload with the same JSON type. */
  reproduced: number
  /** "$.a.b: missing", "$.c: expected number, got string", "$.d: unexpected". */
  differences: string[]
  /** Keys only the sandbox sends; they count against fidelity too. */
  unexpected: number
}

/** Compares keys and JSON types recursively, arrays element by element; values are ignored. */
export function compareShapes(expected: unknown, actual: unknown): ShapeComparison {
  const out: ShapeComparison = { expected: 0, reproduced: 0, differences: [], unexpected: 0 }
  const count = (v: unknown): number => {
    if (Array.isArray(v)) return v.reduce<number>((n, e) => n + 1 + count(e), 0)
    if (v !== null && typeof v === "object") return Object.values(v).reduce<number>((n, e) => n + 1 + count(e), 0)
    return 0
  }
  const walk = (e: unknown, a: unknown, at: string): void => {
    const te = jsonType(e)
    const ta = jsonType(a)
    if (te === "array" && ta === "array") {
      const ea = e as unknown[]
      const aa = a as unknown[]
      for (let i = 0; i < ea.length; i++) visit(ea[i], i < aa.length, aa[i], `${at}[${i}]`)
      for (let i = ea.length; i < aa.length; i++) unexpected(aa[i], `${at}[${i}]`)
    } else if (te === "object" && ta === "object") {
      const eo = e as Record<string, unknown>
      const ao = a as Record<string, unknown>
      for (const k of Object.keys(eo)) visit(eo[k], k in ao, ao[k], `${at}.${k}`)
      for (const k of Object.keys(ao)) if (!(k in eo)) unexpected(ao[k], `${at}.${k}`)
    }
  }
  const visit = (e: unknown, present: boolean, a: unknown, at: string): void => {
    out.expected++
    if (!present) {
      out.differences.push(`${at}: missing`)
      out.expected += count(e)
      return
    }
    if (jsonType(e) !== jsonType(a)) {
      out.differences.push(`${at}: expected ${jsonType(e)}, got ${jsonType(a)}`)
      out.expected += count(e)
      return
    }
    out.reproduced++
    walk(e, a, at)
  }
  const unexpected = (a: unknown, at: string): void => {
    out.differences.push(`${at}: unexpected`)
    out.unexpected += 1 + count(a)
  }
  out.expected++ // the root
  if (jsonType(expected) === jsonType(actual)) {
    out.reproduced++
    walk(expected, actual, "$")
  } else {
    out.differences.push(`$: expected ${jsonType(expected)}, got ${jsonType(actual)}`)
    out.expected += count(expected)
  }
  return out
}

/** The variant options whose source cites this fixture, as a strict spec (first option per dimension wins). */
export function citedVariants(fixture: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of VARIANT_DIMENSIONS) {
    const option = d.options.find((o) => o.source.includes(fixture) || o.source.includes(fixture.split("/")[1] ?? fixture))
    if (option) out[d.name] = option.name
  }
  return out
}

// ---------------------------------------------------------------- HTTP driving

interface Reply {
  status: number
  body: any
}

async function call(method: "POST" | "PUT" | "GET", url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  // undici.request, not fetch: the report is a GET with a JSON body.
  const res = await request(url, {
    method,
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.body.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  return { status: res.statusCode, body: parsed }
}

interface Listener {
  url: string
  bodies: unknown[]
  close(): Promise<void>
}

async function startListener(): Promise<Listener> {
  const bodies: unknown[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")))
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

class Driver {
  constructor(
    readonly sb: AthSandbox,
    readonly listener: Listener,
    readonly fixtures: string,
  ) {}

  fixture(relative: string): any {
    return JSON.parse(fs.readFileSync(path.join(this.fixtures, relative), "utf8"))
  }

  async subscribe(): Promise<void> {
    await call("POST", `${this.sb.reportBaseUrl}/transactions/webhook/post`, {
      ...this.sb.tokens,
      listenerURL: this.listener.url,
      paymentReceivedEvent: true,
      refundSentEvent: true,
      donationReceivedEvent: true,
      ecommercePaymentReceivedEvent: true,
      ecommercePaymentCancelledEvent: true,
      ecommercePaymentExpiredEvent: true,
    })
  }

  async create(overrides: Record<string, unknown> = {}): Promise<{ ecommerceId: string; authToken: string }> {
    const res = await call("POST", `${this.sb.apiBaseUrl}/payment`, {
      env: "production",
      publicToken: this.sb.tokens.publicToken,
      timeout: "600",
      total: "24.00",
      subtotal: "22.00",
      tax: "2.00",
      metadata1: "cart_01",
      metadata2: "order-ref",
      items: [{ name: "Mug", description: "Coffee mug", quantity: "2", price: "11.00", tax: "1.00", metadata: "sku-mug" }],
      phoneNumber: "7875551234",
      ...overrides,
    })
    if (res.status !== 200) throw new Error(`fidelity: /payment failed with ${res.status}`)
    return { ecommerceId: res.body.data.ecommerceId, authToken: res.body.data.auth_token }
  }

  authorize(authToken: string): Promise<Reply> {
    return call("POST", `${this.sb.apiBaseUrl}/authorization`, undefined, { authorization: `Bearer ${authToken}` })
  }

  findPayment(ecommerceId: string): Promise<Reply> {
    return call("POST", `${this.sb.apiBaseUrl}/business/findPayment`, { ecommerceId, publicToken: this.sb.tokens.publicToken })
  }

  async complete(overrides: Record<string, unknown> = {}) {
    const created = await this.create(overrides)
    this.sb.approve({ ecommerceId: created.ecommerceId })
    const res = await this.authorize(created.authToken)
    return { ...created, data: res.body.data }
  }

  refund(referenceNumber: string, amount: string, message?: string): Promise<Reply> {
    return call("POST", `${this.sb.apiBaseUrl}/refund`, { ...this.sb.tokens, referenceNumber, amount, ...(message ? { message } : {}) })
  }

  async webhook(): Promise<unknown> {
    await this.sb.flushWebhooks()
    return this.listener.bodies.at(-1)
  }
}

/** The create request that reproduces a findPayment fixture's ticket. */
const fromFindPayment = (data: any) => ({
  total: data.total,
  subtotal: data.subTotal,
  tax: data.tax,
  metadata1: data.metadata1,
  metadata2: data.metadata2,
  items: data.items,
})

const prTime = (ms: number) => new Date(ms - 4 * 3600_000).toISOString().slice(0, 19).replace("T", " ")

/** Fixture path (relative to athm/fixtures) → the sandbox payload of the same situation. */
const SCENARIOS: Record<string, (d: Driver) => Promise<unknown>> = {
  "api/payment_create_response.official.json": async (d) =>
    (await call("POST", `${d.sb.apiBaseUrl}/payment`, { ...d.fixture("requests/payment_create_request.official.json"), publicToken: d.sb.tokens.publicToken })).body,
  "api/findPayment_OPEN.official.json": async (d) => {
    const { ecommerceId } = await d.create(fromFindPayment(d.fixture("api/findPayment_OPEN.official.json").data))
    return (await d.findPayment(ecommerceId)).body
  },
  "api/findPayment_CONFIRM.official.json": async (d) => {
    const { ecommerceId } = await d.create(fromFindPayment(d.fixture("api/findPayment_CONFIRM.official.json").data))
    d.sb.approve({ ecommerceId })
    return (await d.findPayment(ecommerceId)).body
  },
  "api/findPayment_CANCEL.official.json": async (d) => {
    const { ecommerceId } = await d.create(fromFindPayment(d.fixture("api/findPayment_CANCEL.official.json").data))
    d.sb.reject({ ecommerceId })
    return (await d.findPayment(ecommerceId)).body
  },
  "api/findPayment_or_authorization_COMPLETED.official.json": async (d) => {
    const { ecommerceId } = await d.complete(fromFindPayment(d.fixture("api/findPayment_or_authorization_COMPLETED.official.json").data))
    return (await d.findPayment(ecommerceId)).body
  },
  "api/authorization_COMPLETED.js-api-2023.official.json": async (d) => {
    const created = await d.create(fromFindPayment(d.fixture("api/authorization_COMPLETED.js-api-2023.official.json").data))
    d.sb.approve({ ecommerceId: created.ecommerceId })
    return (await d.authorize(created.authToken)).body
  },
  "api/updatePhoneNumber_response.official.json": async (d) => {
    const { ecommerceId, authToken } = await d.create()
    return (await call("PUT", `${d.sb.apiBaseUrl}/business/updatePhoneNumber`, { ecommerceId, phoneNumber: "7866575255" }, { authorization: `Bearer ${authToken}` })).body
  },
  "api/cancel_response.official.json": async (d) => {
    const { ecommerceId } = await d.create()
    return (await call("POST", `${d.sb.apiBaseUrl}/business/cancel`, { ecommerceId, publicToken: d.sb.tokens.publicToken })).body
  },
  "api/refund_response.official.json": async (d) => {
    const { data } = await d.complete({ total: "1.00", subtotal: "0.00", tax: "0.00", items: [] })
    return (await d.refund(data.referenceNumber.trim(), "1.00", "MSG Test")).body
  },
  "api/error_BTRA_0006_body_missing.official.json": async (d) => (await call("POST", `${d.sb.apiBaseUrl}/payment`)).body,
  "api/error_token_invalid_header.official.json": async (d) => (await call("POST", `${d.sb.apiBaseUrl}/authorization`)).body,
  "api/error_token_expired.official.json": async (d) => {
    const { authToken } = await d.create()
    await d.sb.advanceTime(901)
    return (await d.authorize(authToken)).body
  },
  "api/search_transaction_response.legacy-v4.official.json": async (d) => {
    const expected = d.fixture("api/search_transaction_response.legacy-v4.official.json")
    const { data } = await d.complete({ total: "1.00", subtotal: "0.00", tax: "0.00", items: expected.items })
    return (await call("POST", `${d.sb.reportBaseUrl}/api/v4/searchTransaction`, { ...d.sb.tokens, referenceNumber: data.referenceNumber.trim() })).body
  },
  "webhooks/ecommerce_completed.official-2025.json": async (d) => {
    await d.complete({ items: d.fixture("webhooks/ecommerce_completed.official-2025.json").items })
    return d.webhook()
  },
  "webhooks/ecommerce_cancelled.official-2025.json": async (d) => {
    const { ecommerceId } = await d.create({ items: d.fixture("webhooks/ecommerce_cancelled.official-2025.json").items })
    d.sb.reject({ ecommerceId })
    return d.webhook()
  },
  "webhooks/ecommerce_expired.official.json": async (d) => {
    await d.create({ timeout: 120, items: d.fixture("webhooks/ecommerce_expired.official.json").items, total: "3.00", subtotal: "2.00", tax: "1.00" })
    await d.sb.advanceTime(121)
    return d.webhook()
  },
  "webhooks/refund_sent.official.json": async (d) => {
    const { data } = await d.complete()
    await d.refund(data.referenceNumber.trim(), "3.00", "This is a message.")
    return d.webhook()
  },
  "webhooks/payment_received.official.json": async (d) => {
    d.sb.sendAppWebhook("payment", { amount: "1.00", message: "This is a message." })
    return d.webhook()
  },
  "webhooks/donation_received.official.json": async (d) => {
    d.sb.sendAppWebhook("donation", { amount: "5.00" })
    return d.webhook()
  },
  "webhooks/simulated.official.json": async (d) => {
    d.sb.sendAppWebhook("simulated")
    return d.webhook()
  },
  "reports/transaction_report.django-athm-fixture.json": async (d) => {
    const expected = d.fixture("reports/transaction_report.django-athm-fixture.json") as any[]
    const from = d.sb.now().getTime()
    for (const row of [...expected].reverse()) {
      await d.complete({ total: "5.00", subtotal: "2.00", tax: "1.00", items: row.items })
      await d.sb.advanceTime(60)
    }
    return (
      await call("GET", `${d.sb.reportBaseUrl}/transactions/v4/transactionReport`, {
        ...d.sb.tokens,
        fromDate: prTime(from - 1000),
        toDate: prTime(d.sb.now().getTime()),
      })
    ).body
  },
}

const FIDELITY_FIXTURES = Object.keys(SCENARIOS).sort()

export interface FixtureFidelity extends ShapeComparison {
  fixture: string
  /** The strict variants played ("" in default mode). */
  variants: string
}

export interface FidelityReport {
  mode: "default" | "cited"
  fixtures: FixtureFidelity[]
  expected: number
  reproduced: number
  unexpected: number
  /** reproduced / (expected + unexpected), in percent. */
  percent: number
  /** Fixture files with no scenario (a new fixture nobody has reproduced yet). */
  unmeasured: string[]
}

function listFixtures(dir: string): string[] {
  const out: string[] = []
  for (const sub of ["api", "webhooks", "reports"]) {
    const full = path.join(dir, sub)
    if (!fs.existsSync(full)) continue
    for (const f of fs.readdirSync(full)) if (f.endsWith(".json")) out.push(`${sub}/${f}`)
  }
  return out.sort()
}

/** Runs every scenario on a fresh manual-clock sandbox (reset between fixtures). */
export async function measureFidelity(fixturesDir: string, mode: "default" | "cited" = "default"): Promise<FidelityReport> {
  const sb = await startSandbox({ clock: "manual" })
  const listener = await startListener()
  const driver = new Driver(sb, listener, fixturesDir)
  const fixtures: FixtureFidelity[] = []
  try {
    for (const name of FIDELITY_FIXTURES) {
      if (!fs.existsSync(path.join(fixturesDir, name))) continue
      const strict = mode === "cited" ? citedVariants(name) : {}
      sb.setVariants(Object.keys(strict).length > 0 ? { strict } : null)
      sb.reset()
      listener.bodies.length = 0
      await driver.subscribe()
      const actual = await SCENARIOS[name](driver)
      const expected = driver.fixture(name)
      fixtures.push({
        fixture: name,
        variants: Object.entries(strict)
          .map(([k, v]) => `${k}=${v}`)
          .join(","),
        ...compareShapes(expected, actual),
      })
    }
  } finally {
    await sb.stop()
    await listener.close()
  }
  const expected = fixtures.reduce((n, f) => n + f.expected, 0)
  const reproduced = fixtures.reduce((n, f) => n + f.reproduced, 0)
  const unexpected = fixtures.reduce((n, f) => n + f.unexpected, 0)
  return {
    mode,
    fixtures,
    expected,
    reproduced,
    unexpected,
    percent: expected + unexpected === 0 ? 0 : (100 * reproduced) / (expected + unexpected),
    unmeasured: listFixtures(fixturesDir).filter((f) => !(f in SCENARIOS)),
  }
}

/** athm/fixtures next to the repository (…/shared/athm/fixtures) or in an ancestor folder. */
export function findFixturesDir(starts: string[] = [process.cwd(), __dirname]): string | null {
  for (const start of starts) {
    let dir = path.resolve(start)
    for (;;) {
      for (const candidate of [path.join(dir, "shared", "athm", "fixtures"), path.join(dir, "athm", "fixtures")]) {
        if (fs.existsSync(path.join(candidate, "SOURCES.md"))) return candidate
      }
      const parent = path.dirname(dir)
      if (parent === dir) break
      dir = parent
    }
  }
  return null
}

export function formatFidelity(report: FidelityReport): string {
  const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)} %`)
  const lines = [`Fidelity (${report.mode === "default" ? "the sandbox's usual shapes" : "each fixture's cited variants"}):`]
  for (const f of report.fixtures) {
    lines.push(
      `  ${f.fixture.padEnd(58)} ${String(f.reproduced).padStart(4)}/${String(f.expected + f.unexpected).padEnd(4)} ${pct(f.reproduced, f.expected + f.unexpected)}`,
    )
    if (f.variants) lines.push(`      variants: ${f.variants}`)
    for (const d of f.differences) lines.push(`      ${d}`)
  }
  lines.push(`  total: ${report.reproduced} of ${report.expected + report.unexpected} keys and types reproduced = ${report.percent.toFixed(2)} %`)
  if (report.unmeasured.length > 0) lines.push(`  not measured (no scenario): ${report.unmeasured.join(", ")}`)
  return lines.join("\n")
}
