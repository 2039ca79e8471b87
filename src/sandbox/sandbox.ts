import type http from "node:http"
import { AppTransactionStore } from "./app-transactions"
import { SandboxClock } from "./clock"
import { ApiError, SandboxError } from "./errors"
import { RouteConcurrency } from "./concurrency"
import { FaultRegistry } from "./faults"
import { MerchantRegistry, SANDBOX_DEFAULT_TOKENS } from "./merchants"
import { parseAmount, parseFeeRate, type FeeRate } from "./money"
import { Numbering } from "./numbering"
import type { PendingPaymentView } from "./phone-page"
import { controlRoutes } from "./routes/control"
import { API_BASE_PATH, paymentRoutes } from "./routes/payments"
import { wwwRoutes } from "./routes/www"
import { seedCompletedPayments } from "./seed"
import { close, createSandboxServer, listen } from "./server"
import { Shapes, toJsonText } from "./shapes"
import { refundSnapshot, ticketSnapshot } from "./snapshots"
import { TicketStore, type CustomerTarget, type TicketEvent } from "./tickets"
import { AuthTokens } from "./tokens"
import type {
  AppWebhookKind,
  AthSandbox,
  RefundSnapshot,
  RequestLogEntry,
  SandboxFault,
  SandboxOptions,
  SandboxRoute,
  TicketSnapshot,
  WebhookBehaviour,
  WebhookDelivery,
} from "./types"
import { parseRefundRequest } from "./validation"
import { Variants, type VariantChoice, type VariantsOption } from "./variants"
import { appEvent, ecommerce2025, ecommerceLegacy, newAppTransaction, refundSent, simulatedEvent, type AppEventInput } from "./webhook-payloads"
import { WebhookDispatcher, webhookBehaviourSchema } from "./webhooks"

const SWEEP_INTERVAL_MS = 1_000

function checkOptions(opts: SandboxOptions): void {
  const port = opts.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`startSandbox: invalid port ${opts.port}`)
  const days = opts.reportMaxDays ?? 31
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`startSandbox: reportMaxDays must be a positive integer, got ${days}`)
}

class Sandbox implements AthSandbox {
  url = ""
  port = 0
  apiBaseUrl = ""
  reportBaseUrl = ""
  readonly tokens: { publicToken: string; privateToken: string }
  readonly requestLog: RequestLogEntry[] = []
  private readonly concurrency = new RouteConcurrency()

  private readonly clock: SandboxClock
  // How far ATH's wall clock (its `Date` header) is from this machine's: a fault for clock checks.
  private clockSkewMs = 0
  private readonly merchants: MerchantRegistry
  private readonly feeRate: FeeRate
  private readonly shapes: Shapes
  private readonly numbering: Numbering
  /** Shapes a test or the options chose on purpose are never varied. */
  private readonly explicit: { generation: boolean; refundWebhookReference: boolean }
  private explicitNow: { generation: boolean; refundWebhookReference: boolean }
  private readonly faults = new FaultRegistry()
  private readonly defaultBehaviour: WebhookBehaviour
  private readonly webhooks: WebhookDispatcher
  private readonly store: TicketStore
  private readonly appTransactions = new AppTransactionStore()
  private readonly server: http.Server
  private sweepTimer: NodeJS.Timeout | null = null
  private stopped: Promise<void> | null = null

