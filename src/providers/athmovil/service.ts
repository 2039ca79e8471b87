import { AbstractPaymentProvider, MedusaError, PaymentActions } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  PaymentSessionStatus,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import {
  AthMovilClient,
  AthMovilError,
  AuthenticationError,
  NetworkError,
  OutcomeUnknownError,
  ServerError,
  TimeoutError,
  TransactionError,
  compareAmounts,
  normalisePhoneNumber,
  normaliseWebhook,
  subtractAmounts,
  type AthPayment,
} from "../../lib/athmovil"
import { createAthMovilClient } from "./client-factory"
import { buildError } from "./errors"
import { isWithinAthLimits, sumAmounts, toAthAmount, ATH_MAX_TOTAL, ATH_MIN_TOTAL } from "./money"
import { parseAthMovilOptions, type AthMovilOptions, type ResolvedAthMovilOptions } from "./options"
import {
  asSessionData,
  completedPaymentData,
  StorefrontSessionInputSchema,
  type AthRefundRecord,
  type AthSessionData,
  type StorefrontSessionInput,
} from "./session-data"
import { ATH_TO_MEDUSA_STATUS } from "./status-map"
import { TokenSealer } from "./token-crypto"
import { matchWebhookToSession } from "./webhook-match"

type SessionLookup = {
  retrieve(
    id: string,
    config?: { select?: string[]; relations?: string[] }
  ): Promise<{ id: string; data?: Record<string, unknown>; amount?: unknown; payment?: { captured_at?: unknown } | null }>
}

const REFUND_RECONCILE_READS = 3
const REFUND_RECONCILE_SPACING_MS = 400

class AthMovilProviderService extends AbstractPaymentProvider<AthMovilOptions> {
  static identifier = "athmovil"

  protected readonly options_: ResolvedAthMovilOptions
  protected readonly client_: AthMovilClient
  protected readonly sealer_: TokenSealer
  protected readonly logger_: Logger
  protected readonly sessions_: SessionLookup | undefined

  static validateOptions(options: Record<string, unknown>): void {
    parseAthMovilOptions(options)
  }

