/**
 * The ATH Móvil checkout as a small state machine, free of React so it can be tested with fake
 * timers and driven by `useAthMovilPayment`. Everything it does to the store goes through the
 * storefront kit (`../storefront`): this file only decides which kit call comes next.
 *
 *   idle ──start──▶ waiting (seconds left) ──approved──▶ completing ──▶ done
 *                     │  ▲ changePhone                        │
 *                     │  └─────────┘                          └──▶ rejected | expired | error
 *                     ├──cancel──▶ idle
 *                     └──▶ rejected | expired | error ──reset──▶ idle
 *
 * "approved" is shown for the instant between ATH's approval and the completion starting.
 */
import {
  AthMovilAbortedError,
  AthMovilInvalidPhoneError,
  AthMovilPaymentError,
  cancelAthMovilPayment,
  changeAthMovilPhone,
  completeAthMovilCheckout,
  getAthMovilReferenceNumber,
  normaliseAthMovilPhone,
  startAthMovilPayment,
  waitForAthMovilApproval,
  withAthMovilLocale,
  type AthMovilErrorCode,
  type AthMovilLocale,
  type AthMovilSdk,
} from "../storefront"

export type AthMovilPaymentStatus =
  | "idle"
  | "waiting"
  | "approved"
  | "completing"
  | "done"
  | "rejected"
  | "expired"
  | "error"

/** A request in flight; the UI disables what it would repeat. */
export type AthMovilPendingAction = "start" | "cancel" | "changePhone" | null

/** What the hook returns (plus the actions) and the button renders. */
export interface AthMovilPaymentState<TResult = unknown> {
  status: AthMovilPaymentStatus
  pending: AthMovilPendingAction
  /** Medusa payment session id once a payment was sent. */
  sessionId: string | null
  /** Last 4 digits of the phone the request went to. */
  phoneLast4: string | null
  /** Seconds until ATH Móvil stops accepting the approval (while waiting), from the server. */
  secondsLeft: number | null
  /** ATH Móvil reference number, once known. */
  referenceNumber: string | null
  /** What `complete` resolved with (by default the Medusa order). */
  result: TResult | null
  /** Set in `error`, and for a refused phone number or a failed cancel / phone change. */
  error: AthMovilPaymentError | null
  /** Shortcut for `error?.code`. */
  errorCode: AthMovilErrorCode | null
  /** Which action `error` belongs to ("cancel" failed, "changePhone" refused…), null for the payment's own. */
  failedAction: AthMovilPendingAction
}

export interface AthMovilPaymentOptions<TResult = unknown> {
  /** A `@medusajs/js-sdk` instance (anything shaped like one). */
  sdk: AthMovilSdk
  /** The cart, with its payment collection when it has one. */
  cart: { id: string; payment_collection?: { id: string } | null }
  /**
   * Places the order once ATH approved, e.g. a Next.js server action wrapping
   * `completeAthMovilCheckout` (a server action that `redirect()`s never resolves here, which is
   * fine: the page navigates). Default: `completeAthMovilCheckout(sdk, cart.id, { sessionId })`
   * in the browser, then the reference number is read.
   */
  complete?: (input: { cartId: string; sessionId: string }) => Promise<TResult>
  /** Called once with the result of `complete` (and the ATH reference when known). */
  onDone?: (done: { result: TResult; referenceNumber: string | null; sessionId: string }) => void
  /** Provider id when registered with another `id` (default `pp_athmovil_athmovil`). */
  providerId?: string
  /** The language the store answers in (status texts, error messages); the browser's `Accept-Language` when left out. */
  locale?: AthMovilLocale
}

/** The sdk the controller calls the store with: asking for the shopper's language when one is set. */
function storeSdk(options: AthMovilPaymentOptions<any>): AthMovilSdk {
  return options.locale ? withAthMovilLocale(options.sdk, options.locale) : options.sdk
}