  constructor(opts: SandboxOptions, authTokens: AuthTokens) {
    const log = opts.log ?? (() => {})
    this.shapes = new Shapes(new Variants(opts.variants))
    this.numbering = new Numbering(() => this.shapes.variants.pick("reference.format", "sequence-hex"))
    this.explicit = {
      generation: opts.webhookGeneration !== undefined,
      refundWebhookReference: opts.refundWebhookReference !== undefined,
    }
    this.explicitNow = { ...this.explicit }
    this.clock = new SandboxClock(opts.clock ?? "real")
    this.merchants = new MerchantRegistry(opts.merchants ?? [SANDBOX_DEFAULT_TOKENS])
    this.tokens = { publicToken: this.merchants.first.publicToken, privateToken: this.merchants.first.privateToken }
    this.feeRate = parseFeeRate(opts.feePercent ?? "2.50", opts.feeFixed ?? "0.00")
    this.defaultBehaviour = {
      duplicate: 1,
      delayMs: 0,
      reorder: false,
      generation: opts.webhookGeneration ?? "2025",
      refundWebhookReference: opts.refundWebhookReference ?? "original",
    }
    if (!webhookBehaviourSchema.safeParse(this.defaultBehaviour).success) {
      throw new RangeError(`startSandbox: invalid webhookGeneration or refundWebhookReference`)
    }
    this.webhooks = new WebhookDispatcher({ ...this.defaultBehaviour }, () => this.clock.now(), log)
    this.store = new TicketStore(() => this.clock.nowMs(), this.numbering, this.feeRate, (e) => this.onTicketEvent(e))
    const nowMs = () => this.clock.nowMs()
    this.server = createSandboxServer({
      routes: [
        ...paymentRoutes({ merchants: this.merchants, store: this.store, tokens: authTokens, nowMs, shapes: this.shapes }),
        ...wwwRoutes({
          merchants: this.merchants,
          store: this.store,
          appTransactions: this.appTransactions,
          webhooks: this.webhooks,
          nowMs,
          reportMaxDays: opts.reportMaxDays ?? 31,
          shapes: this.shapes,
        }),
        ...controlRoutes({
          sandbox: this,
          clockMode: this.clock.mode,
          pendingPayments: (phone) => this.pendingPayments(phone),
        }),
      ],
      errorStatus: (status) => this.shapes.errorStatus(status),
      stringify: toJsonText,
      faults: this.faults,
      requestLog: this.requestLog,
      concurrency: this.concurrency,
      now: () => this.clock.now(),
      httpDate: () => new Date(Date.now() + this.clockSkewMs).toUTCString(),
      log,
    })
  }

