import type { HttpTypes } from "@medusajs/types"
import {
  AthMovilExpiredError,
  AthMovilInvalidPhoneError,
  AthMovilPaymentError,
  AthMovilRejectedError,
} from "./errors"
import { normaliseAthMovilPhone } from "./phone"
import { backoffMs, childController, httpStatusOf, isTransient, sleep, throwIfAborted, toPaymentError } from "./transport"
import {
  ATHMOVIL_PROVIDER_ID,
  type AthMovilItem,
  type AthMovilPaymentRef,
  type AthMovilPaymentStatus,
  type AthMovilSdk,
  type AthMovilSessionStatus,
  type RawSessionStatus,
} from "./types"

const STATUS_ROUTE = "/store/athmovil/payment-sessions"
/** Fast polling lasts this long; the shopper usually approves within it. */
const DEFAULT_FAST_PHASE_MS = 30_000
const DEFAULT_MAX_INTERVAL_MS = 3_000
/** Transient failures are only reported once they have lasted this long. */
const GIVE_UP_AFTER_MS = 30_000
/** Floor for any wait, whatever the server says. */
const MIN_INTERVAL_MS = 250

/** What `startAthMovilPayment` returns. */
export interface StartedAthMovilPayment extends AthMovilPaymentRef {
  /** Medusa payment session id. Pass the whole object to `waitForAthMovilApproval`, `changeAthMovilPhone`, … */
  sessionId: string
  /** The cart it pays: the store's payment routes answer only for the cart that owns the session. */
  cartId: string
  /** ATH Móvil's id of the payment. */
  ecommerceId: string
  /** When ATH Móvil stops accepting the approval. */
  expiresAt: Date
  /** Last 4 digits of the phone the payment was sent to, for "check your phone ending in …". */
  phoneLast4: string
}

function toStatus(raw: RawSessionStatus): AthMovilSessionStatus {
  return {
    sessionId: raw.id,
    status: raw.status,
    athmStatus: raw.athm_status,
    expiresAt: raw.expires_at ? new Date(raw.expires_at) : null,
    secondsLeft: Math.max(0, Math.floor(Number(raw.seconds_left) || 0)),
    retryAfterMs: Math.max(MIN_INTERVAL_MS, Number(raw.retry_after_ms) || 1000),
    referenceNumber: raw.reference_number || null,
    message: raw.message,
    ...(raw.code !== undefined ? { code: raw.code } : {}),
    ...(raw.phone_last4 !== undefined ? { phoneLast4: raw.phone_last4 } : {}),
  }
}

/**
 * The store's session routes act only for the cart that owns the session, so every call names
 * both. A bare session id (what earlier versions of the kit took) is refused with a message saying what to pass.
 */
function refOf(payment: AthMovilPaymentRef): AthMovilPaymentRef {
  const ref = payment as Partial<AthMovilPaymentRef> | string | null | undefined
  if (!ref || typeof ref !== "object" || typeof ref.sessionId !== "string" || !ref.sessionId || typeof ref.cartId !== "string" || !ref.cartId) {
    throw new AthMovilPaymentError(
      "request_failed",
      "Pass the payment as { sessionId, cartId } (what startAthMovilPayment returns): the store answers only for the cart that owns the payment session."
    )
  }
  return { sessionId: ref.sessionId, cartId: ref.cartId }
}

function sessionPath(ref: AthMovilPaymentRef, action = ""): string {
  return `${STATUS_ROUTE}/${encodeURIComponent(ref.sessionId)}${action}`
}

function requirePhone(phoneNumber: string | number): string {
  const phone = normaliseAthMovilPhone(phoneNumber)
  if (!phone) throw new AthMovilInvalidPhoneError()
  return phone
}

/**
 * Sends the ATH Móvil payment request to the shopper's phone: checks the phone number locally
 * (10 digits once "(", ")", "-", spaces and "+1" are removed), then creates the cart's payment
 * session with the ATH Móvil provider. Call it once the cart total is final (shipping chosen);
 * calling it again replaces the previous request (ATH cancels the old one).
 *
 * @throws AthMovilPaymentError `invalid_phone`, or `request_failed` with the store's message
 * (for example: not a USD region, total outside 1.00–1500.00).
 */
