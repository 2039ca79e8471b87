import { athMovilErrorMessage } from "../../storefront"
import { createAthMovilPaymentController, type AthMovilPaymentController, type AthMovilPaymentState } from "../controller"
import { fakeStore } from "../../storefront/__tests__/fake-store"

const CART = { id: "cart_1", payment_collection: { id: "paycol_1" } }

beforeEach(() => jest.useFakeTimers())
afterEach(() => jest.useRealTimers())

/** Lets promises settle and moves the fake clock by `ms`. */
const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms)

function setup(
  opts: { timeoutSeconds?: number; complete?: (i: { cartId: string; sessionId: string }) => Promise<unknown>; locale?: "en" | "es" } = {}
) {
  const store = fakeStore({ timeoutSeconds: opts.timeoutSeconds })
  const onDone = jest.fn()
  const controller: AthMovilPaymentController = createAthMovilPaymentController({
    sdk: store.sdk,
    cart: CART,
    onDone,
    ...(opts.locale ? { locale: opts.locale } : {}),
    ...(opts.complete ? { complete: opts.complete } : {}),
  })
  const seen: AthMovilPaymentState["status"][] = []
  controller.subscribe(() => {
    const s = controller.getState().status
    if (seen[seen.length - 1] !== s) seen.push(s)
  })
  const detach = controller.attach()
  return { store, controller, onDone, seen, detach, state: () => controller.getState() }
}

it("idle → waiting with the seconds left → approved → completing → done, with the order and the ATH reference", async () => {
  const { store, controller, onDone, seen, state } = setup({ timeoutSeconds: 300 })
  expect(state()).toMatchObject({ status: "idle", sessionId: null, secondsLeft: null })

  await controller.start("(787) 555-1234")
  expect(state()).toMatchObject({ status: "waiting", sessionId: "payses_1", phoneLast4: "1234", secondsLeft: 300 })
  expect(store.calls[0]).toMatchObject({ body: { provider_id: "pp_athmovil_athmovil", data: { phone_number: "7875551234", cart_id: "cart_1" } } })

  await advance(5_000)
  expect(state().status).toBe("waiting")
  expect(state().secondsLeft).toBe(295)

  store.approve()
  await advance(1_000)
  await advance(0)
  expect(seen).toEqual(["idle", "waiting", "approved", "completing", "done"])
  expect(state()).toMatchObject({ status: "done", referenceNumber: "123456789-reference", result: { id: "order_1" }, error: null })
  expect(store.count(/complete$/)).toBe(1)
  expect(onDone).toHaveBeenCalledTimes(1)
  expect(onDone).toHaveBeenCalledWith({ result: { id: "order_1", display_id: 7 }, referenceNumber: "123456789-reference", sessionId: "payses_1" })

  // Nothing polls once done.
  const polls = store.count(/^GET /)
  await advance(30_000)
  expect(store.count(/^GET /)).toBe(polls)
})

it("a bad phone number stays on idle with invalid_phone and sends nothing", async () => {
  const { store, controller, state } = setup()
  await controller.start("787-555")
  expect(state()).toMatchObject({ status: "idle", errorCode: "invalid_phone", failedAction: "start", sessionId: null })
  expect(store.calls).toHaveLength(0)
  controller.reset()
  expect(state()).toMatchObject({ status: "idle", error: null, errorCode: null })
})

it("a refusal by the store on start (e.g. not a USD cart) is an error with the server's status; reset starts over", async () => {
  const { store, controller, state } = setup()
  // The js-sdk throws a FetchError with the status.
  const initiate = store.sdk.store.payment.initiatePaymentSession
  store.sdk.store.payment.initiatePaymentSession = async () => {
    throw Object.assign(new Error("ATH Móvil only takes payments in USD"), { status: 400 })
  }
  await controller.start("7875551234")
  expect(state()).toMatchObject({ status: "error", errorCode: "request_failed", failedAction: "start" })
  expect(state().error?.status).toBe(400)
  store.sdk.store.payment.initiatePaymentSession = initiate
  controller.reset()
  expect(state().status).toBe("idle")
  await controller.start("7875551234")
  expect(state().status).toBe("waiting")
})

it("asks the store for its locale on every call, and shows the store's own answer; a 502 (only the store can fix it) is not retried", async () => {
  const { store, controller, state } = setup({ locale: "es" })
  const initiate = store.sdk.store.payment.initiatePaymentSession
  const queries: unknown[] = []
  const unavailable = "ATH Móvil no está disponible en esta tienda en este momento; elige otro método de pago."
  store.sdk.store.payment.initiatePaymentSession = async (_cart, _body, query) => {
    queries.push(query)
    throw Object.assign(new Error(unavailable), { status: 502, statusText: "Bad Gateway" })
  }
  await controller.start("7875551234")
  expect(state()).toMatchObject({ status: "error", errorCode: "unavailable", failedAction: "start" })
  expect(state().error?.serverMessage).toBe(unavailable)
  expect(athMovilErrorMessage(state().error, "es")).toBe(unavailable)
  expect(queries).toEqual([{ locale: "es" }])

  store.sdk.store.payment.initiatePaymentSession = initiate
  controller.reset()
  await controller.start("7875551234")
  await advance(1000)
  const polls = store.calls.filter((c) => c.method === "GET" && c.path.startsWith("/store/athmovil/payment-sessions/"))
  expect(polls.length).toBeGreaterThan(0)
  expect(polls.every((c) => (c.body as { locale?: string }).locale === "es")).toBe(true)

  store.failNext("GET /store/athmovil/payment-sessions/:id", 502, unavailable)
  await advance(3000)
  expect(state()).toMatchObject({ status: "error", errorCode: "unavailable" })
  expect(state().error?.serverMessage).toBe(unavailable)
})