const IDLE: AthMovilPaymentState<never> = {
  status: "idle",
  pending: null,
  sessionId: null,
  phoneLast4: null,
  secondsLeft: null,
  referenceNumber: null,
  result: null,
  error: null,
  errorCode: null,
  failedAction: null,
}

function asPaymentError(e: unknown): AthMovilPaymentError {
  return e instanceof AthMovilPaymentError
    ? e
    : new AthMovilPaymentError("request_failed", e instanceof Error ? e.message : String(e), { cause: e })
}

export interface AthMovilPaymentController<TResult = unknown> {
  getState(): AthMovilPaymentState<TResult>
  subscribe(listener: () => void): () => void
  /**
   * Sends the payment request to `phoneNumber` (checked locally first); without one, to the phone
   * the store offers (`useAthMovilSavedPhone`: the saved ATH phone, else the cart's).
   */
  start(phoneNumber?: string | number): Promise<void>
  /** Withdraws the request from the shopper's phone and goes back to idle. */
  cancel(): Promise<void>
  /** Sends the request to another phone while waiting; the countdown restarts from the server's. */
  changePhone(phoneNumber: string | number): Promise<void>
  /** From rejected / expired / error (or idle with a phone error) back to idle, to try again. */
  reset(): void
  /** Latest options (callbacks may change on every render). */
  setOptions(options: AthMovilPaymentOptions<TResult>): void
  /**
   * A view is showing the state: polling runs only while at least one is attached. Returns the
   * detach function. Detaching the last one stops polling, never the payment itself.
   */
  attach(): () => void
}

