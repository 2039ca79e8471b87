import http from "node:http"
import type { AddressInfo } from "node:net"
import { AthMovilClient } from "../../src/lib/athmovil"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import { TokenSealer } from "../../src/providers/athmovil/token-crypto"
import type { AthSandbox } from "../../src/sandbox"
import { retryPendingWebhookEvents } from "../../src/workflows/process-webhook-event/retry-pending"
import { cartReadyToPay, startAthPayment, storefront, type SeededStore } from "./store"

/** A throw-away listener that only records what the sandbox sends, to replay it by hand. */
export async function captureListener(): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
  const bodies: unknown[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c) => chunks.push(c))
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")))
      res.end("ok")
    })
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/capture`, bodies, close: () => new Promise((r) => server.close(() => r())) }
}

/** Subscribes the sandbox merchant directly (what the ATH Business app would do). */
export async function subscribeSandbox(sandbox: AthSandbox, listenerURL: string): Promise<void> {
  const res = await fetch(`${sandbox.reportBaseUrl}/transactions/webhook/post`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...sandbox.tokens,
      listenerURL,
      paymentReceivedEvent: true,
      refundSentEvent: true,
      donationReceivedEvent: true,
      ecommercePaymentReceivedEvent: true,
      ecommercePaymentCancelledEvent: true,
      ecommercePaymentExpiredEvent: true,
    }),
  })
  if (!res.ok) throw new Error(`subscription failed: ${res.status} ${await res.text()}`)
}

export async function waitFor<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs
  let last: T = await read()
  while (!done(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`)
    await new Promise((r) => setTimeout(r, 150))
    last = await read()
  }
  return last
}

/**
 * Authorizes an open session's ticket at ATH the way the provider would, then "crashes": ATH is
 * COMPLETED, Medusa has no order. Returns the completed notice ATH sent (captured from the
 * sandbox's own sender), for delivering by hand.
 */
export async function authorizeAtAthOnly(
  sandbox: AthSandbox,
  session: { id: string; data?: Record<string, unknown> | null }
): Promise<Record<string, unknown>> {
  const data = session.data as { ecommerce_id: string; auth_token_enc: string }
  const capture = await captureListener()
  try {
    await subscribeSandbox(sandbox, capture.url)
    sandbox.approve({ ecommerceId: data.ecommerce_id })
    const sealer = new TokenSealer({ privateToken: sandbox.tokens.privateToken })
    const token = sealer.open(data.auth_token_enc, { ecommerceId: data.ecommerce_id, sessionId: session.id })!
    await new AthMovilClient({ ...sandbox.tokens, apiBaseUrl: sandbox.apiBaseUrl }).authorizePayment(token)
    await sandbox.flushWebhooks()
    const completed = capture.bodies.find((b) => (b as { ecommerceId?: string }).ecommerceId === data.ecommerce_id)
    if (!completed) throw new Error(`the sandbox sent no completed notice for ${data.ecommerce_id}`)
    return completed as Record<string, unknown>
  } finally {
    await capture.close()
  }
}

/** A new cart whose shopper paid at ATH and closed the tab: no order in Medusa yet. */
export async function paidAtAthOnly(store: SeededStore, sandbox: AthSandbox) {
  const sdk = storefront(store)
  const cart = await cartReadyToPay(sdk, store)
  const { session } = await startAthPayment(sdk, cart)
  const completed = await authorizeAtAthOnly(sandbox, session)
  const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
  return { cart, session, ecommerceId, completed }
}

/**
 * A completed notice for a ticket paid at ATH only, delivered while ATH's status read fails, and
 * retried until it fails for good (5 attempts): returns the stored event's id and the notice.
 */
export async function webhookFailedForGood(
  store: SeededStore,
  sandbox: AthSandbox,
  { container, post, secret }: { container: { resolve(key: string): any }; post(url: string, body: unknown): Promise<{ data: any }>; secret: string }
): Promise<{ id: string; completed: Record<string, unknown> }> {
  const { completed } = await paidAtAthOnly(store, sandbox)
  sandbox.setFault("findPayment", { status: 503 })
  const { id } = (await post(`/hooks/athmovil/${secret}`, completed)).data as { id: string }
  const athmovil = container.resolve(ATHMOVIL_MODULE)
  for (let i = 0; i < 8; i++) {
    const released = await waitFor("the attempt to be released", () => athmovil.retrieveAthWebhookEvent(id), (e: any) => e.processing_started_at === null)
    if (released.outcome === "failed") break
    await retryPendingWebhookEvents(container as never, { minAgeSeconds: 0 })
  }
  return { id, completed }
}

/**
 * Seeds `count` completed payments no session of the store made into ATH's report of today so far,
 * none refunded: the differences are exactly `count` "paid without order" whatever the day (the
 * sandbox's data follows from the range, and some days' draw would add a refund).
 */
export function seedTodaysReport(sandbox: AthSandbox, range: { fromMs: number }, count: number): void {
  sandbox.seedReportTransactions(count, {
    from: new Date(range.fromMs),
    to: new Date(Math.max(range.fromMs + 1000, Date.now() - 60_000)),
    refundShare: 0,
  })
}
