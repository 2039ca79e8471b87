/**
 * Test helpers: plain HTTP (fetch, undici for the GET-with-body report), a
 * throwaway webhook listener and a JSON shape differ. Deliberately nothing
 * from the plugin's API client: the sandbox is checked against the docs, not the client.
 */
import fs from "node:fs"
import http from "node:http"
import type { AddressInfo } from "node:net"
import path from "node:path"
import { request } from "undici"
import { API_ERROR_STATUS, type ApiErrorCode, type AthSandbox } from "../index"

export const FIXTURES = path.resolve(__dirname, "../../../../shared/athm/fixtures")

export function fixture<T = any>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, relative), "utf8")) as T
}

export function fixtureNames(dir: string): string[] {
  return fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith(".json"))
    .sort()
}

export interface HttpResult {
  status: number
  body: any
  text: string
}

async function toResult(res: Response): Promise<HttpResult> {
  const text = await res.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: res.status, body, text }
}

export async function call(
  method: "POST" | "PUT" | "GET",
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  })
  return toResult(res)
}

/** The transaction report is a GET with a JSON body, which fetch refuses to send. */
export async function getWithBody(url: string, body: unknown): Promise<HttpResult> {
  const res = await request(url, {
    method: "GET",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  const text = await res.body.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  return { status: res.statusCode, body: parsed, text }
}

export function paymentRequest(sb: AthSandbox, overrides: Record<string, unknown> = {}) {
  return {
    env: "production",
    publicToken: sb.tokens.publicToken,
    timeout: "600",
    total: "24.00",
    subtotal: "22.00",
    tax: "2.00",
    metadata1: "cart_01",
    metadata2: "order-ref",
    items: [{ name: "Mug", description: "Coffee mug", quantity: "2", price: "11.00", tax: "1.00", metadata: "sku-mug" }],
    phoneNumber: "7875551234",
    ...overrides,
  }
}

export interface Created {
  ecommerceId: string
  authToken: string
}

export async function createPayment(sb: AthSandbox, overrides: Record<string, unknown> = {}): Promise<Created> {
  const res = await call("POST", `${sb.apiBaseUrl}/payment`, paymentRequest(sb, overrides))
  if (res.status !== 200) throw new Error(`payment failed: ${res.status} ${res.text}`)
  return { ecommerceId: res.body.data.ecommerceId, authToken: res.body.data.auth_token }
}

export function findPayment(sb: AthSandbox, ecommerceId: string, publicToken = sb.tokens.publicToken) {
  return call("POST", `${sb.apiBaseUrl}/business/findPayment`, { ecommerceId, publicToken })
}

export function authorize(sb: AthSandbox, authToken: string, body?: unknown) {
  return call("POST", `${sb.apiBaseUrl}/authorization`, body, { authorization: `Bearer ${authToken}` })
}

export function refund(sb: AthSandbox, referenceNumber: string, amount: string | number, message?: string) {
  return call("POST", `${sb.apiBaseUrl}/refund`, {
    publicToken: sb.tokens.publicToken,
    privateToken: sb.tokens.privateToken,
    referenceNumber,
    amount,
    ...(message === undefined ? {} : { message }),
  })
}

/** create → approve → authorize; returns the authorization response data. */
export async function completePayment(sb: AthSandbox, overrides: Record<string, unknown> = {}) {
  const created = await createPayment(sb, overrides)
  sb.approve({ ecommerceId: created.ecommerceId })
  const res = await authorize(sb, created.authToken)
  if (res.status !== 200) throw new Error(`authorization failed: ${res.status} ${res.text}`)
  return { ...created, data: res.body.data }
}

/** Also checks that the exported status table tells the truth about the code. */
export function expectError(res: HttpResult, errorcode: string, status: number): void {
  expect({ status: res.status, errorcode: res.body?.errorcode }).toEqual({ status, errorcode })
  if (errorcode in API_ERROR_STATUS) expect(API_ERROR_STATUS[errorcode as ApiErrorCode]).toBe(status)
  expect(Object.keys(res.body).sort()).toEqual(["data", "errorcode", "message", "status"])
  expect(res.body.status).toBe("error")
  expect(res.body.data).toBeNull()
  expect(typeof res.body.message).toBe("string")
  expect(res.body.message.length).toBeGreaterThan(0)
}

export interface Listener {
  url: string
  received: Array<{ body: any; at: number }>
  waitFor(count: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export async function startListener(): Promise<Listener> {
  const received: Listener["received"] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      received.push({ body: JSON.parse(Buffer.concat(chunks).toString("utf8")), at: performance.now() })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/athm/webhook`,
    received,
    async waitFor(count, timeoutMs = 3000) {
      // performance.now(), not Date.now(): some tests mock Date.now to move the sandbox clock.
      const deadline = performance.now() + timeoutMs
      while (received.length < count) {
        if (performance.now() > deadline) throw new Error(`listener got ${received.length} of ${count} webhooks`)
        await new Promise((r) => setTimeout(r, 10))
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export async function subscribe(sb: AthSandbox, listenerURL: string, flags: Record<string, boolean> = {}) {
  const res = await call("POST", `${sb.reportBaseUrl}/transactions/webhook/post`, {
    publicToken: sb.tokens.publicToken,
    privateToken: sb.tokens.privateToken,
    listenerURL,
    paymentReceivedEvent: true,
    refundSentEvent: true,
    donationReceivedEvent: true,
    ecommercePaymentReceivedEvent: true,
    ecommercePaymentCancelledEvent: true,
    ecommercePaymentExpiredEvent: true,
    ...flags,
  })
  if (res.status !== 200) throw new Error(`subscribe failed: ${res.status} ${res.text}`)
  return res
}

type JsonType = "null" | "array" | "object" | "string" | "number" | "boolean"

function jsonType(v: unknown): JsonType {
  if (v === null) return "null"
  if (Array.isArray(v)) return "array"
  return typeof v as JsonType
}

/**
 * Differences in keys and JSON types, recursively; arrays element by element.
 * Values are ignored. An empty list means "same shape".
 */
export function shapeDiff(expected: unknown, actual: unknown, at = "$"): string[] {
  const te = jsonType(expected)
  const ta = jsonType(actual)
  if (te !== ta) return [`${at}: expected ${te}, got ${ta}`]
  const out: string[] = []
  if (te === "array") {
    const e = expected as unknown[]
    const a = actual as unknown[]
    if (e.length !== a.length) out.push(`${at}: expected ${e.length} elements, got ${a.length}`)
    for (let i = 0; i < Math.min(e.length, a.length); i++) out.push(...shapeDiff(e[i], a[i], `${at}[${i}]`))
  } else if (te === "object") {
    const e = expected as Record<string, unknown>
    const a = actual as Record<string, unknown>
    for (const k of Object.keys(e)) {
      if (!(k in a)) out.push(`${at}.${k}: missing`)
      else out.push(...shapeDiff(e[k], a[k], `${at}.${k}`))
    }
    for (const k of Object.keys(a)) if (!(k in e)) out.push(`${at}.${k}: unexpected`)
  }
  return out
}

export function decodeJwtPart(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[index], "base64url").toString("utf8"))
}

/** Puerto Rico wall-clock "YYYY-MM-DD HH:MM:SS" for a Date, computed independently of the sandbox. */
export function prTime(d: Date): string {
  return new Date(d.getTime() - 4 * 3600_000).toISOString().slice(0, 19).replace("T", " ")
}