export function createAthMovilPaymentController<TResult = unknown>(
  initial: AthMovilPaymentOptions<TResult>
): AthMovilPaymentController<TResult> {
  let options = initial
  let state: AthMovilPaymentState<TResult> = IDLE
  const listeners = new Set<() => void>()
  let attached = 0
  // Each wait/complete run has a generation; answers of an older one are dropped.
  let generation = 0
  let wait: AbortController | null = null

  const set = (patch: Partial<AthMovilPaymentState<TResult>>) => {
    state = { ...state, ...patch }
    if (patch.error !== undefined) state.errorCode = patch.error?.code ?? null
    if (patch.error === null) state.failedAction = null
    for (const l of [...listeners]) l()
  }

  const stopWaiting = () => {
    generation++
    wait?.abort()
    wait = null
  }

  const finish = (status: "rejected" | "expired" | "error", error: AthMovilPaymentError | null) =>
    set({ status, pending: null, secondsLeft: status === "error" ? state.secondsLeft : 0, error })

  const onFailure = (e: unknown) => {
    const error = asPaymentError(e)
    if (error.code === "rejected") finish("rejected", null)
    else if (error.code === "expired") finish("expired", null)
    else finish("error", error)
  }

  async function completeNow(gen: number, sessionId: string, knownReference: string | null) {
    set({ status: "completing", referenceNumber: knownReference })
    const { cart, complete, onDone } = options
    const sdk = storeSdk(options)
    let result: TResult
    let referenceNumber = knownReference
    try {
      if (complete) {
        result = await complete({ cartId: cart.id, sessionId })
      } else {
        result = (await completeAthMovilCheckout(sdk, cart.id, { sessionId })) as TResult
        referenceNumber ??= await getAthMovilReferenceNumber(sdk, { sessionId, cartId: cart.id }).catch(() => null)
      }
    } catch (e) {
      if (gen === generation) onFailure(e)
      return
    }
    if (gen !== generation) return
    set({ status: "done", result, referenceNumber, secondsLeft: 0 })
    try {
      onDone?.({ result, referenceNumber, sessionId })
    } catch {
      // A failing callback does not undo the order.
    }
  }

  /** Polls until approval, then completes. Runs only while attached. */
  function runWait() {
    const sessionId = state.sessionId
    if (!sessionId || attached === 0) return
    stopWaiting()
    const gen = generation
    const controller = new AbortController()
    wait = controller
    waitForAthMovilApproval(storeSdk(options), { sessionId, cartId: options.cart.id }, {
      signal: controller.signal,
      onTick: ({ secondsLeft }) => {
        if (gen === generation && state.status === "waiting") set({ secondsLeft })
      },
    }).then(
      (approved) => {
        if (gen !== generation) return
        wait = null
        set({ status: "approved", secondsLeft: null, referenceNumber: approved.referenceNumber })
        void completeNow(gen, sessionId, approved.referenceNumber)
      },
      (e) => {
        if (gen !== generation || e instanceof AthMovilAbortedError) return
        wait = null
        onFailure(e)
      }
    )
  }

  const phoneOrError = (phoneNumber: string | number, action: AthMovilPendingAction): string | null => {
    const phone = normaliseAthMovilPhone(phoneNumber)
    if (!phone) set({ error: new AthMovilInvalidPhoneError(), failedAction: action })
    return phone
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    setOptions(next) {
      options = next
    },
    attach() {
      attached++
      // Back on screen (React StrictMode remount, a tab brought back): resume the wait.
      if (attached === 1 && state.status === "waiting" && !wait) runWait()
      let done = false
      return () => {
        if (done) return
        done = true
        attached--
        if (attached === 0 && state.status === "waiting") stopWaiting()
      }
    },

    async start(phoneNumber) {
      if (state.pending || !["idle", "rejected", "expired", "error"].includes(state.status)) return
      const phone = phoneNumber === undefined ? undefined : phoneOrError(phoneNumber, "start")
      if (phone === null) return
      stopWaiting()
      const gen = generation
      set({ ...IDLE, pending: "start" })
      try {
        const { cart, providerId } = options
        const sdk = storeSdk(options)
        // The store builds the ATH receipt (lines, shipping, IVU) from the cart itself.
        const started = await startAthMovilPayment(sdk, cart, { phoneNumber: phone, providerId })
        if (gen !== generation) return
        set({
          status: "waiting",
          pending: null,
          sessionId: started.sessionId,
          phoneLast4: started.phoneLast4,
          secondsLeft: Math.max(0, Math.ceil((started.expiresAt.getTime() - Date.now()) / 1000)),
        })
        runWait()
      } catch (e) {
        if (gen !== generation) return
        // The payment was never sent: stay on the phone form with the reason.
        const error = asPaymentError(e)
        set({ status: error.code === "invalid_phone" ? "idle" : "error", pending: null, error, failedAction: "start" })
      }
    },

    async cancel() {
      const sessionId = state.sessionId
      if (state.status !== "waiting" || state.pending || !sessionId) return
      stopWaiting()
      set({ pending: "cancel", error: null })
      try {
        await cancelAthMovilPayment(storeSdk(options), { sessionId, cartId: options.cart.id })
        set({ ...IDLE })
      } catch (e) {
        // Typically: the shopper approved a moment ago. Keep waiting; the wait sees the approval.
        set({ pending: null, error: asPaymentError(e), failedAction: "cancel" })
        runWait()
      }
    },

    async changePhone(phoneNumber) {
      const sessionId = state.sessionId
      if (state.status !== "waiting" || state.pending || !sessionId) return
      const phone = phoneOrError(phoneNumber, "changePhone")
      if (!phone) return
      // The kit's countdown never goes up; the new request has a fresh expiry, so restart it.
      stopWaiting()
      set({ pending: "changePhone", error: null })
      try {
        const view = await changeAthMovilPhone(storeSdk(options), { sessionId, cartId: options.cart.id }, phone)
        set({ pending: null, phoneLast4: view.phoneLast4 ?? phone.slice(-4), secondsLeft: view.secondsLeft })
      } catch (e) {
        set({ pending: null, error: asPaymentError(e), failedAction: "changePhone" })
      }
      runWait()
    },

    reset() {
      if (state.status === "waiting" || state.status === "approved" || state.status === "completing" || state.status === "done") {
        if (state.error) set({ error: null })
        return
      }
      stopWaiting()
      set({ ...IDLE })
    },
  }
}
