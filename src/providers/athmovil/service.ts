import { AbstractPaymentProvider, MedusaError, PaymentActions } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  CreateAccountHolderInput,
  CreateAccountHolderOutput,
  DeleteAccountHolderInput,
  DeleteAccountHolderOutput,
  UpdateAccountHolderInput,
  UpdateAccountHolderOutput,
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
import { accountProblemReporter } from "./account-problems"
import { createAthMovilClient } from "./client-factory"
import { buildError } from "./errors"
import { isWithinAthLimits, sumAmounts, toAthAmount, ATH_MAX_TOTAL, ATH_MIN_TOTAL } from "./money"
import { findAthMovilProviderEntries, parseAthMovilOptions, type AthMovilOptions, type ResolvedAthMovilOptions } from "./options"
import { withTicketLock } from "./payment-lock"
import { isRecordedAtAth } from "./refund-origin"
import { asSessionData, completedPaymentData, ownSessionData, type AthRefundRecord, type AthSessionData } from "./session-data"
import { MISSING_PHONE_MESSAGE, readStorefrontSessionInput } from "./storefront-input"
import { ATH_TO_MEDUSA_STATUS } from "./status-map"
import { TokenSealer } from "./token-crypto"
import { lookupSessionCart, shopperPhone, type SessionCart, type SessionCartPhones } from "./cart-lookup"
import { accountHolderDataWithPhone, savedPhoneFromContext } from "./saved-phone"
import { ledgerFieldsFromTicket, openedTicketFields, writeLedger } from "./ledger-handoff"
import { buildAthReceipt, singleLineReceipt } from "./receipt"
import type { UpsertTransactionInput } from "../../modules/athmovil/types"

const NO_PHONES: SessionCartPhones = { shipping: null, billing: null, customer: null }

/** A phone from an address or customer record, if it is a 10-digit number ATH takes. */
function tryPhone(raw: string): string | null {
  try {
    return normalisePhoneNumber(raw, "phone")
  } catch {
    return null
  }
}
import { matchWebhookToSession } from "./webhook-match"

type SessionLookup = {
  retrieve(
    id: string,
    config?: { select?: string[]; relations?: string[] }
  ): Promise<{ id: string; data?: Record<string, unknown>; amount?: unknown; payment?: { captured_at?: unknown } | null }>
}

type RefundRow = { id: string; payment_id?: string; amount?: unknown; raw_amount?: unknown; note?: string | null; metadata?: Record<string, unknown> | null }
type RefundLookup = {
  retrieve(id: string, config: { select: string[] }): Promise<RefundRow>
  list(filters: Record<string, unknown>, config: { select: string[] }): Promise<RefundRow[]>
}
type PaymentLookup = { retrieve(id: string, config: { select: string[] }): Promise<{ id: string; data?: Record<string, unknown> | null }> }

const REFUND_RECONCILE_READS = 3
const REFUND_RECONCILE_SPACING_MS = 400

class AthMovilProviderService extends AbstractPaymentProvider<AthMovilOptions> {
  static identifier = "athmovil"

  protected readonly options_: ResolvedAthMovilOptions
  protected readonly client_: AthMovilClient
  protected readonly sealer_: TokenSealer
  protected readonly logger_: Logger
  protected readonly sessions_: SessionLookup | undefined
  private providerId__: string | undefined

  static validateOptions(options: Record<string, unknown>): void {
    parseAthMovilOptions(options)
  }