export async function startAthMovilPayment(
  sdk: AthMovilSdk,
  cart: { id: string; payment_collection?: { id: string } | null },
  options: {
    /**
     * The shopper's ATH Móvil phone number, e.g. "787-555-1234". Leave it out to use the phone the
     * store offers (`getAthMovilSavedPhone`: the logged-in customer's saved ATH phone, else the
     * cart's address phone); the store refuses with 400 when it has none.
     */
    phoneNumber?: string | number
    /**
     * @deprecated Ignored, never sent: the store builds the ATH Móvil receipt (lines, shipping,
     * IVU, discounts) on the server from the cart, and refuses item lists from a storefront.
     */
    items?: AthMovilItem[]
    /** Provider id when the provider is registered with another `id` (default `pp_athmovil_athmovil`). */
    providerId?: string
  }
): Promise<StartedAthMovilPayment> {
  const phone = options.phoneNumber === undefined ? undefined : requirePhone(options.phoneNumber)
  const providerId = options.providerId ?? ATHMOVIL_PROVIDER_ID
  let collection: HttpTypes.StorePaymentCollection
  try {
    collection = (
      await sdk.store.payment.initiatePaymentSession(cart, {
        provider_id: providerId,
        data: phone ? { phone_number: phone, cart_id: cart.id } : { cart_id: cart.id },
      })
    ).payment_collection
  } catch (e) {
    throw toPaymentError(e)
  }
  const session = [...(collection.payment_sessions ?? [])].reverse().find((s) => s.provider_id === providerId)
  const data = (session?.data ?? {}) as { ecommerce_id?: string; expires_at?: string; phone_last4?: string }
  if (!session || !data.ecommerce_id) {
    throw new AthMovilPaymentError("request_failed", `No ${providerId} payment session was created for cart ${cart.id}`)
  }
  return {
    sessionId: session.id,
    cartId: cart.id,
    ecommerceId: data.ecommerce_id,
    expiresAt: data.expires_at ? new Date(data.expires_at) : new Date(Date.now() + 10 * 60_000),
    phoneLast4: data.phone_last4 ?? phone?.slice(-4) ?? "",
  }
}

/**
 * One read of the payment's live status (`GET /store/athmovil/payment-sessions/:id?cart_id=…`).
 * The store asks ATH Móvil at most once per second per payment, whoever polls; do not call it
 * more often than `retryAfterMs`. `waitForAthMovilApproval` does the polling for you.
 */
export async function getAthMovilPaymentStatus(
  sdk: AthMovilSdk,
  payment: AthMovilPaymentRef,
  options: { signal?: AbortSignal | null } = {}
): Promise<AthMovilSessionStatus> {
  const ref = refOf(payment)
  const body = await sdk.client.fetch<{ payment_session: RawSessionStatus }>(sessionPath(ref), {
    method: "GET",
    query: { cart_id: ref.cartId },
    signal: options.signal ?? null,
  })
  return toStatus(body.payment_session)
}

/**
 * The ATH Móvil reference number of a completed payment, for the confirmation page. Right after
 * the order is placed the store may still answer from its one-second cache ("approved", no
 * reference yet), so this reads again every `retry_after_ms`, up to `attempts` times (default 5).
 * Resolves `null` if the payment is not completed by then.
 */
