import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { ApiError, errorEnvelope } from "./errors"
import type { FaultRegistry } from "./faults"
import type { RequestLogEntry, SandboxRoute } from "./types"
import type { RouteConcurrency } from "./concurrency"
import { asObject, type JsonObject } from "./validation"

const MAX_BODY_BYTES = 1024 * 1024

export interface RequestContext {
  method: string
  path: string
  /** Named groups of the route's path pattern. */
  params: Record<string, string>
  query: URLSearchParams
  headers: IncomingHttpHeaders
  rawBody: string
  /** The JSON object body, or ApiError BTRA_0006 when it is missing or malformed. */
  json(): JsonObject
  /** Like json(), but an empty body reads as `{}` (POST /authorization sends none). */
  optionalJson(): JsonObject
}

export type Reply = { status: number; json: unknown } | { status: number; html: string }

export interface RouteDef {
  method: "GET" | "POST" | "PUT"
  path: string | RegExp
  route: SandboxRoute | "control"
  handle(ctx: RequestContext): Reply | Promise<Reply>
}

export interface ServerDeps {
  routes: RouteDef[]
  /** HTTP status of an API error envelope, given the catalogue's status (the variants may change it). */
  errorStatus?: (tableStatus: number) => number
  /** Serialises a JSON reply; the default is JSON.stringify. */
  stringify?: (value: unknown) => string
  faults: FaultRegistry
  requestLog: RequestLogEntry[]
  concurrency: RouteConcurrency
  now: () => Date
  /** The `Date` header value: wall-clock time, moved by the injected clock skew. */
  httpDate: () => string
  log: (line: string) => void
}

function matchPath(def: RouteDef, path: string): Record<string, string> | null {
  if (typeof def.path === "string") return def.path === path ? {} : null
  const m = def.path.exec(path)
  return m ? { ...(m.groups ?? {}) } : null
}

function parseJson(raw: string, tooLarge: boolean): JsonObject {
  if (tooLarge) throw new ApiError("BTRA_0006", `Invalid format: request body exceeds ${MAX_BODY_BYTES} bytes`)
  if (raw.trim() === "") throw new ApiError("BTRA_0006", "Required request body is missing")
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new ApiError("BTRA_0006", "Invalid format: JSON parse error")
  }
  return asObject(parsed)
}

async function readBody(req: IncomingMessage): Promise<{ raw: string; tooLarge: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  let tooLarge = false
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) tooLarge = true
    else chunks.push(chunk as Buffer)
  }
  return { raw: Buffer.concat(chunks).toString("utf8"), tooLarge }
}

type Send = (res: ServerResponse, status: number, contentType: string, body: string) => void

const JSON_TYPE = "application/json;charset=UTF-8"
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * One node:http server for both ATH hosts (payments.athmovil.com and
 * www.athmovil.com paths) and the sandbox's own /sandbox/* controls.
 */
export function createSandboxServer(deps: ServerDeps): http.Server {
  // ATH stamps every answer with its own `Date` (RFC 7231); node's automatic one cannot be skewed.
  const send: Send = (res, status, contentType, body) => {
    res.sendDate = false
    res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), date: deps.httpDate() })
    res.end(body)
  }
  const finish = (route: RequestLogEntry["route"], method: string, path: string, status: number) => {
    deps.requestLog.push({ route, method, status, at: deps.now() })
    deps.log(`${method} ${path} → ${status === 0 ? "dropped" : status} (${route})`)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET"
    const url = new URL(req.url ?? "/", "http://sandbox.invalid")
    const { raw, tooLarge } = await readBody(req)

    const candidates = deps.routes.map((def) => ({ def, params: matchPath(def, url.pathname) })).filter((c) => c.params)
    const found = candidates.find((c) => c.def.method === method)
    if (!found) {
      const status = candidates.length > 0 ? 405 : 404
      const message = status === 405 ? `Request method '${method}' not supported` : `No route for ${method} ${url.pathname}`
      send(res, status, JSON_TYPE, JSON.stringify(errorEnvelope(status === 405 ? "METHOD_NOT_ALLOWED" : "NOT_FOUND", message)))
      finish("unknown", method, url.pathname, status)
      return
    }
    const { def } = found
    deps.concurrency.enter(def.route)
    try {
      const ctx: RequestContext = {
        method,
        path: url.pathname,
        params: found.params as Record<string, string>,
        query: url.searchParams,
        headers: req.headers,
        rawBody: raw,
        json: () => parseJson(raw, tooLarge),
        optionalJson: () => (raw.trim() === "" && !tooLarge ? {} : parseJson(raw, tooLarge)),
      }

      const fault = def.route === "control" ? null : deps.faults.take(def.route)
      if (fault && fault.delayMs > 0) await sleep(fault.delayMs)
      if (fault?.status !== undefined) {
        const code = fault.status === 500 ? "BTRA_9999" : "BTRA_9998"
        const message = fault.status === 500 ? "Internal Error" : "Communication Error"
        send(res, fault.status, JSON_TYPE, JSON.stringify(errorEnvelope(code, message)))
        finish(def.route, method, url.pathname, fault.status)
        return
      }
      if (fault?.softError) {
        send(res, 200, JSON_TYPE, JSON.stringify(errorEnvelope(fault.softError.errorcode, fault.softError.message)))
        finish(def.route, method, url.pathname, 200)
        return
      }

      let reply: Reply
      try {
        reply = await def.handle(ctx)
      } catch (err) {
        if (err instanceof ApiError) {
          const status = def.route === "control" ? err.httpStatus : (deps.errorStatus?.(err.httpStatus) ?? err.httpStatus)
          reply = { status, json: errorEnvelope(err.code, err.message) }
        } else {
          deps.log(`internal error on ${method} ${url.pathname}: ${err instanceof Error ? err.stack : String(err)}`)
          reply = { status: 500, json: errorEnvelope("BTRA_9999", "Internal Error") }
        }
      }

      if (fault?.commitThenDrop) {
        req.socket.destroy()
        finish(def.route, method, url.pathname, 0)
        return
      }
      if ("html" in reply) {
        send(res, reply.status, "text/html; charset=utf-8", reply.html)
      } else {
        const text = (deps.stringify ?? JSON.stringify)(reply.json)
        send(res, reply.status, JSON_TYPE, fault?.malformedJson ? text.slice(0, Math.ceil(text.length / 2)) : text)
      }
      finish(def.route, method, url.pathname, reply.status)
    } finally {
      deps.concurrency.leave(def.route)
    }
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.log(`request failed: ${err instanceof Error ? err.message : String(err)}`)
      if (!res.headersSent) send(res, 500, JSON_TYPE, JSON.stringify(errorEnvelope("BTRA_9999", "Internal Error")))
      else res.destroy()
    })
  })
}

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

export function close(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()))
    server.closeAllConnections()
  })
}