  constructor(cradle: Record<string, unknown>, options: AthMovilOptions) {
    super(cradle, options)
    this.options_ = parseAthMovilOptions(options)
    this.client_ = createAthMovilClient(this.options_)
    this.sealer_ = new TokenSealer(this.options_)
    this.logger_ = cradle.logger as Logger
    // The payment module's own session service: lets webhooks be matched to sessions that exist.
    this.sessions_ = cradle.paymentSessionService as SessionLookup | undefined
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const currency = String(input.currency_code ?? "").toUpperCase()
    if (currency !== "USD") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `ATH Móvil only takes payments in USD; this cart is in ${currency || "an unknown currency"}. Offer ATH Móvil in a USD region only.`
      )
    }
    const total = toAthAmount(input.amount)
    if (!isWithinAthLimits(total)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `ATH Móvil accepts totals from ${ATH_MIN_TOTAL} to ${ATH_MAX_TOTAL} USD; this cart's total is ${total} USD.`
      )
    }
    const storefront = this.parseStorefrontInput_(input.data)
    const phone = this.resolvePhone_(storefront.phone_number ?? input.context?.customer?.phone)
    const sessionId = typeof input.data?.session_id === "string" ? input.data.session_id : ""
    const reference = storefront.cart_id ?? input.context?.customer?.id ?? ""
    const items = storefront.items ?? [
      { name: "Order", description: reference ? `Medusa ${reference}` : "Medusa order", quantity: 1, price: total },
    ]

    let created: { ecommerceId: string; authToken: string }
    try {
      created = await this.client_.createPayment({
        total,
        phoneNumber: phone,
        metadata1: sessionId,
        metadata2: reference.slice(0, 40),
        items,
        timeoutSeconds: this.options_.paymentTimeoutSeconds,
      })
    } catch (e) {
      throw buildError("start the payment", e)
    }

    const data: AthSessionData & Record<string, unknown> = {
      session_id: sessionId || undefined,
      ecommerce_id: created.ecommerceId,
      athm_status: "OPEN",
      expires_at: new Date(Date.now() + this.options_.paymentTimeoutSeconds * 1000).toISOString(),
      phone_last4: phone.slice(-4),
      auth_token_enc: this.sealer_.seal(created.authToken, { ecommerceId: created.ecommerceId, sessionId }),
      amount: total,
      currency_code: "usd",
      cart_id: storefront.cart_id,
      // The storefront's raw input is merged into session data by Medusa; keep only what is needed.
      phone_number: undefined,
      items: undefined,
    }
    return { id: created.ecommerceId, status: "requires_more", data }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const data = asSessionData(input.data)
    const payment = await this.findPayment_(data, "check the payment")
    switch (payment.status) {
      case "OPEN":
        return { status: "requires_more", data: this.withStatus_(data, payment) }
      case "CANCEL":
        return { status: "canceled", data: this.closed_(data, payment) }
      case "COMPLETED":
        return { status: "captured", data: this.completed_(data, payment) }
      case "CONFIRM":
        return this.authorizeConfirmed_(data)
    }
  }

  /**
   * The shopper approved; `/authorization` debits them. It is called once per attempt, and any
   * doubt about its outcome is settled by reading the ticket again, never by calling it again.
   */
  protected async authorizeConfirmed_(data: AthSessionData): Promise<AuthorizePaymentOutput> {
    const token = this.sealer_.open(data.auth_token_enc, { ecommerceId: data.ecommerce_id ?? "", sessionId: data.session_id ?? "" })
    if (!token) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "The ATH Móvil authorization token of this payment session cannot be read (was encryptionKey or privateToken changed?). Start a new payment."
      )
    }
    try {
      const completed = await this.client_.authorizePayment(token)
      return { status: "captured", data: this.completed_(data, completed) }
    } catch (e) {
      if (!this.mayHaveRaced_(e)) throw buildError("complete the payment", e)
      const fresh = await this.findPayment_(data, "confirm the payment")
      if (fresh.status === "COMPLETED") {
        return { status: "captured", data: this.completed_(data, fresh) }
      }
      if (fresh.status === "CANCEL") {
        return { status: "canceled", data: this.closed_(data, fresh) }
      }
      if (e instanceof AuthenticationError) {
        // Approved but the token no longer works: ATH will expire the ticket; the shopper must start over.
        this.logger_.warn(`ATH Móvil refused the authorization token for ${data.ecommerce_id} (${e.code}); the ticket cannot be completed`)
        return { status: "error", data: { ...this.withStatus_(data, fresh), last_error: e.code } }
      }
      // Not debited yet and nothing was retried: the next attempt reads ATH again first.
      this.logger_.warn(`ATH Móvil authorization of ${data.ecommerce_id} has no confirmed outcome (${e.code ?? e.name}); ticket still ${fresh.status}`)
      return { status: "requires_more", data: this.withStatus_(data, fresh) }
    }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = asSessionData(input.data)
    const payment = await this.findPayment_(data, "capture the payment")
    if (payment.status !== "COMPLETED") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `ATH Móvil payment ${data.ecommerce_id} is ${payment.status}, not COMPLETED: there is nothing to capture. ATH Móvil debits the shopper when the payment is authorized.`
      )
    }
    return { data: this.completed_(data, payment) }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data: await this.cancelAtAth_(asSessionData(input.data)) }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: await this.cancelAtAth_(asSessionData(input.data)) }
  }

  protected async cancelAtAth_(data: AthSessionData): Promise<AthSessionData> {
    if (!data.ecommerce_id) return data
    const payment = await this.findPayment_(data, "cancel the payment")
    if (payment.status === "CANCEL") return this.closed_(data, payment)
    if (payment.status === "COMPLETED") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `ATH Móvil payment ${payment.referenceNumber ?? data.ecommerce_id} is already completed: the shopper has paid. Refund it instead of cancelling.`
      )
    }
    try {
      await this.client_.cancelPayment(data.ecommerce_id)
    } catch (e) {
      if (!this.mayHaveRaced_(e)) throw buildError("cancel the payment", e)
      const fresh = await this.findPayment_(data, "confirm the cancellation")
      if (fresh.status !== "CANCEL") throw buildError("cancel the payment", e)
      return this.closed_(data, fresh)
    }
    return { ...data, athm_status: "CANCEL", auth_token_enc: undefined }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    if (!this.options_.privateToken) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "ATH Móvil refunds need the privateToken provider option (ATH Business app → Settings → Development). Add it to medusa-config.ts and restart Medusa."
      )
    }
    const data = asSessionData(input.data)
    const referenceNumber = data.reference_number
    if (!referenceNumber) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "This ATH Móvil payment has no reference number (it was never completed), so there is nothing to refund."
      )
    }
    const amount = toAthAmount(input.amount)
    const before = await this.findPayment_(data, "prepare the refund")
    const refunds = data.refunds ?? []
    const unaccounted = subtractAmounts(before.totalRefundedAmount, sumAmounts(refunds.map((r) => r.amount)))

    // ATH already holds refunds Medusa never recorded (a lost response, or one made in the
    // ATH Business app): take them over instead of sending the shopper's money twice.
    if (compareAmounts(unaccounted, amount) >= 0) {
      this.logger_.warn(
        `ATH Móvil already shows ${unaccounted} refunded on ${referenceNumber} that Medusa had not recorded; recording ${amount} of it without a new refund`
      )
      return { data: this.withRefund_(data, before, { reference_number: null, amount, date: new Date().toISOString(), daily_transaction_id: null, source: "adopted" }) }
    }
    const refundable = subtractAmounts(before.total, before.totalRefundedAmount)
    if (compareAmounts(amount, refundable) > 0) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `ATH Móvil can refund at most ${refundable} USD more on payment ${referenceNumber}; ${amount} USD was asked.`
      )
    }

    const message = await this.refundMessage_(input.context?.idempotency_key)
    try {
      const result = await this.client_.refundPayment({ referenceNumber, amount, message })
      return {
        data: this.withRefund_(data, { ...before, totalRefundedAmount: result.original.totalRefundedAmount }, {
          reference_number: result.refund.referenceNumber,
          amount: result.refund.amount,
          date: result.refund.date,
          daily_transaction_id: result.refund.dailyTransactionId,
          source: "medusa",
        }),
      }
    } catch (e) {
      if (!this.outcomeUnknown_(e)) throw buildError("refund the payment", e)
      const after = await this.awaitRefundedTotal_(data, before.totalRefundedAmount, amount)
      if (!after) {
        throw new MedusaError(
          MedusaError.Types.UNEXPECTED_STATE,
          `ATH Móvil did not confirm the refund of ${amount} USD on ${referenceNumber} and shows no new refund, so none was recorded. Check the payment again before retrying.`
        )
      }
      this.logger_.warn(`ATH Móvil refund response for ${referenceNumber} was lost; ATH shows it done, recording it once`)
      return { data: this.withRefund_(data, after, { reference_number: null, amount, date: new Date().toISOString(), daily_transaction_id: null, source: "medusa" }) }
    }
  }

  /** After an unknown outcome: has ATH's refunded total risen by the amount? A few spaced reads, never a second refund. */
  protected async awaitRefundedTotal_(data: AthSessionData, before: string, amount: string): Promise<AthPayment | null> {
    const target = sumAmounts([before, amount])
    for (let i = 0; i < REFUND_RECONCILE_READS; i++) {
      const fresh = await this.findPayment_(data, "confirm the refund")
      if (compareAmounts(fresh.totalRefundedAmount, target) >= 0) return fresh
      await new Promise((r) => setTimeout(r, REFUND_RECONCILE_SPACING_MS))
    }
    return null
  }

  /** The merchant's refund note becomes ATH's refund message (ATH allows 50 characters). */
  protected async refundMessage_(refundId: string | undefined): Promise<string | undefined> {
    const refunds = this.container.refundService as
      | { retrieve(id: string, c: { select: string[] }): Promise<{ note?: string | null }> }
      | undefined
    if (!refundId || !refunds) return undefined
    try {
      const note = (await refunds.retrieve(refundId, { select: ["note"] })).note?.trim()
      return note ? note.slice(0, 50) : undefined
    } catch {
      return undefined
    }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = asSessionData(input.data)
    const payment = await this.findPayment_(data, "read the payment")
    return { data: payment.status === "COMPLETED" ? this.completed_(data, payment) : this.withStatus_(data, payment) }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = asSessionData(input.data)
    const payment = await this.findPayment_(data, "read the payment status")
    const status: PaymentSessionStatus = ATH_TO_MEDUSA_STATUS[payment.status]
    return { status, data: payment.status === "COMPLETED" ? this.completed_(data, payment) : this.withStatus_(data, payment) }
  }

  /**
   * Medusa core flows never call this in 2.21; the plugin's store route does, to change the
   * phone number (re-sends the push while OPEN). A different amount replaces the ticket.
   */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = asSessionData(input.data)
    if (!data.ecommerce_id) return { data }
    const total = toAthAmount(input.amount)
    const requestedPhone = (input.data as { phone_number?: unknown } | undefined)?.phone_number
    if (data.amount && total !== data.amount) {
      if (requestedPhone === undefined) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          "The cart total changed: send data.phone_number so a new ATH Móvil payment can be started for the new total."
        )
      }
      await this.cancelAtAth_(data)
      const replaced = await this.initiatePayment({
        amount: input.amount,
        currency_code: input.currency_code,
        data: { phone_number: requestedPhone as string, session_id: data.session_id, cart_id: data.cart_id },
        context: input.context,
      })
      return { status: replaced.status, data: replaced.data }
    }
    if (requestedPhone === undefined) return { data }
    return { data: await this.changePhone_(data, this.resolvePhone_(requestedPhone)) }
  }

  protected async changePhone_(data: AthSessionData, phone: string): Promise<AthSessionData> {
    const payment = await this.findPayment_(data, "change the phone number")
    if (payment.status !== "OPEN") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The phone number can only be changed while the payment waits for approval; this ATH Móvil payment is ${payment.status}.`
      )
    }
    const token = this.sealer_.open(data.auth_token_enc, { ecommerceId: data.ecommerce_id ?? "", sessionId: data.session_id ?? "" })
    if (!token) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "The ATH Móvil authorization token of this payment session cannot be read; start a new payment.")
    }
    try {
      await this.client_.updatePhoneNumber({ ecommerceId: payment.ecommerceId, phoneNumber: phone, authToken: token })
    } catch (e) {
      throw buildError("change the phone number", e)
    }
    return { ...data, phone_last4: phone.slice(-4), phone_number: undefined } as AthSessionData
  }

  /**
   * For Medusa's built-in `/hooks/payment/athmovil_athmovil` route. ATH signs nothing, so the
   * payload only names a ticket: ATH itself is asked, and only a session this plugin created,
   * with the same ticket and total, is ever returned.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const notSupported = { action: PaymentActions.NOT_SUPPORTED }
    try {
      const event = normaliseWebhook(payload.data)
      const sessions = this.sessions_
      if (event.kind !== "ecommerce" || !sessions) return notSupported
      type Session = Awaited<ReturnType<SessionLookup["retrieve"]>> & { provider_id?: string }
      // The one matching rule: the named session must be ours locally before ATH is asked at all
      // (this route needs no secret), and ATH's answer must then confirm it.
      const match = await matchWebhookToSession<Session>(event, {
        session: (id) => sessions.retrieve(id, { relations: ["payment"] }).catch(() => null) as Promise<Session | null>,
        findPayment: (ecommerceId) => this.client_.findPayment(ecommerceId),
      })
      if (!match.ok) return notSupported
      const { ticket, session } = match
      const sessionTotal = toAthAmount(session.amount as string)
      if (event.status === "completed" && ticket.status === "COMPLETED") {
        if (session.payment?.captured_at) return notSupported
        return { action: PaymentActions.SUCCESSFUL, data: { session_id: session.id, amount: sessionTotal } }
      }
      if (event.status !== "completed" && ticket.status === "CANCEL") {
        return { action: PaymentActions.CANCELED, data: { session_id: session.id, amount: sessionTotal } }
      }
      return notSupported
    } catch (e) {
      this.logger_.warn(`ATH Móvil webhook not applied: ${e instanceof Error ? e.message : String(e)}`)
      return notSupported
    }
  }

  protected async findPayment_(data: AthSessionData, action: string): Promise<AthPayment> {
    if (!data.ecommerce_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Cannot ${action}: this payment has no ATH Móvil ecommerce id.`)
    }
    let payment: AthPayment
    try {
      payment = await this.client_.findPayment(data.ecommerce_id)
    } catch (e) {
      throw buildError(action, e)
    }
    if (data.session_id && payment.metadata1 && payment.metadata1 !== data.session_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `ATH Móvil ticket ${data.ecommerce_id} belongs to another payment session; refusing to use it.`
      )
    }
    return payment
  }

  /** Errors after which the request may or may not have taken effect at ATH. */
  protected outcomeUnknown_(e: unknown): e is AthMovilError {
    return (
      e instanceof OutcomeUnknownError || e instanceof TimeoutError || e instanceof NetworkError || e instanceof ServerError
    )
  }

  /**
   * Also worth a fresh read: ATH refused because the ticket moved on meanwhile (another instance
   * authorized or cancelled it, or the token outlived the ticket).
   */
  protected mayHaveRaced_(e: unknown): e is AthMovilError {
    return this.outcomeUnknown_(e) || e instanceof TransactionError || e instanceof AuthenticationError
  }

  protected parseStorefrontInput_(data: Record<string, unknown> | undefined): StorefrontSessionInput {
    const parsed = StorefrontSessionInputSchema.safeParse({
      phone_number: data?.phone_number,
      items: data?.items,
      cart_id: data?.cart_id,
    })
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((i) => `data.${i.path.join(".")}: ${i.message}`)
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ATH Móvil payment data: ${reasons.join("; ")}`)
    }
    return parsed.data
  }

  protected resolvePhone_(raw: unknown): string {
    if (raw === undefined || raw === null || raw === "") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "ATH Móvil needs the shopper's phone number: send data.phone_number (10 digits, e.g. 787-555-1234) when creating the payment session."
      )
    }
    try {
      return normalisePhoneNumber(raw as string, "data.phone_number")
    } catch (e) {
      throw buildError("use that phone number", e)
    }
  }

  protected withStatus_(data: AthSessionData, payment: AthPayment): AthSessionData {
    return { ...data, athm_status: payment.status, last_checked_at: new Date().toISOString() }
  }

  protected closed_(data: AthSessionData, payment: AthPayment): AthSessionData {
    return { ...this.withStatus_(data, payment), auth_token_enc: undefined }
  }

  /** A completed ticket no longer needs its auth token: drop it. */
  protected completed_(data: AthSessionData, payment: AthPayment): AthSessionData {
    return { ...this.closed_(data, payment), ...completedPaymentData(payment), refunds: data.refunds ?? [] }
  }

  protected withRefund_(data: AthSessionData, payment: AthPayment, refund: AthRefundRecord): AthSessionData {
    return {
      ...data,
      refunds: [...(data.refunds ?? []), refund],
      refunded_total: payment.totalRefundedAmount,
      last_checked_at: new Date().toISOString(),
    }
  }
}

export default AthMovilProviderService