export async function getAthMovilReferenceNumber(
  sdk: AthMovilSdk,
  payment: AthMovilPaymentRef,
  options: { signal?: AbortSignal | null; attempts?: number } = {}
): Promise<string | null> {
  const ref = refOf(payment)
  const attempts = Math.max(1, Math.floor(options.attempts ?? 5))
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(options.signal)
    let waitMs = 1000
    try {
      const view = await getAthMovilPaymentStatus(sdk, ref, { signal: options.signal })
      if (view.status === "completed" && view.referenceNumber) return view.referenceNumber
      if (view.status !== "approved" && view.status !== "completed") return null
      waitMs = view.retryAfterMs
    } catch (e) {
      if (options.signal?.aborted || !isTransient(e)) throw toPaymentError(e, options.signal)
    }
    if (attempt >= attempts) return null
    await sleep(waitMs, options.signal)
  }
}

/** What `waitForAthMovilApproval` reports every second. */
export interface AthMovilTick {
  /** Seconds until expiry: the server's figure, counted down locally between answers. */
  secondsLeft: number
  status: AthMovilPaymentStatus
}

/**
 * Waits until the shopper approves the payment in the ATH Móvil app, polling the store: every
 * `retry_after_ms` (1 s) for the first 30 s, then slowing down to `maxIntervalMs`, and never
 * faster than the server allows. `onTick` is called once a second with the seconds left (from
 * the server) for a countdown. Network errors and 5xx answers are retried with backoff and only
 * reported if they last about 30 s.
 *
 * Resolves with `approved` (complete the cart now) or `completed` (already paid; complete the
 * cart to get the order) and the ATH reference number when known.
 *
 * @throws AthMovilRejectedError the shopper rejected it; AthMovilExpiredError it expired;
 * AthMovilAbortedError `signal` aborted; AthMovilPaymentError `network` or `request_failed`.
 */
export async function waitForAthMovilApproval(
  sdk: AthMovilSdk,
  payment: AthMovilPaymentRef,
  options: {
    onTick?: (tick: AthMovilTick) => void
    signal?: AbortSignal | null
    /** Slowest polling interval once the first 30 s are over (default 3000 ms). */
    maxIntervalMs?: number
    /** How long to poll at full speed before slowing down (default 30 000 ms). */
    fastPhaseMs?: number
  } = {}
): Promise<{ status: "approved" | "completed"; referenceNumber: string | null }> {
  const { signal, onTick } = options
  const ref = refOf(payment)
  const maxIntervalMs = Math.max(MIN_INTERVAL_MS, options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS)
  const fastPhaseMs = Math.max(0, options.fastPhaseMs ?? DEFAULT_FAST_PHASE_MS)
  throwIfAborted(signal)

  const { controller, release } = childController(signal)
  let snapshot: { secondsLeft: number; status: AthMovilPaymentStatus; at: number } | null = null
  let shown: number | undefined
  const tick = () => {
    if (!snapshot || !onTick) return
    const elapsed = Math.floor((Date.now() - snapshot.at) / 1000)
    let secondsLeft = Math.max(0, snapshot.secondsLeft - elapsed)
    // A countdown never goes back up because of rounding between two answers.
    if (shown !== undefined) secondsLeft = Math.min(secondsLeft, shown)
    shown = secondsLeft
    try {
      onTick({ secondsLeft, status: snapshot.status })
    } catch {
      // A failing UI callback must not stop the wait.
    }
  }
  const ticker = onTick ? setInterval(tick, 1000) : undefined

  try {
    const started = Date.now()
    let interval = 0
    let failingSince: number | null = null
    let failures = 0
    for (;;) {
      throwIfAborted(signal)
      let view: AthMovilSessionStatus
      try {
        view = await getAthMovilPaymentStatus(sdk, ref, { signal: controller.signal })
      } catch (e) {
        if (signal?.aborted || !isTransient(e)) throw toPaymentError(e, signal)
        failingSince ??= Date.now()
        failures++
        if (Date.now() - failingSince >= GIVE_UP_AFTER_MS) {
          throw new AthMovilPaymentError(
            "network",
            `ATH Móvil status unreachable for ${Math.round((Date.now() - failingSince) / 1000)} s: ${e instanceof Error ? e.message : String(e)}`,
            { status: httpStatusOf(e), cause: e }
          )
        }
        await sleep(backoffMs(failures, interval), signal)
        continue
      }
      failingSince = null
      failures = 0
      const first = snapshot === null
      snapshot = { secondsLeft: view.secondsLeft, status: view.status, at: Date.now() }
      if (first) tick()

      switch (view.status) {
        case "approved":
        case "completed":
          return { status: view.status, referenceNumber: view.referenceNumber }
        case "canceled":
          throw new AthMovilRejectedError()
        case "expired":
          throw new AthMovilExpiredError()
      }

      if (Date.now() - started < fastPhaseMs || view.secondsLeft * 1000 <= maxIntervalMs) {
        // Fast while the shopper is most likely approving, and again just before expiry.
        interval = view.retryAfterMs
      } else {
        interval = Math.min(Math.max(maxIntervalMs, view.retryAfterMs), Math.max(interval, view.retryAfterMs) * 1.5)
      }
      await sleep(Math.max(interval, view.retryAfterMs), signal)
    }
  } finally {
    if (ticker !== undefined) clearInterval(ticker)
    controller.abort()
    release()
  }
}