  constructor(cradle: Record<string, unknown>, options: AthMovilOptions) {
    super(cradle, options)
    this.options_ = parseAthMovilOptions(options)
    // Medusa builds every provider as it starts: a config where two ATH accounts collide stops it here.
    if (cradle.configModule) findAthMovilProviderEntries(cradle.configModule as Parameters<typeof findAthMovilProviderEntries>[0])
    // ATH refusing the tokens or saying the business is inactive reaches the admin (athmovil.account.problem).
    this.client_ = createAthMovilClient(this.options_, { onRequest: accountProblemReporter(() => this.pg_()) })
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
    const { input: storefront, foreignKeys } = readStorefrontSessionInput(input.data, { unknownKeys: "drop" })
    if (foreignKeys.length) {
      this.logger_.warn(`ATH Móvil dropped payment session data a storefront may not send: ${foreignKeys.join(", ")}`)
    }
    const sessionId = typeof input.data?.session_id === "string" ? input.data.session_id : ""
    // The cart behind the session, from Medusa's own rows: the receipt and the phone fallback.
    const found = await this.sessionCart_(sessionId)
    const picked = shopperPhone(
      storefront.phone_number,
      found?.phones ?? NO_PHONES,
      input.context?.customer?.phone,
      tryPhone,
      savedPhoneFromContext(input.context)
    )
    if (!picked) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${MISSING_PHONE_MESSAGE} The cart's shipping and billing addresses and the customer have no 10-digit phone either.`
      )
    }
    const phone = picked.phone
    const cartId = found?.cart?.id ?? storefront.cart_id
    const reference = cartId ?? input.context?.customer?.id ?? ""
    const receipt = found?.cart
      ? buildAthReceipt(found.cart, total)
      : singleLineReceipt(
          total,
          found?.orderDisplayId ? `Order #${found.orderDisplayId}` : "Order",
          reference ? `Medusa ${reference}` : "Medusa order"
        )

    let created: { ecommerceId: string; authToken: string }
    try {
      created = await this.client_.createPayment({
        total,
        phoneNumber: phone,
        metadata1: sessionId,
        metadata2: reference.slice(0, 40),
        items: receipt.items,
        subtotal: receipt.subtotal,
        tax: receipt.tax,
        timeoutSeconds: this.options_.paymentTimeoutSeconds,
      })
    } catch (e) {
      throw buildError("start the payment", e)
    }

    const data: AthSessionData = {
      session_id: sessionId || undefined,
      ecommerce_id: created.ecommerceId,
      athm_status: "OPEN",
      expires_at: new Date(Date.now() + this.options_.paymentTimeoutSeconds * 1000).toISOString(),
      phone_last4: phone.slice(-4),
      auth_token_enc: this.sealer_.seal(created.authToken, { ecommerceId: created.ecommerceId, sessionId }),
      amount: total,
      currency_code: "usd",
      cart_id: cartId,
    }
    await this.ledger_(
      openedTicketFields({
        ecommerceId: created.ecommerceId,
        sessionId: sessionId || null,
        cartId: cartId ?? null,
        receipt,
        phoneLast4: phone.slice(-4),
        metadata2: reference.slice(0, 40),
        expiresAt: data.expires_at as string,
      })
    )
    return { id: created.ecommerceId, status: "requires_more", data: ownSessionData(data, input.data) }
  }

  /**
   * ATH Móvil keeps no customers or cards: the account holder is only Medusa's per-customer record
   * for this provider, and holds the phone ATH reported for the customer's last completed payment
   * (`saved-phone.ts` says why there). Created empty when a logged-in customer starts a payment.
   */
  async createAccountHolder(input: CreateAccountHolderInput): Promise<CreateAccountHolderOutput> {
    const customerId = input.context?.customer?.id
    if (!customerId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "An ATH Móvil account holder needs the customer's id (context.customer.id).")
    }
    return { id: `athm_${customerId}`, data: {} }
  }

  /** Only server code updates account holders (no store route does): keeps only the provider's own, checked keys. */
  async updateAccountHolder(input: UpdateAccountHolderInput): Promise<UpdateAccountHolderOutput> {
    return { data: accountHolderDataWithPhone(input.context?.account_holder?.data) }
  }

  /** Nothing is held at ATH: Medusa deleting its row is all there is. */
  async deleteAccountHolder(_input: DeleteAccountHolderInput): Promise<DeleteAccountHolderOutput> {
    return {}
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    // The payment starts with no refunds whatever the session holds: its refund list is built
    // only from refunds this provider makes or records.
    const data: AthSessionData = { ...asSessionData(input.data), refunds: undefined, refunded_total: undefined }
    const payment = await this.findPayment_(data, "check the payment")
    const result = await this.authorizeAt_(data, payment)
    return { ...result, data: ownSessionData(asSessionData(result.data), input.data) }
  }

  protected async authorizeAt_(data: AthSessionData, payment: AthPayment): Promise<AuthorizePaymentOutput> {
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
      await this.recordRead_(data, completed)
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
    return { data: ownSessionData(this.completed_(data, payment), input.data) }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data: ownSessionData(await this.cancelAtAth_(asSessionData(input.data)), input.data) }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: ownSessionData(await this.cancelAtAth_(asSessionData(input.data)), input.data) }
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
    await this.recordRead_(data, payment, "CANCEL")
    return { ...data, athm_status: "CANCEL", auth_token_enc: undefined }
  }

  /**
   * Serialised per ticket (advisory lock) around the ATH read, the ATH refund and the record, and
   * decided from Medusa's own refund rows against ATH's refunded total — never from payment data.
   * A refund the ATH side already made (refund notice, reconciliation) is recorded without paying
   * only when its Medusa refund carries `RECORDED_AT_ATH_METADATA`; an admin's new refund is
   * always paid, and refused while ATH holds refunds Medusa has not recorded yet.
   */
  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    if (!this.options_.privateToken) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "ATH Móvil refunds need the privateToken provider option (ATH Business app → Settings → Development). Add it to medusa-config.ts and restart Medusa."
      )
    }
    const data = asSessionData(input.data)
    const referenceNumber = data.reference_number
    if (!referenceNumber || !data.ecommerce_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "This ATH Móvil payment has no reference number (it was never completed), so there is nothing to refund."
      )
    }
    const amount = toAthAmount(input.amount)
    const refund = await this.medusaRefund_(input.context?.idempotency_key)
    return withTicketLock(this.knex_(), `athmovil:refund:${data.ecommerce_id}`, this.logger_, async () => {
      const before = await this.findPayment_(data, "prepare the refund")
      const recorded = await this.recordedElsewhere_(refund)
      const unrecorded = subtractAmounts(before.totalRefundedAmount, recorded)
      const current = { ...data, ...(await this.currentPaymentData_(refund)) }
      const record = (payment: AthPayment, r: Omit<AthRefundRecord, "medusa_refund_id">) =>
        ({ data: ownSessionData(this.withRefund_(current, payment, { medusa_refund_id: refund?.id ?? null, ...r }), input.data) })

      if (refund && isRecordedAtAth(refund.metadata)) {
        if (compareAmounts(unrecorded, amount) < 0) {
          throw new MedusaError(
            MedusaError.Types.NOT_ALLOWED,
            `ATH Móvil shows ${compareAmounts(unrecorded, "0.00") > 0 ? unrecorded : "0.00"} USD refunded on ${referenceNumber} that Medusa has not recorded, less than the ${amount} USD to record; nothing was recorded or refunded.`
          )
        }
        this.logger_.info(`ATH Móvil refund of ${amount} on ${referenceNumber} made outside Medusa recorded without a new ATH refund`)
        return record(before, { reference_number: null, amount, date: new Date().toISOString(), daily_transaction_id: null, source: "adopted" })
      }
      if (compareAmounts(unrecorded, "0.00") > 0) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `ATH Móvil already shows ${unrecorded} USD refunded on ${referenceNumber} that Medusa has not recorded (a refund made in the ATH Business app, or one whose answer was lost). ` +
            "Record it first (admin → ATH Móvil → Reconciliation, or wait for ATH's refund notice), then refund again if more is owed. Nothing was refunded."
        )
      }
      const refundable = subtractAmounts(before.total, before.totalRefundedAmount)
      if (compareAmounts(amount, refundable) > 0) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `ATH Móvil can refund at most ${refundable} USD more on payment ${referenceNumber}; ${amount} USD was asked.`
        )
      }

      const message = refund?.note?.trim() ? refund.note.trim().slice(0, 50) : undefined
      try {
        const result = await this.client_.refundPayment({ referenceNumber, amount, message })
        return record({ ...before, totalRefundedAmount: result.original.totalRefundedAmount }, {
          reference_number: result.refund.referenceNumber,
          amount: result.refund.amount,
          date: result.refund.date,
          daily_transaction_id: result.refund.dailyTransactionId,
          source: "medusa",
        })
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
        return record(after, { reference_number: null, amount, date: new Date().toISOString(), daily_transaction_id: null, source: "medusa" })
      }
    })
  }

  /** The Medusa refund being paid (Medusa passes its id as the idempotency key): note, metadata, payment. */
  protected async medusaRefund_(refundId: string | undefined): Promise<RefundRow | null> {
    const refunds = this.container.refundService as RefundLookup | undefined
    if (!refundId || !refunds) return null
    return refunds.retrieve(refundId, { select: ["id", "payment_id", "note", "metadata"] }).catch(() => null)
  }

  /** What Medusa's own refund rows of this payment add up to, the one being paid left out. */
  protected async recordedElsewhere_(refund: RefundRow | null): Promise<string> {
    const refunds = this.container.refundService as RefundLookup | undefined
    if (!refund?.payment_id || !refunds) return "0.00"
    const rows = await refunds.list({ payment_id: refund.payment_id }, { select: ["id", "amount", "raw_amount"] })
    return sumAmounts(rows.filter((r) => r.id !== refund.id).map((r) => toAthAmount((r.raw_amount ?? r.amount) as string)))
  }

  /**
   * The payment's data as stored now, read under the lock: Medusa handed the provider a copy read
   * before another refund of this payment finished, and its record must not be lost.
   */
  protected async currentPaymentData_(refund: RefundRow | null): Promise<Partial<AthSessionData>> {
    const payments = this.container.paymentService as PaymentLookup | undefined
    if (!refund?.payment_id || !payments) return {}
    const payment = await payments.retrieve(refund.payment_id, { select: ["id", "data"] }).catch(() => null)
    const stored = asSessionData(payment?.data)
    return stored.ecommerce_id ? { refunds: stored.refunds, refunded_total: stored.refunded_total } : {}
  }

  protected knex_(): Parameters<typeof withTicketLock>[0] {
    return this.container.__pg_connection__ as Parameters<typeof withTicketLock>[0]
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

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = asSessionData(input.data)
    const payment = await this.findPayment_(data, "read the payment")
    return { data: ownSessionData(payment.status === "COMPLETED" ? this.completed_(data, payment) : this.withStatus_(data, payment), input.data) }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = asSessionData(input.data)
    const payment = await this.findPayment_(data, "read the payment status")
    const status: PaymentSessionStatus = ATH_TO_MEDUSA_STATUS[payment.status]
    return {
      status,
      data: ownSessionData(payment.status === "COMPLETED" ? this.completed_(data, payment) : this.withStatus_(data, payment), input.data),
    }
  }

  /**
   * Medusa core flows never call this in 2.21; the plugin's store route does, to change the
   * phone number (re-sends the push while OPEN). A different amount replaces the ticket.
   */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = asSessionData(input.data)
    if (!data.ecommerce_id) return { data: ownSessionData(data, input.data) }
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
    if (requestedPhone === undefined) return { data: ownSessionData(data, input.data) }
    return { data: ownSessionData(await this.changePhone_(data, this.resolvePhone_(requestedPhone)), input.data) }
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
    return { ...data, phone_last4: phone.slice(-4) }
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
        providerId: this.providerId_(),
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
    await this.recordRead_(data, payment)
    return payment
  }

  /** A live ATH answer goes into the ledger (the module's guarded upsert: status only moves forward). */
  protected async recordRead_(data: AthSessionData, payment: AthPayment, status?: "CANCEL" | "EXPIRED"): Promise<void> {
    await this.ledger_(
      ledgerFieldsFromTicket(payment, {
        via: "poll",
        status,
        sessionId: data.session_id ?? null,
        cartId: data.cart_id ?? null,
        expiresAt: data.expires_at ?? null,
      })
    )
  }

  /** The cart behind a session; a failed lookup costs the receipt its detail, never the payment. */
  protected async sessionCart_(sessionId: string): Promise<SessionCart | null> {
    const knex = this.pg_()
    if (!sessionId || !knex) return null
    try {
      return await lookupSessionCart(knex, sessionId)
    } catch (e) {
      this.logger_.warn(`ATH Móvil could not read the cart of session ${sessionId}; the receipt is one line: ${e instanceof Error ? e.message : String(e)}`)
      return null
    }
  }

  /**
   * This instance's Medusa provider id (`pp_athmovil_<id>`). Medusa does not hand a provider its
   * id, so it is its entry in the config with the same public token (two accounts never share one).
   */
  protected providerId_(): string {
    if (this.providerId__) return this.providerId__
    const configModule = this.container.configModule as Parameters<typeof findAthMovilProviderEntries>[0] | undefined
    const entry = configModule ? findAthMovilProviderEntries(configModule).find((e) => e.options.publicToken === this.options_.publicToken) : undefined
    if (!entry) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "This ATH Móvil provider is not among the payment module's providers in the config.")
    this.providerId__ = entry.providerId
    return entry.providerId
  }

  /** The shared pg connection (knex) of the Payment module's container, for plain statements. */
  protected pg_(): { raw(sql: string, bindings: unknown[]): PromiseLike<unknown> } | undefined {
    return this.container.__pg_connection__ as { raw(sql: string, bindings: unknown[]): PromiseLike<unknown> } | undefined
  }

  /**
   * The ledger row, written with the athmovil module's own upsert on the shared connection (the
   * module is not in the Payment module's container). Bookkeeping never fails a payment.
   */
  protected async ledger_(fields: UpsertTransactionInput): Promise<void> {
    const knex = this.pg_()
    if (!knex) return
    try {
      await writeLedger(knex, { ...fields, provider_id: this.providerId_() })
    } catch (e) {
      this.logger_.warn(`ATH Móvil ledger not updated for ticket ${fields.ecommerce_id}: ${e instanceof Error ? e.message : String(e)}`)
    }
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

  protected resolvePhone_(raw: unknown): string {
    if (raw === undefined || raw === null || raw === "") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, MISSING_PHONE_MESSAGE)
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
    const others = (data.refunds ?? []).filter((r) => !refund.medusa_refund_id || r.medusa_refund_id !== refund.medusa_refund_id)
    return {
      ...data,
      refunds: [...others, refund],
      refunded_total: payment.totalRefundedAmount,
      last_checked_at: new Date().toISOString(),
    }
  }
}

export default AthMovilProviderService
