/** Internals shared by the kit's functions: timers, abort handling and error classification. */
import { AthMovilAbortedError, AthMovilPaymentError } from "./errors"

/** Resolves after `ms`, or rejects with `AthMovilAbortedError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AthMovilAbortedError())
    const onAbort = () => {
      clearTimeout(timer)
      reject(new AthMovilAbortedError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort)
      resolve()
    }, Math.max(0, ms))
    signal?.addEventListener("abort", onAbort, { once: true })
  })
}

export function throwIfAborted(signal?: AbortSignal | null): void {
  if (signal?.aborted) throw new AthMovilAbortedError()
}

/** HTTP status of a js-sdk `FetchError` (or anything shaped like one). */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === "number" && status > 0 ? status : undefined
}

/**
 * The store's own message of a failed call: the js-sdk keeps the JSON answer's `message`, and
 * falls back on the HTTP status text when the answer was not the store's JSON (a proxy's page).
 */
function storeMessageOf(error: unknown): string | undefined {
  if (httpStatusOf(error) === undefined || !(error instanceof Error)) return undefined
  const statusText = (error as { statusText?: unknown }).statusText
  return error.message && error.message !== statusText ? error.message : undefined
}

/** The plugin answers 502 when only the merchant can fix ATH Móvil (tokens refused, account inactive). */
function isStoreUnavailable(error: unknown): boolean {
  return httpStatusOf(error) === 502 && storeMessageOf(error) !== undefined
}

function isAbortError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "AbortError"
}

/**
 * Worth retrying: the request never got an answer (network down, DNS, CORS preflight cut,
 * a proxy's HTML instead of JSON), or the store answered 408/425/429/5xx.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof AthMovilPaymentError || isAbortError(error) || isStoreUnavailable(error)) return false
  const status = httpStatusOf(error)
  // fetch() rejects with a TypeError when no answer came back; a proxy's HTML page fails JSON parsing.
  if (status === undefined) return error instanceof TypeError || error instanceof SyntaxError
  return status >= 500 || status === 408 || status === 425 || status === 429
}

/** Turns anything thrown by the sdk into an `AthMovilPaymentError`, keeping the server's message. */
export function toPaymentError(error: unknown, signal?: AbortSignal | null): AthMovilPaymentError {
  if (error instanceof AthMovilPaymentError) return error
  if (isAbortError(error) || signal?.aborted) return new AthMovilAbortedError()
  const status = httpStatusOf(error)
  const message = error instanceof Error && error.message ? error.message : "ATH Móvil request failed"
  const serverMessage = storeMessageOf(error)
  return new AthMovilPaymentError(isStoreUnavailable(error) ? "unavailable" : "request_failed", message, { status, cause: error, serverMessage })
}

/** Backoff after `failures` consecutive transient failures: 1 s, 2 s, 4 s, then 5 s. */
export function backoffMs(failures: number, floorMs: number): number {
  return Math.max(floorMs, Math.min(5000, 1000 * 2 ** Math.max(0, failures - 1)))
}

/** A signal that aborts when `parent` does, plus a way to abort it ourselves. */
export function childController(parent?: AbortSignal | null): { controller: AbortController; release(): void } {
  const controller = new AbortController()
  if (!parent) return { controller, release: () => {} }
  const onAbort = () => controller.abort()
  if (parent.aborted) controller.abort()
  else parent.addEventListener("abort", onAbort, { once: true })
  return { controller, release: () => parent.removeEventListener("abort", onAbort) }
}
