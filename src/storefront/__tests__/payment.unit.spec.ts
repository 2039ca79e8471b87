/**
 * The kit's waiting and completing logic on jest's fake clock against a fake store: spacing,
 * countdown, abort and retries are exact here, with no wall-clock sleeps. The real store (Medusa,
 * the sandbox, the real js-sdk) is `integration-tests/http/storefront-kit.spec.ts`.
 */
import {
  AthMovilAbortedError,
  AthMovilExpiredError,
  AthMovilInvalidPhoneError,
  AthMovilPaymentError,
  AthMovilRejectedError,
  cancelAthMovilPayment,
  changeAthMovilPhone,
  completeAthMovilCheckout,
  getAthMovilPaymentStatus,
  getAthMovilReferenceNumber,
  startAthMovilPayment,
  waitForAthMovilApproval,
  type AthMovilTick,
} from ".."
import { fakeStore } from "./fake-store"

const CART = { id: "cart_1", payment_collection: { id: "paycol_1" } }
const STATUS = /^GET \/store\/athmovil\/payment-sessions\/payses_\d+$/
const COMPLETE = /^POST \/store\/carts\/cart_1\/complete$/

beforeEach(() => jest.useFakeTimers())
afterEach(() => jest.useRealTimers())

/** Lets promises settle and moves the fake clock by `ms`. */
const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms)

/** Keeps a rejection from being reported as unhandled while the clock runs; resolves to the error. */
function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error) => ({ error })
  )
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i])
}

async function started(store = fakeStore()) {
  const payment = await startAthMovilPayment(store.sdk, CART, { phoneNumber: "+1 (787) 555-1234" })
  return { store, payment }
}

it("checks the phone before any request, counts down once a second with the server's seconds, and places the order", async () => {
  const store = fakeStore()
  const bad = await settle(startAthMovilPayment(store.sdk, CART, { phoneNumber: "787-555" }))
  expect(bad.error).toBeInstanceOf(AthMovilInvalidPhoneError)
  expect(bad.error).toMatchObject({ code: "invalid_phone" })
  expect(store.calls).toHaveLength(0)

  const { payment } = await started(store)
  expect(payment).toMatchObject({ sessionId: "payses_1", cartId: "cart_1", ecommerceId: "ecom-1", phoneLast4: "1234" })
  expect(payment.expiresAt.getTime() - Date.now()).toBe(600_000)

  const ticks: AthMovilTick[] = []
  const waiting = settle(waitForAthMovilApproval(store.sdk, payment, { onTick: (t) => ticks.push(t) }))
  await advance(3_200)
  store.approve()
  await advance(1_000)
  expect((await waiting).value).toEqual({ status: "approved", referenceNumber: null })

  // Ticks at 0–4 s: the approval at 3.2 s is seen by the poll at 4 s.
  expect(ticks.map((t) => t.secondsLeft)).toEqual([600, 599, 598, 597, 596])
  expect(ticks.every((t) => t.status === "pending")).toBe(true)

  const order = settle(completeAthMovilCheckout(store.sdk, CART.id, { sessionId: payment.sessionId }))
  await advance(0)
  expect((await order).value).toMatchObject({ id: "order_1" })
  expect(await getAthMovilReferenceNumber(store.sdk, payment)).toBe("123456789-reference")
})

it("rejects with AthMovilRejectedError when the shopper rejects, in the wait and at completion", async () => {
  const { store, payment } = await started()
  const waiting = settle(waitForAthMovilApproval(store.sdk, payment))
  await advance(1_500)
  store.reject()
  await advance(1_000)
  const { error } = await waiting
  expect(error).toBeInstanceOf(AthMovilRejectedError)
  expect(error).toMatchObject({ code: "rejected" })

  const atCompletion = settle(completeAthMovilCheckout(store.sdk, CART.id))
  await advance(0)
  expect((await atCompletion).error).toBeInstanceOf(AthMovilRejectedError)
  expect(store.count(COMPLETE)).toBe(1)
})

it("rejects with AthMovilExpiredError once the payment expired, also at completion", async () => {
  const { store, payment } = await started(fakeStore({ timeoutSeconds: 120 }))
  const ticks: AthMovilTick[] = []
  const waiting = settle(waitForAthMovilApproval(store.sdk, payment, { onTick: (t) => ticks.push(t) }))
  await advance(121_000)
  const { error } = await waiting
  expect(error).toBeInstanceOf(AthMovilExpiredError)
  expect(error).toMatchObject({ code: "expired" })
  expect(ticks[0].secondsLeft).toBe(120)
  expect(Math.min(...ticks.map((t) => t.secondsLeft))).toBeLessThanOrEqual(1)

  const atCompletion = settle(completeAthMovilCheckout(store.sdk, CART.id))
  await advance(0)
  expect((await atCompletion).error).toBeInstanceOf(AthMovilExpiredError)
})

it("stops at once when the signal aborts, and sends nothing afterwards", async () => {
  const { store, payment } = await started()
  const controller = new AbortController()
  const waiting = settle(waitForAthMovilApproval(store.sdk, payment, { signal: controller.signal, onTick: () => {} }))
  await advance(2_300)
  const sent = store.count(STATUS)
  expect(sent).toBe(3)

  controller.abort()
  // No clock movement: the abort ends the wait itself, not the next poll.
  await advance(0)
  const { error } = await waiting
  expect(error).toBeInstanceOf(AthMovilAbortedError)
  expect(error).toMatchObject({ code: "aborted" })
  await advance(10_000)
  expect(store.count(STATUS)).toBe(sent)

  const already = new AbortController()
  already.abort()
  expect((await settle(waitForAthMovilApproval(store.sdk, payment, { signal: already.signal }))).error).toBeInstanceOf(AthMovilAbortedError)
  expect((await settle(completeAthMovilCheckout(store.sdk, CART.id, { signal: already.signal }))).error).toBeInstanceOf(AthMovilAbortedError)
  expect(store.count(STATUS)).toBe(sent)
  expect(store.count(COMPLETE)).toBe(0)
})