/** Medusa's 400s about the payment: "Session: … was not authorized with the provider.", "Payment sessions are required…". */
const NOT_AUTHORIZED = /authori[sz]ed|payment session/i

/** Statuses from which a retried `cart.complete` can still succeed. */
const STILL_PAYABLE: readonly AthMovilPaymentStatus[] = ["pending", "approved", "completed"]

async function findAthSessionId(sdk: AthMovilSdk, cartId: string, providerId: string): Promise<string | null> {
  const { cart } = await sdk.store.cart.retrieve(cartId, {
    fields: "id,*payment_collection,*payment_collection.payment_sessions",
  })
  const sessions = cart.payment_collection?.payment_sessions ?? []
  const ath = sessions.filter((s) => s.provider_id === providerId)
  return ath.length ? ath[ath.length - 1].id : null
}

/**
 * Places the order: `sdk.store.cart.complete(cartId)`, retried while the ATH approval is still
 * in flight. When the store answers 400 ("… was not authorized with the provider"), the
 * payment's status decides: approved or pending → try again after `retry_after_ms`; rejected or
 * expired → a typed error (start a new payment). Network errors and 5xx are retried with backoff.
 *
 * @returns the order.
 * @throws AthMovilRejectedError, AthMovilExpiredError, AthMovilAbortedError, or
 * AthMovilPaymentError `not_approved` (still waiting after `attempts`), `network`, `request_failed`.
 */