it("a proxy's error page (no store answer) keeps the kit's own text", async () => {
  const { store, controller, state } = setup({ locale: "es" })
  store.sdk.store.payment.initiatePaymentSession = async () => {
    throw Object.assign(new Error("Bad Gateway"), { status: 502, statusText: "Bad Gateway" })
  }
  await controller.start("7875551234")
  expect(state()).toMatchObject({ status: "error", errorCode: "request_failed" })
  expect(state().error?.serverMessage).toBeUndefined()
  expect(athMovilErrorMessage(state().error, "es")).toBe("No se pudo procesar el pago. Inténtalo de nuevo.")
})

it("rejected in the app → rejected; Try again sends a new payment", async () => {
  const { store, controller, state } = setup()
  await controller.start("7875551234")
  store.reject()
  await advance(1_000)
  expect(state()).toMatchObject({ status: "rejected", secondsLeft: 0, error: null })
  expect(store.count(/complete$/)).toBe(0)
  controller.reset()
  expect(state()).toMatchObject({ status: "idle", sessionId: null })
  await controller.start("7875551234")
  expect(state()).toMatchObject({ status: "waiting", sessionId: "payses_2" })
})

it("expires when the window runs out, with the countdown at 0", async () => {
  const { controller, state } = setup({ timeoutSeconds: 120 })
  await controller.start("7875551234")
  await advance(60_000)
  expect(state().status).toBe("waiting")
  // The server's ceil and the kit's local count may differ by one second.
  expect(state().secondsLeft).toBeGreaterThanOrEqual(59)
  expect(state().secondsLeft).toBeLessThanOrEqual(61)
  await advance(63_000)
  expect(state()).toMatchObject({ status: "expired", secondsLeft: 0 })
})

it("cancel withdraws the payment and goes back to idle; nothing polls afterwards", async () => {
  const { store, controller, state } = setup()
  await controller.start("7875551234")
  await advance(2_000)
  await controller.cancel()
  expect(store.count(/^POST \/store\/athmovil\/payment-sessions\/payses_1\/cancel$/)).toBe(1)
  expect(state()).toMatchObject({ status: "idle", sessionId: null, pending: null })
  const polls = store.count(/^GET /)
  await advance(20_000)
  expect(store.count(/^GET /)).toBe(polls)
})

it("a cancel refused because the shopper just approved keeps waiting, then places the order", async () => {
  const { store, controller, state } = setup()
  await controller.start("7875551234")
  store.approve()
  store.failNext("POST /store/athmovil/payment-sessions/:id/cancel", 400, "already approved")
  await controller.cancel()
  expect(state()).toMatchObject({ failedAction: "cancel", errorCode: "request_failed" })
  await advance(1_000)
  await advance(0)
  expect(state()).toMatchObject({ status: "done", result: { id: "order_1" } })
})

it("changePhone sends to the new number and restarts the countdown from the server's figure", async () => {
  const { store, controller, state } = setup({ timeoutSeconds: 300 })
  await controller.start("7875551234")
  await advance(100_000)
  expect(state().secondsLeft).toBeGreaterThanOrEqual(199)
  expect(state().secondsLeft).toBeLessThanOrEqual(201)

  await controller.changePhone("939 555 0177")
  expect(store.calls.find((c) => c.path.endsWith("/phone"))).toMatchObject({ method: "POST", body: { phone_number: "9395550177" } })
  expect(state()).toMatchObject({ status: "waiting", phoneLast4: "0177", secondsLeft: 300, error: null })
  await advance(3_000)
  expect(state().secondsLeft).toBeGreaterThanOrEqual(296)
  expect(state().secondsLeft).toBeLessThanOrEqual(298)

  await controller.changePhone("12")
  expect(state()).toMatchObject({ status: "waiting", errorCode: "invalid_phone", failedAction: "changePhone", phoneLast4: "0177" })
  expect(store.calls.filter((c) => c.path.endsWith("/phone"))).toHaveLength(1)

  store.approve()
  await advance(1_000)
  await advance(0)
  expect(state().status).toBe("done")
})

it("a custom complete (a server action) gets the cart and session ids; its failure is an error, a rejection is rejected", async () => {
  const complete = jest.fn(async () => ({ orderId: "order_9" }))
  const ok = setup({ complete })
  await ok.controller.start("7875551234")
  ok.store.approve()
  await advance(1_000)
  await advance(0)
  expect(complete).toHaveBeenCalledWith({ cartId: "cart_1", sessionId: "payses_1" })
  expect(ok.state()).toMatchObject({ status: "done", result: { orderId: "order_9" } })
  expect(ok.store.count(/complete$/)).toBe(0)

  const failing = setup({ complete: async () => Promise.reject(Object.assign(new Error("boom"), { status: 500 })) })
  await failing.controller.start("7875551234")
  failing.store.approve()
  await advance(1_000)
  await advance(0)
  expect(failing.state()).toMatchObject({ status: "error", errorCode: "request_failed" })

  const { AthMovilRejectedError } = await import("../../storefront")
  const rejected = setup({ complete: async () => Promise.reject(new AthMovilRejectedError()) })
  await rejected.controller.start("7875551234")
  rejected.store.approve()
  await advance(1_000)
  await advance(0)
  expect(rejected.state().status).toBe("rejected")
})

it("polls only while a view is attached, and resumes when one attaches again", async () => {
  const { store, controller, detach, state } = setup()
  await controller.start("7875551234")
  await advance(3_000)
  detach()
  const polls = store.count(/^GET /)
  await advance(10_000)
  expect(store.count(/^GET /)).toBe(polls)
  expect(state().status).toBe("waiting")

  store.approve()
  const again = controller.attach()
  await advance(1_000)
  await advance(0)
  expect(state().status).toBe("done")
  again()
})
