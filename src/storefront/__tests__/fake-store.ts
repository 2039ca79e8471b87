/**
 * A fake store behind a js-sdk-shaped object, for the kit's and the React entry's unit tests: it
 * answers the routes the kit calls (session start, status, cancel, phone, cart complete,
 * eligibility) from an in-memory payment whose ATH status the test sets. Time is jest's fake
 * clock. The real store behind the real js-sdk is `integration-tests/http/storefront-kit.suite.ts`.
 */
import type { AthMovilSdk } from ".."

type AthStatus = "pending" | "approved" | "completed" | "canceled" | "expired"

export interface FakeCall {
  method: string
  path: string
  body?: unknown
  /** The fake clock's time when the request was sent. */
  at: number
}

export function fakeStore(options: { timeoutSeconds?: number } = {}) {
  const timeout = (options.timeoutSeconds ?? 600) * 1000
  const calls: FakeCall[] = []
  let sessions = 0
  let payment: { id: string; status: AthStatus; expiresAt: number; phone: string; reference: string | null } | null = null
  const failures: Record<string, { status: number; message: string; times: number } | undefined> = {}

  const httpError = (status: number, message: string) => Object.assign(new Error(message), { status })
  const view = () => {
    if (!payment) throw httpError(404, "no session")
    const live = payment.status === "pending" && Date.now() >= payment.expiresAt ? "expired" : payment.status
    return {
      id: payment.id,
      status: live,
      athm_status: live === "pending" ? "OPEN" : live === "approved" ? "CONFIRM" : live === "completed" ? "COMPLETED" : "CANCEL",
      expires_at: new Date(payment.expiresAt).toISOString(),
      seconds_left: live === "pending" || live === "approved" ? Math.ceil((payment.expiresAt - Date.now()) / 1000) : 0,
      retry_after_ms: 1000,
      reference_number: payment.reference,
      message: "",
    }
  }

  const sdk: AthMovilSdk = {
    client: {
      async fetch<T>(input: string, init: { method?: string; body?: Record<string, unknown>; query?: Record<string, unknown> } = {}) {
        const method = init.method ?? "GET"
        if (init.signal?.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" })
        calls.push({ method, path: input, body: init.body ?? init.query, at: Date.now() })
        const route = `${method} ${input.replace(/payses_\d+/, ":id")}`
        const failure = failures[route]
        if (failure) {
          if (--failure.times <= 0) delete failures[route]
          throw httpError(failure.status, failure.message)
        }
        if (input === "/store/athmovil/eligibility") {
          return { eligible: false, reasons: [{ code: "currency_not_usd", message: "EUR" }] } as T
        }
        const m = /^\/store\/athmovil\/payment-sessions\/([^/]+)(\/cancel|\/phone)?$/.exec(input)
        if (!m || !payment || m[1] !== payment.id) throw httpError(404, `no route ${input}`)
        if (m[2] === "/cancel") {
          payment = null
          return {} as T
        }
        if (m[2] === "/phone") {
          payment.phone = String(init.body?.phone_number)
          payment.expiresAt = Date.now() + timeout
          return { payment_session: { ...view(), phone_last4: payment.phone.slice(-4) } } as T
        }
        return { payment_session: view() } as T
      },
    },
    store: {
      payment: {
        async initiatePaymentSession(cart, body) {
          calls.push({ method: "POST", path: `/store/payment-collections/${cart.id}/payment-sessions`, body, at: Date.now() })
          const phone = String((body.data as { phone_number: string }).phone_number)
          payment = { id: `payses_${++sessions}`, status: "pending", expiresAt: Date.now() + timeout, phone, reference: null }
          return {
            payment_collection: {
              id: "paycol_1",
              payment_sessions: [
                {
                  id: payment.id,
                  provider_id: body.provider_id,
                  data: { ecommerce_id: `ecom-${sessions}`, expires_at: new Date(payment.expiresAt).toISOString(), phone_last4: phone.slice(-4) },
                },
              ],
            },
          } as never
        },
      },
      cart: {
        async complete(cartId) {
          calls.push({ method: "POST", path: `/store/carts/${cartId}/complete`, at: Date.now() })
          if (payment?.status === "approved" || payment?.status === "completed") {
            payment.status = "completed"
            payment.reference ??= "123456789-reference"
            return { type: "order", order: { id: "order_1", display_id: 7 } } as never
          }
          throw httpError(400, `Session: ${payment?.id} was not authorized with the provider.`)
        },
        async retrieve(cartId) {
          return { cart: { id: cartId, payment_collection: { payment_sessions: payment ? [{ id: payment.id, provider_id: "pp_athmovil_athmovil" }] : [] } } } as never
        },
      },
    },
  }

  return {
    sdk,
    calls,
    /** What the shopper does in the ATH Móvil app. */
    approve: () => void (payment!.status = "approved"),
    reject: () => void (payment!.status = "canceled"),
    /** The next `times` requests of this kind fail with `status` (e.g. "POST /store/athmovil/payment-sessions/:id/cancel"). */
    failNext(route: string, status: number, message: string, times = 1) {
      failures[route] = { status, message, times }
    },
    get payment() {
      return payment
    },
    count: (pattern: RegExp) => calls.filter((c) => pattern.test(`${c.method} ${c.path}`)).length,
  }
}