export async function completeAthMovilCheckout(
  sdk: AthMovilSdk,
  cartId: string,
  options: {
    signal?: AbortSignal | null
    /** How many times to call `cart.complete` before giving up (default 10). */
    attempts?: number
    /** The ATH payment session id; looked up on the cart when omitted. */
    sessionId?: string
    /** Provider id when registered with another `id` (default `pp_athmovil_athmovil`). */
    providerId?: string
  } = {}
): Promise<HttpTypes.StoreOrder> {
  const { signal } = options
  const attempts = Math.max(1, Math.floor(options.attempts ?? 10))
  const providerId = options.providerId ?? ATHMOVIL_PROVIDER_ID
  let sessionId = options.sessionId ?? null
  let failingSince: number | null = null
  let failures = 0
  let lastStatus: AthMovilPaymentStatus | null = null
  let lastError: unknown = null

  for (let attempt = 1; attempt <= attempts; attempt++) {
    throwIfAborted(signal)
    let waitMs = 1000
    try {
      const result = await sdk.store.cart.complete(cartId)
      if (result.type === "order") return result.order
      // 200 {type:"cart", error}: the provider could not be asked (ATH unreachable) or wants more.
      lastError = new AthMovilPaymentError("request_failed", result.error?.message ?? "Cart not completed")
    } catch (e) {
      throwIfAborted(signal)
      const status = httpStatusOf(e)
      if (status === 409 || isTransient(e)) {
        // 409: another tab (or the store's recovery job) is completing this cart right now.
        failingSince ??= Date.now()
        failures++
        lastError = e
        if (status !== 409 && Date.now() - failingSince >= GIVE_UP_AFTER_MS) {
          throw new AthMovilPaymentError("network", `Cart ${cartId} could not be completed: ${String((e as Error)?.message ?? e)}`, {
            status,
            cause: e,
          })
        }
        if (attempt < attempts) await sleep(backoffMs(failures, 1000), signal)
        continue
      }
      // Only the payment's answers are worth asking about; a cart problem (no shipping method…) is final.
      if (status !== 400 || !NOT_AUTHORIZED.test(String((e as Error)?.message ?? ""))) throw toPaymentError(e, signal)
      lastError = e
    }
    failingSince = null
    failures = 0

    // Not authorized: ask the payment itself why.
    try {
      sessionId ??= await findAthSessionId(sdk, cartId, providerId)
      if (!sessionId) throw toPaymentError(lastError)
      const view = await getAthMovilPaymentStatus(sdk, { sessionId, cartId }, { signal })
      lastStatus = view.status
      if (view.status === "canceled") throw new AthMovilRejectedError()
      if (view.status === "expired") throw new AthMovilExpiredError()
      if (!STILL_PAYABLE.includes(view.status)) throw toPaymentError(lastError)
      waitMs = view.retryAfterMs
    } catch (e) {
      if (e instanceof AthMovilPaymentError) throw e
      if (signal?.aborted || !isTransient(e)) throw toPaymentError(e, signal)
      waitMs = 2000
    }
    if (attempt < attempts) await sleep(waitMs, signal)
  }

  if (lastStatus === "pending") {
    throw new AthMovilPaymentError("not_approved", `ATH Móvil payment of cart ${cartId} is still waiting for approval`, {
      cause: lastError,
    })
  }
  throw toPaymentError(lastError ?? new Error(`Cart ${cartId} could not be completed`))
}

/**
 * Cancels a payment the shopper no longer wants: ATH withdraws the request from their phone and the
 * session is removed, so the cart can be paid again. Stop `waitForAthMovilApproval` first (abort its
 * signal). Fails with an `AthMovilPaymentError` if the shopper has already paid.
 */
export async function cancelAthMovilPayment(
  sdk: AthMovilSdk,
  payment: AthMovilPaymentRef,
  options: { signal?: AbortSignal | null } = {}
): Promise<void> {
  const ref = refOf(payment)
  try {
    await sdk.client.fetch(sessionPath(ref, "/cancel"), {
      method: "POST",
      body: { cart_id: ref.cartId },
      signal: options.signal ?? null,
    })
  } catch (e) {
    throw toPaymentError(e, options.signal)
  }
}

/**
 * Sends the payment request to another phone number while the payment waits for approval
 * (the old phone can no longer approve it). Checks the number locally first. The store allows
 * 3 changes per payment; after that it answers 429 (start a new payment instead).
 *
 * @returns the payment's status and the new number's last 4 digits.
 * @throws AthMovilPaymentError `invalid_phone`, or `request_failed` (status 400) when the payment
 * is no longer waiting or the store refused the number, (status 429) after 3 changes.
 */
export async function changeAthMovilPhone(
  sdk: AthMovilSdk,
  payment: AthMovilPaymentRef,
  phoneNumber: string | number,
  options: { signal?: AbortSignal | null } = {}
): Promise<AthMovilSessionStatus & { phoneLast4: string | null }> {
  const ref = refOf(payment)
  const phone = requirePhone(phoneNumber)
  try {
    const body = await sdk.client.fetch<{ payment_session: RawSessionStatus }>(sessionPath(ref, "/phone"), {
      method: "POST",
      body: { phone_number: phone, cart_id: ref.cartId },
      signal: options.signal ?? null,
    })
    const view = toStatus(body.payment_session)
    return { ...view, phoneLast4: view.phoneLast4 ?? phone.slice(-4) }
  } catch (e) {
    throw toPaymentError(e, options.signal)
  }
}
