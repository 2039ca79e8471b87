import { request } from "undici"
import { buildResponseError } from "./error-codes"
import {
  AthMovilError,
  NetworkError,
  OutcomeUnknownError,
  RequestAbortedError,
  TimeoutError,
  type AthMovilErrorInit,
} from "./errors"
import { RECONCILE_HINT, isReadOperation, operationLabel } from "./operations"
import { redactText, sanitiseBody } from "./redact"
import { isErrorEnvelope, type ParseResult } from "./schemas/envelope"
import type { AthOperation, AthRequestEvent } from "./types"

export interface TransportSettings {
  requestTimeoutMs: number
  maxReadRetries: number
  retryBaseDelayMs: number
  onRequest?: (e: AthRequestEvent) => void
  /** Values that must never surface in an error (the merchant tokens). */
  secrets: readonly string[]
}

export interface HttpCall<T> {
  operation: AthOperation
  method: "GET" | "POST" | "PUT"
  url: string
  body: Record<string, unknown>
  bearer?: string
  parse: (body: unknown) => ParseResult<T>
  /** Sees the answer's headers, an error answer's too (the clock check reads `Date`). */
  onHeaders?: (headers: Record<string, string | string[] | undefined>) => void
}

const MAX_BACKOFF_MS = 10_000

/** Failures that happen before a single byte of the request leaves this host. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_INVALID_ARG",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
])

function errorCodeOf(error: unknown): string | null {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current !== null && typeof current === "object" && !seen.has(current)) {
    seen.add(current)
    const record = current as { code?: unknown; cause?: unknown; errors?: unknown }
    if (typeof record.code === "string") return record.code
    // Happy-eyeballs connects fail with an AggregateError of per-address errors.
    current = Array.isArray(record.errors) && record.errors.length > 0 ? record.errors[0] : record.cause
  }
  return null
}

/** A copy of a low-level error that is safe to attach as `cause`. */
function safeCause(error: unknown, secrets: readonly string[]): Error {
  const source = error instanceof Error ? error : new Error(String(error))
  const copy = new Error(redactText(source.message, secrets))
  copy.name = source.name
  const code = errorCodeOf(error)
  return code === null ? copy : Object.assign(copy, { code })
}

function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort())
      return
    }
    const abort = () => {
      clearTimeout(timer)
      reject(onAbort())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort)
      resolve()
    }, ms)
    signal?.addEventListener("abort", abort, { once: true })
  })
}

const INVALID_JSON = Symbol("invalid JSON")

export class AthTransport {
  constructor(private readonly settings: TransportSettings) {}

