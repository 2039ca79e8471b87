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
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import type { AthMovilClient, AthPayment } from "../../lib/athmovil"
import { accountProblemReporter } from "./account-problems"
import { createAthMovilClient } from "./client-factory"
import { buildError, shopperError } from "./errors"
import { openedTicketFields } from "./ledger-handoff"
import { athTotalLimitBreached, toAthAmount } from "./money"
import { findAthMovilProviderEntries, parseAthMovilOptions, providerIdForToken, type AthMovilOptions, type ResolvedAthMovilOptions } from "./options"
import { ProviderLedger, type ProviderKnex } from "./provider-ledger"
import { refundAtAth } from "./refund"
import { accountHolderDataWithPhone } from "./saved-phone"
import { asSessionData, completedData, ownSessionData, readData, type AthSessionData } from "./session-data"
import { ATH_TO_MEDUSA_STATUS } from "./status-map"
import { readStorefrontSessionInput, requireSessionPhone } from "./storefront-input"
import { authorizeAt, cancelAtAth, changePhoneAtAth, type TicketContext } from "./ticket-actions"
import { ticketRequest } from "./ticket-request"
import { TokenSealer } from "./token-crypto"
import { webhookAction, type PaymentSessionLookup } from "./webhook-action"

/**
 * Medusa's calls mapped onto ATH Móvil. Every decision reads ATH first (`findPayment_`); the rules
 * live in their own modules: the ticket's phone and receipt (`ticket-request.ts`), refunds
 * (`refund.ts`), Medusa's webhook route (`webhook-action.ts`), session data (`session-data.ts`).
 */
class AthMovilProviderService extends AbstractPaymentProvider<AthMovilOptions> {
  static identifier = "athmovil"

  protected readonly options_: ResolvedAthMovilOptions
  protected readonly client_: AthMovilClient
  protected readonly sealer_: TokenSealer
  protected readonly logger_: Logger
  protected readonly sessions_: PaymentSessionLookup | undefined
  protected readonly ledger_: ProviderLedger
  protected readonly ticket_: TicketContext
  private providerId__: string | undefined

  static validateOptions(options: Record<string, unknown>): void {
    parseAthMovilOptions(options)
  }

  constructor(cradle: Record<string, unknown>, options: AthMovilOptions) {
    super(cradle, options)
    this.options_ = parseAthMovilOptions(options)
    // Medusa builds every provider as it starts: a config where two ATH accounts collide stops it here.
    if (cradle.configModule) findAthMovilProviderEntries(cradle.configModule as Parameters<typeof findAthMovilProviderEntries>[0])
    // The Payment module's shared pg connection (knex), for the plugin's own rows.
    const pg = () => this.container.__pg_connection__ as ProviderKnex | undefined
    // ATH refusing the tokens or saying the business is inactive reaches the admin (athmovil.account.problem).
    this.client_ = createAthMovilClient(this.options_, { onRequest: accountProblemReporter(pg, () => this.providerId_()) })
    this.sealer_ = new TokenSealer(this.options_)
    this.logger_ = cradle.logger as Logger
    // The payment module's own session service: lets webhooks be matched to sessions that exist.
    this.sessions_ = cradle.paymentSessionService as PaymentSessionLookup | undefined
    this.ledger_ = new ProviderLedger(pg, this.logger_, () => this.providerId_())
    this.ticket_ = {
      client: this.client_,
      sealer: this.sealer_,
      logger: this.logger_,
      findPayment: (data, action) => this.findPayment_(data, action),
      recordRead: (data, payment, status) => this.ledger_.recordRead(data, payment, status),
    }
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const currency = String(input.currency_code ?? "").toUpperCase()
    if (currency !== "USD") {
      throw shopperError(MedusaError.Types.INVALID_DATA, "currency_not_usd", { currency: currency || "?" })
    }
    const total = toAthAmount(input.amount)
    const breached = athTotalLimitBreached(total)
    if (breached) throw shopperError(MedusaError.Types.INVALID_DATA, breached, { total })
    const { input: storefront, foreignKeys } = readStorefrontSessionInput(input.data, { unknownKeys: "drop" })
    if (foreignKeys.length) {
      this.logger_.warn(`ATH Móvil dropped payment session data a storefront may not send: ${foreignKeys.join(", ")}`)
    }
    const sessionId = typeof input.data?.session_id === "string" ? input.data.session_id : ""
    // The cart behind the session, from Medusa's own rows: the receipt and the phone fallback.
    const { phone, cartId, reference, receipt } = ticketRequest(input, total, storefront, await this.ledger_.sessionCart(sessionId))

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
    await this.ledger_.write(
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
    const result = await authorizeAt(this.ticket_, data, payment)
    return { ...result, data: ownSessionData(asSessionData(result.data), input.data) }
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
    return { data: ownSessionData(completedData(data, payment), input.data) }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data: ownSessionData(await cancelAtAth(this.ticket_, asSessionData(input.data)), input.data) }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: ownSessionData(await cancelAtAth(this.ticket_, asSessionData(input.data)), input.data) }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    return refundAtAth(
      {
        client: this.client_,
        logger: this.logger_,
        privateToken: this.options_.privateToken,
        container: this.container,
        findPayment: (data, action) => this.findPayment_(data, action),
      },
      input
    )
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = asSessionData(input.data)
    const payment = await this.findPayment_(data, "read the payment")
    return { data: ownSessionData(readData(data, payment), input.data) }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = asSessionData(input.data)
    const payment = await this.findPayment_(data, "read the payment status")
    return { status: ATH_TO_MEDUSA_STATUS[payment.status], data: ownSessionData(readData(data, payment), input.data) }
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
      await cancelAtAth(this.ticket_, data)
      const replaced = await this.initiatePayment({
        amount: input.amount,
        currency_code: input.currency_code,
        data: { phone_number: requestedPhone as string, session_id: data.session_id, cart_id: data.cart_id },
        context: input.context,
      })
      return { status: replaced.status, data: replaced.data }
    }
    if (requestedPhone === undefined) return { data: ownSessionData(data, input.data) }
    return { data: ownSessionData(await changePhoneAtAth(this.ticket_, data, requireSessionPhone(requestedPhone)), input.data) }
  }

  /** Medusa's built-in `/hooks/payment/<provider>` route: see `webhook-action.ts`. */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const sessions = this.sessions_
    if (!sessions) return { action: PaymentActions.NOT_SUPPORTED }
    return webhookAction(payload, {
      providerId: () => this.providerId_(),
      session: (id) => sessions.retrieve(id, { relations: ["payment"] }).catch(() => null),
      findPayment: (ecommerceId) => this.client_.findPayment(ecommerceId),
      logger: this.logger_,
    })
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
    await this.ledger_.recordRead(data, payment)
    return payment
  }

  /** This instance's Medusa provider id (`pp_athmovil_<id>`): the account every row it writes belongs to. */
  protected providerId_(): string {
    return (this.providerId__ ??= providerIdForToken(this.container.configModule, this.options_.publicToken))
  }
}

export default AthMovilProviderService
