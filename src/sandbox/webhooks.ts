import http from "node:http"
import https from "node:https"
import { z } from "zod"
import { ApiError } from "./errors"
import type { Merchant } from "./merchants"
import { toJsonText } from "./shapes"
import type { WebhookBehaviour, WebhookDelivery, WebhookEventName } from "./types"
import type { JsonObject } from "./validation"

const WEBHOOK_FLAGS = [
  "paymentReceivedEvent",
  "refundSentEvent",
  "donationReceivedEvent",
  "ecommercePaymentReceivedEvent",
  "ecommercePaymentCancelledEvent",
  "ecommercePaymentExpiredEvent",
] as const

type WebhookFlag = (typeof WEBHOOK_FLAGS)[number]

/** The simulated event has no flag: it goes to whichever listener is registered. */
const FLAG_OF_EVENT: Record<WebhookEventName, WebhookFlag | null> = {
  ecommerce_completed: "ecommercePaymentReceivedEvent",
  ecommerce_cancelled: "ecommercePaymentCancelledEvent",
  ecommerce_expired: "ecommercePaymentExpiredEvent",
  refund_sent: "refundSentEvent",
  payment_received: "paymentReceivedEvent",
  donation_received: "donationReceivedEvent",
  simulated: null,
}

export const webhookBehaviourSchema = z
  .object({
    duplicate: z.number().int().min(1).max(50),
    delayMs: z.number().int().min(0).max(600_000),
    reorder: z.boolean(),
    generation: z.enum(["2025", "legacy"]),
    refundWebhookReference: z.enum(["original", "refund"]),
  })
  .strict()
  .partial()

interface Subscription {
  listenerURL: string
  flags: Record<WebhookFlag, boolean>
}

const DELIVERY_TIMEOUT_MS = 5_000
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"])

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(hostname)
}

/**
 * ATH Móvil requires HTTPS for listeners (S3); plain http is let through for
 * loopback hosts only, so local tests need no certificates.
 */
export function parseSubscription(body: JsonObject): Subscription {
  const raw = body.listenerURL
  if (raw === undefined || raw === null) throw new ApiError("BTRA_0019", "listenerURL must not be null")
  let url: URL
  try {
    url = new URL(String(raw))
  } catch {
    throw new ApiError("BTRA_0006", "Invalid format: listenerURL must be an absolute URL")
  }
  const ok = url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname))
  if (!ok) throw new ApiError("BTRA_0006", "Invalid format: listenerURL must use https (http is accepted for loopback hosts only)")
  const flags = {} as Record<WebhookFlag, boolean>
  for (const flag of WEBHOOK_FLAGS) {
    const value = body[flag]
    if (value !== undefined && value !== null && typeof value !== "boolean") {
      throw new ApiError("BTRA_0006", `Invalid format: ${flag} must be a boolean`)
    }
    flags[flag] = value === true
  }
  return { listenerURL: url.toString(), flags }
}

interface Job {
  url: string
  event: WebhookEventName
  /** The exact bytes sent (numbers such as `1.0` survive) and their parsed form for the log. */
  text: string
  body: unknown
}

/**
 * Delivers webhooks one at a time in emission order, unless the behaviour
 * switches say otherwise. ATH signs nothing, so neither does the sandbox.
 */
export class WebhookDispatcher {
  private readonly subscriptions = new Map<Merchant, Subscription>()
  private chain: Promise<void> = Promise.resolve()
  private held: Job[] = []
  private readonly delayed = new Map<NodeJS.Timeout, Job>()
  /** Bumped by reset() so deliveries already on the wire do not log into the fresh log. */
  private epoch = 0
  readonly deliveries: WebhookDelivery[] = []

  constructor(
    public behaviour: WebhookBehaviour,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
  ) {}

  subscribe(merchant: Merchant, subscription: Subscription): void {
    this.subscriptions.set(merchant, subscription)
  }

  /** The body is built eagerly so it reflects the ticket at event time, not at delivery time. */
  emit(merchant: Merchant, event: WebhookEventName, body: unknown): void {
    const sub = this.subscriptions.get(merchant)
    if (!sub) return
    const flag = FLAG_OF_EVENT[event]
    if (flag !== null && !sub.flags[flag]) return
    const text = toJsonText(body)
    const parsed: unknown = JSON.parse(text)
    for (let i = 0; i < this.behaviour.duplicate; i++) {
      const job: Job = { url: sub.listenerURL, event, text, body: parsed }
      if (this.behaviour.reorder) {
        this.held.push(job)
      } else if (this.behaviour.delayMs > 0) {
        const timer = setTimeout(() => {
          this.delayed.delete(timer)
          this.enqueue(job)
        }, this.behaviour.delayMs)
        this.delayed.set(timer, job)
      } else {
        this.enqueue(job)
      }
    }
  }

  /** Waits for deliveries already queued; held or delayed ones stay where they are. */
  idle(): Promise<void> {
    return this.chain
  }

  async flush(): Promise<void> {
    for (const [timer, job] of this.delayed) {
      clearTimeout(timer)
      this.enqueue(job)
    }
    this.delayed.clear()
    const held = this.held.reverse()
    this.held = []
    for (const job of held) this.enqueue(job)
    await this.chain
  }

  /** Drops subscriptions, pending events and the delivery log. */
  reset(behaviour: WebhookBehaviour): void {
    this.epoch++
    this.subscriptions.clear()
    this.dropPending()
    this.deliveries.length = 0
    this.behaviour = behaviour
  }

  /** For stop(): pending events are dropped, in-flight deliveries are awaited and kept in the log. */
  async close(): Promise<void> {
    this.dropPending()
    await this.chain
  }

  private dropPending(): void {
    for (const timer of this.delayed.keys()) clearTimeout(timer)
    this.delayed.clear()
    this.held = []
  }

  private enqueue(job: Job): void {
    const epoch = this.epoch
    this.chain = this.chain.then(() => this.deliver(job, epoch))
  }

  private async deliver(job: Job, epoch: number): Promise<void> {
    const at = this.now()
    const result = await post(job.url, job.text)
    if (epoch !== this.epoch) return
    this.deliveries.push({ url: job.url, event: job.event, body: job.body, at, ...result })
    this.log(`webhook ${job.event} → ${job.url} ${result.status ?? result.error}`)
  }
}

/** A fresh connection per delivery (no agent) so nothing lingers after stop(). */
function post(url: string, payload: string): Promise<{ status: number | null; error?: string }> {
  return new Promise((resolve) => {
    const target = new URL(url)
    const client = target.protocol === "https:" ? https : http
    const req = client.request(
      target,
      {
        method: "POST",
        agent: false,
        timeout: DELIVERY_TIMEOUT_MS,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          "user-agent": "athmovil-sandbox-webhooks",
        },
      },
      (res) => {
        res.resume()
        res.on("end", () => resolve({ status: res.statusCode ?? null }))
        res.on("error", (err) => resolve({ status: res.statusCode ?? null, error: err.message }))
      },
    )
    req.on("timeout", () => req.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)))
    req.on("error", (err) => resolve({ status: null, error: err.message }))
    req.end(payload)
  })
}