  /**
   * Sends one call. Reads are retried on transient failures with exponential
   * backoff and full jitter; writes are sent exactly once, because a retried
   * payment, authorization or refund can charge or refund twice.
   */
  async execute<T>(call: HttpCall<T>, callerSignal?: AbortSignal): Promise<T> {
    const secrets = call.bearer === undefined ? this.settings.secrets : [...this.settings.secrets, call.bearer]
    const read = isReadOperation(call.operation)
    const aborted = () =>
      new RequestAbortedError(`The caller aborted ${operationLabel(call.operation)} before it was sent`, false, {
        code: "ABORTED",
        operation: call.operation,
      })
    if (callerSignal?.aborted) {
      throw aborted()
    }
    const maxAttempts = read ? 1 + this.settings.maxReadRetries : 1
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(call, attempt, callerSignal, secrets)
      } catch (error) {
        const retry =
          read && attempt < maxAttempts && error instanceof AthMovilError && error.retryable && !callerSignal?.aborted
        if (!retry) throw error
      }
      const ceiling = Math.min(MAX_BACKOFF_MS, this.settings.retryBaseDelayMs * 2 ** (attempt - 1))
      await sleep(Math.random() * ceiling, callerSignal, aborted)
    }
  }

  private async attempt<T>(
    call: HttpCall<T>,
    attempt: number,
    callerSignal: AbortSignal | undefined,
    secrets: readonly string[]
  ): Promise<T> {
    const timeoutSignal = AbortSignal.timeout(this.settings.requestTimeoutMs)
    const signal = callerSignal ? AbortSignal.any([timeoutSignal, callerSignal]) : timeoutSignal
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
    }
    if (call.bearer !== undefined) {
      headers.authorization = `Bearer ${call.bearer}`
    }
    const started = performance.now()
    let httpStatus: number | null = null
    try {
      const response = await request(call.url, {
        method: call.method,
        headers,
        body: JSON.stringify(call.body),
        signal,
      })
      httpStatus = response.statusCode
      call.onHeaders?.(response.headers)
      const text = await response.body.text()
      const value = this.interpret(call, httpStatus, text, secrets)
      this.report(call, attempt, started, httpStatus, "ok")
      return value
    } catch (error) {
      this.report(call, attempt, started, httpStatus, "error", error)
      if (error instanceof AthMovilError) throw error
      if (callerSignal?.aborted) {
        throw this.callerAbort(call, error, secrets)
      }
      if (timeoutSignal.aborted) {
        throw this.timeout(call, error, secrets)
      }
      throw this.connectionFailure(call, error, secrets)
    }
  }

  private interpret<T>(call: HttpCall<T>, httpStatus: number, text: string, secrets: readonly string[]): T {
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = INVALID_JSON
    }
    const ok = httpStatus >= 200 && httpStatus < 300
    if (body === INVALID_JSON) {
      if (!ok) throw buildResponseError(httpStatus, null, call.operation, secrets)
      throw this.unusableBody(call, "INVALID_JSON", "Invalid JSON response from ATH Móvil", httpStatus, null, secrets)
    }
    if (!ok || isErrorEnvelope(body)) {
      throw buildResponseError(httpStatus, body, call.operation, secrets)
    }
    const parsed = call.parse(body)
    if (!parsed.ok) {
      throw this.unusableBody(
        call,
        "UNEXPECTED_RESPONSE",
        `Unexpected response from ATH Móvil (${parsed.detail})`,
        httpStatus,
        body,
        secrets
      )
    }
    return parsed.value
  }

  /**
   * A 2xx answer we cannot use. For a read that is a network-level fault; for
   * a write ATH most likely did the work, so the caller must reconcile.
   */
  private unusableBody(
    call: HttpCall<unknown>,
    code: string,
    problem: string,
    httpStatus: number,
    body: unknown,
    secrets: readonly string[]
  ): AthMovilError {
    const init: AthMovilErrorInit = {
      code,
      httpStatus,
      operation: call.operation,
      response: sanitiseBody(body, secrets),
    }
    const label = operationLabel(call.operation)
    if (!isReadOperation(call.operation)) {
      return new OutcomeUnknownError(redactText(`${problem} to ${label}; ${RECONCILE_HINT}`, secrets), init)
    }
    return new NetworkError(redactText(`${problem} to ${label}`, secrets), {
      ...init,
      // Garbled bytes are worth another try; a well-formed body of the wrong shape is not.
      retryable: code === "INVALID_JSON",
    })
  }

  private callerAbort(call: HttpCall<unknown>, error: unknown, secrets: readonly string[]): AthMovilError {
    const write = !isReadOperation(call.operation)
    const label = operationLabel(call.operation)
    return new RequestAbortedError(
      write ? `The caller aborted ${label} after it was sent; ${RECONCILE_HINT}` : `The caller aborted ${label}`,
      write,
      { code: "ABORTED", operation: call.operation, cause: safeCause(error, secrets) }
    )
  }

  private timeout(call: HttpCall<unknown>, error: unknown, secrets: readonly string[]): AthMovilError {
    const label = operationLabel(call.operation)
    const problem = `ATH Móvil did not answer ${label} within ${this.settings.requestTimeoutMs} ms`
    const init = { code: "TIMEOUT", operation: call.operation, cause: safeCause(error, secrets) }
    if (!isReadOperation(call.operation)) {
      return new OutcomeUnknownError(`${problem}; ${RECONCILE_HINT}`, init)
    }
    return new TimeoutError(problem, { ...init, retryable: true })
  }

  private connectionFailure(call: HttpCall<unknown>, error: unknown, secrets: readonly string[]): AthMovilError {
    const code = errorCodeOf(error)
    const label = operationLabel(call.operation)
    const cause = safeCause(error, secrets)
    if (code !== null && NOT_SENT_CODES.has(code)) {
      // Nothing reached ATH, so even a write is safe to send again.
      return new NetworkError(`Could not connect to ATH Móvil for ${label} (${code})`, {
        code: "CONNECTION_FAILED",
        operation: call.operation,
        retryable: true,
        cause,
      })
    }
    const problem = `The connection to ATH Móvil failed during ${label} (${code ?? cause.message})`
    if (!isReadOperation(call.operation)) {
      return new OutcomeUnknownError(redactText(`${problem}; ${RECONCILE_HINT}`, secrets), {
        code: "CONNECTION_LOST",
        operation: call.operation,
        cause,
      })
    }
    return new NetworkError(redactText(problem, secrets), {
      code: "CONNECTION_LOST",
      operation: call.operation,
      retryable: true,
      cause,
    })
  }

  private report(
    call: HttpCall<unknown>,
    attempt: number,
    started: number,
    httpStatus: number | null,
    outcome: "ok" | "error",
    error?: unknown
  ): void {
    const hook = this.settings.onRequest
    if (hook === undefined) return
    try {
      hook({
        operation: call.operation,
        method: call.method,
        url: call.url,
        attempt,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        httpStatus,
        outcome,
        ...(outcome === "error"
          ? { errorCode: error instanceof AthMovilError ? error.code : null, errorName: error instanceof Error ? error.name : "Error" }
          : {}),
      })
    } catch {
      // A broken metrics hook must never turn a payment into a failure.
    }
  }
}