  async listen(port: number, host: string): Promise<void> {
    this.port = await listen(this.server, port, host)
    const hostInUrl = host.includes(":") ? `[${host}]` : host
    this.url = `http://${hostInUrl}:${this.port}`
    this.apiBaseUrl = `${this.url}${API_BASE_PATH}`
    this.reportBaseUrl = this.url
    if (this.clock.mode === "real") {
      this.sweepTimer = setInterval(() => this.store.sweep(), SWEEP_INTERVAL_MS)
      this.sweepTimer.unref()
    }
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      if (this.sweepTimer) clearInterval(this.sweepTimer)
      await close(this.server)
      await this.webhooks.close()
    })()
    return this.stopped
  }

  reset(): void {
    this.store.reset()
    this.appTransactions.reset()
    this.numbering.reset()
    this.faults.clear()
    this.clockSkewMs = 0
    this.webhooks.reset({ ...this.defaultBehaviour })
    this.explicitNow = { ...this.explicit }
    this.shapes.variants.reset()
    this.requestLog.length = 0
    this.concurrency.reset()
  }

  setClockSkew(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new RangeError(`setClockSkew expects a number of seconds, got ${seconds}`)
    this.clockSkewMs = Math.round(seconds * 1000)
  }

  setVariants(option: VariantsOption | null): void {
    this.shapes.variants = new Variants(option ?? undefined)
  }

  get variants(): string {
    return this.shapes.variants.describe()
  }

  get variantChoices(): VariantChoice[] {
    return this.shapes.variants.choices
  }

  now(): Date {
    return this.clock.now()
  }

  async advanceTime(seconds: number): Promise<void> {
    this.clock.advance(seconds)
    this.store.sweep()
    await this.webhooks.idle()
  }

  approve(target: CustomerTarget): TicketSnapshot {
    return ticketSnapshot(this.store.approve(target))
  }

  reject(target: CustomerTarget): TicketSnapshot {
    return ticketSnapshot(this.store.reject(target))
  }

  refundOutsideApi(input: { referenceNumber: string; amount: string; message?: string }): RefundSnapshot {
    try {
      const parsed = parseRefundRequest({ ...input })
      const ticket = this.store.findByReference(parsed.referenceNumber)
      if (!ticket) throw new ApiError("BTRA_0053")
      return refundSnapshot(this.store.refund(ticket.merchant, parsed.referenceNumber, parsed.amountCents, parsed.message, "business-app"))
    } catch (err) {
      if (err instanceof ApiError) throw new SandboxError(err.message, err.code)
      throw err
    }
  }

  getTicket(ecommerceId: string): TicketSnapshot | undefined {
    const ticket = this.store.get(ecommerceId)
    return ticket && ticketSnapshot(ticket)
  }

  listTickets(): TicketSnapshot[] {
    return this.store.list().map(ticketSnapshot)
  }

  setFault(route: SandboxRoute, fault: SandboxFault | null): void {
    this.faults.set(route, fault)
  }

  clearFaults(): void {
    this.faults.clear()
  }

  setWebhookBehaviour(b: Partial<WebhookBehaviour>): void {
    const parsed = webhookBehaviourSchema.safeParse(b)
    if (!parsed.success) throw new TypeError(`Invalid webhook behaviour: ${parsed.error.issues.map((i) => i.message).join("; ")}`)
    if (parsed.data.generation !== undefined) this.explicitNow.generation = true
    if (parsed.data.refundWebhookReference !== undefined) this.explicitNow.refundWebhookReference = true
    this.webhooks.behaviour = { ...this.webhooks.behaviour, ...parsed.data }
  }

  flushWebhooks(): Promise<void> {
    return this.webhooks.flush()
  }

  get webhookDeliveries(): WebhookDelivery[] {
    return this.webhooks.deliveries
  }

  callCount(route?: SandboxRoute): number {
    return this.requestLog.filter((e) => (route === undefined ? e.route !== "control" && e.route !== "unknown" : e.route === route))
      .length
  }

  peakConcurrency(route: SandboxRoute): number {
    return this.concurrency.peak(route)
  }

  seedReportTransactions(count: number, range: { from: Date; to: Date; refundShare?: number }): void {
    seedCompletedPayments(this.store, this.merchants.first, count, range.from.getTime(), range.to.getTime(), range.refundShare)
  }

  sendAppWebhook(kind: AppWebhookKind, input: AppEventInput = {}): void {
    const merchant = this.merchants.first
    const at = this.clock.nowMs()
    if (kind === "simulated") {
      this.webhooks.emit(merchant, "simulated", simulatedEvent(at))
      return
    }
    const amount = parseAmount(input.amount ?? "1.00")
    if (!amount.ok || amount.cents < 1) throw new RangeError(`sendAppWebhook: invalid amount ${input.amount}`)
    const transaction = newAppTransaction(kind, amount.cents, input, merchant, this.numbering, this.feeRate, at)
    // ATH keeps the transaction whether or not a listener is subscribed: its report and search list it.
    this.appTransactions.record(transaction)
    this.webhooks.emit(merchant, kind === "payment" ? "payment_received" : "donation_received", appEvent(transaction))
  }

  /** The behaviour's generation, unless the variants may choose (per event) because nobody chose on purpose. */
  private modernWebhook(): boolean {
    const configured = this.webhooks.behaviour.generation
    if (this.explicitNow.generation) return configured === "2025"
    return this.shapes.variants.pick("webhook.ecommerceGeneration", configured) === "2025"
  }

  private refundReference() {
    const configured = this.webhooks.behaviour.refundWebhookReference
    if (this.explicitNow.refundWebhookReference) return configured
    return this.shapes.variants.pick("webhook.refundReference", configured)
  }

  private onTicketEvent(e: TicketEvent): void {
    const merchant = e.ticket.merchant
    const v = this.shapes
    switch (e.kind) {
      case "completed":
        this.webhooks.emit(
          merchant,
          "ecommerce_completed",
          this.modernWebhook() ? ecommerce2025(v, e.ticket, "COMPLETED", e.atMs) : ecommerceLegacy(v, e.ticket, "completed", e.atMs),
        )
        return
      case "cancelled":
        this.webhooks.emit(
          merchant,
          "ecommerce_cancelled",
          this.modernWebhook() ? ecommerce2025(v, e.ticket, "CANCEL", e.atMs) : ecommerceLegacy(v, e.ticket, "cancelled", e.atMs),
        )
        return
      case "expired":
        // Only the 2020 shape was ever documented for expiry, in both generations of the docs.
        this.webhooks.emit(merchant, "ecommerce_expired", ecommerceLegacy(v, e.ticket, "expired", e.atMs))
        return
      case "refund":
        this.webhooks.emit(merchant, "refund_sent", refundSent(v, e.refund, this.refundReference()))
        return
    }
  }

  private pendingPayments(phone: string): PendingPaymentView[] {
    const now = this.clock.nowMs()
    return this.store
      .list()
      .filter((t) => t.status === "OPEN" && t.phoneNumber === phone)
      .sort((a, b) => b.pushedAtMs - a.pushedAtMs)
      .map((t) => {
        const snap = ticketSnapshot(t)
        return {
          ecommerceId: t.ecommerceId,
          businessName: t.merchant.businessName,
          total: snap.total,
          items: snap.items,
          secondsLeft: Math.max(0, Math.ceil((t.expiresAtMs - now) / 1000)),
        }
      })
  }
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<AthSandbox> {
  checkOptions(opts)
  const sandbox = new Sandbox(opts, await AuthTokens.create())
  await sandbox.listen(opts.port ?? 0, opts.host ?? "127.0.0.1")
  return sandbox
}