it("completeAthMovilCheckout retries while the approval is in flight, asking the payment between attempts", async () => {
  const { store } = await started()
  const completing = settle(completeAthMovilCheckout(store.sdk, CART.id))
  await advance(2_500)
  store.approve()
  await advance(2_000)
  expect((await completing).value).toMatchObject({ id: "order_1" })

  const attempts = store.calls.filter((c) => COMPLETE.test(`${c.method} ${c.path}`)).map((c) => c.at)
  expect(attempts.length).toBe(4)
  for (const gap of gaps(attempts)) expect(gap).toBeGreaterThanOrEqual(1_000)
  // It found the session on the cart and read its status after each refusal.
  expect(store.count(STATUS)).toBe(attempts.length - 1)
})

it("completeAthMovilCheckout gives up with not_approved when the shopper has not approved after the attempts", async () => {
  const { store } = await started()
  const completing = settle(completeAthMovilCheckout(store.sdk, CART.id, { attempts: 2 }))
  await advance(5_000)
  const { error } = await completing
  expect(error).toBeInstanceOf(AthMovilPaymentError)
  expect(error).toMatchObject({ code: "not_approved" })
  expect(store.count(COMPLETE)).toBe(2)
})

it("never polls faster than retry_after_ms, and slows down to maxIntervalMs after the fast phase", async () => {
  const { store, payment } = await started()
  const startedAt = Date.now()
  const waiting = settle(waitForAthMovilApproval(store.sdk, payment, { fastPhaseMs: 4_000, maxIntervalMs: 2_500 }))
  await advance(11_000)
  store.approve()
  await advance(3_000)
  expect((await waiting).value).toMatchObject({ status: "approved" })

  const times = store.calls.filter((c) => STATUS.test(`${c.method} ${c.path}`)).map((c) => c.at)
  const spacing = gaps(times)
  // The fake store's retry_after_ms is 1000: never faster than that…
  expect(Math.min(...spacing)).toBeGreaterThanOrEqual(1_000)
  // …exactly that during the fast phase…
  const early = spacing.filter((_, i) => times[i + 1] - startedAt <= 4_000)
  expect(early).toEqual([1_000, 1_000, 1_000, 1_000])
  // …then growing by half each time up to maxIntervalMs, never beyond it.
  const late = spacing.slice(early.length)
  expect(late[0]).toBe(1_500)
  expect(Math.max(...late)).toBe(2_500)
  expect(late.slice(-2)).toEqual([2_500, 2_500])
})

it("rides out store errors (5xx) while ATH is failing, then sees the approval; gives up with network after ~30 s", async () => {
  const { store, payment } = await started()
  store.failNext("GET /store/athmovil/payment-sessions/:id", 503, "ATH Móvil is not reachable right now", 4)
  const waiting = settle(waitForAthMovilApproval(store.sdk, payment))
  await advance(1_000)
  store.approve()
  await advance(20_000)
  expect((await waiting).value).toMatchObject({ status: "approved" })
  const times = store.calls.filter((c) => STATUS.test(`${c.method} ${c.path}`)).map((c) => c.at)
  // Backoff 1 s, 2 s, 4 s, 5 s after each failure, then the answer.
  expect(gaps(times)).toEqual([1_000, 2_000, 4_000, 5_000])

  const { store: down, payment: other } = await started()
  down.failNext("GET /store/athmovil/payment-sessions/:id", 503, "ATH Móvil is not reachable right now", 1_000)
  const failing = settle(waitForAthMovilApproval(down.sdk, other))
  await advance(40_000)
  const { error } = await failing
  expect(error).toBeInstanceOf(AthMovilPaymentError)
  expect(error).toMatchObject({ code: "network", status: 503 })
  expect((error as Error).message).toMatch(/unreachable for 3\d s/)
})

it("names the cart on every session call (status, phone, cancel) and refuses a bare session id before any request", async () => {
  const { store, payment } = await started()
  await getAthMovilPaymentStatus(store.sdk, payment)
  expect(await changeAthMovilPhone(store.sdk, payment, "939-555-0101")).toMatchObject({ phoneLast4: "0101" })
  expect((await settle(changeAthMovilPhone(store.sdk, payment, "555-01"))).error).toBeInstanceOf(AthMovilInvalidPhoneError)
  await cancelAthMovilPayment(store.sdk, payment)

  const sessionCalls = store.calls.filter((c) => c.path.startsWith("/store/athmovil/payment-sessions/"))
  expect(sessionCalls.map((c) => [c.method, c.path.split("/").pop(), (c.body as { cart_id?: string }).cart_id])).toEqual([
    ["GET", "payses_1", "cart_1"],
    ["POST", "phone", "cart_1"],
    ["POST", "cancel", "cart_1"],
  ])

  const before = store.calls.length
  const bare = await settle(getAthMovilPaymentStatus(store.sdk, payment.sessionId as never))
  expect(bare.error).toBeInstanceOf(AthMovilPaymentError)
  expect((bare.error as Error).message).toMatch(/\{ sessionId, cartId \}/)
  expect(store.calls.length).toBe(before)
})
