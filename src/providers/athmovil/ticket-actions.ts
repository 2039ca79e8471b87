import { MedusaError } from "@medusajs/framework/utils"
import type { AuthorizePaymentOutput, Logger } from "@medusajs/framework/types"
import { AuthenticationError, type AthMovilClient, type AthPayment } from "../../lib/athmovil"
import { buildError, mayHaveRaced } from "./errors"
import { closedData, completedData, withStatus, type AthSessionData } from "./session-data"
import type { TokenSealer } from "./token-crypto"

/**
 * What the ticket's writes need from the provider. Each write (`/authorization`, `/cancel`,
 * `/updatePhoneNumber`) is sent once per attempt; any doubt about its outcome is settled by
 * reading the ticket again (`findPayment`), never by sending it again.
 */
export interface TicketContext {
  client: AthMovilClient
  sealer: TokenSealer
  logger: Logger
  /** The provider's read of the ticket: checks it is this session's and writes the ledger. */
  findPayment(data: AthSessionData, action: string): Promise<AthPayment>
  recordRead(data: AthSessionData, payment: AthPayment, status?: "CANCEL" | "EXPIRED"): Promise<void>
}

/** The ticket's own auth token (sealed in the session), or the error to show when it cannot be read. */
function ticketToken(ctx: TicketContext, data: AthSessionData, unreadable: MedusaError): string {
  const token = ctx.sealer.open(data.auth_token_enc, { ecommerceId: data.ecommerce_id ?? "", sessionId: data.session_id ?? "" })
  if (!token) throw unreadable
  return token
}

/** Medusa's authorize, at each ATH status: only an approved (CONFIRM) ticket is debited. */
export async function authorizeAt(ctx: TicketContext, data: AthSessionData, payment: AthPayment): Promise<AuthorizePaymentOutput> {
  switch (payment.status) {
    case "OPEN":
      return { status: "requires_more", data: withStatus(data, payment) }
    case "CANCEL":
      return { status: "canceled", data: closedData(data, payment) }
    case "COMPLETED":
      return { status: "captured", data: completedData(data, payment) }
    case "CONFIRM":
      return authorizeConfirmed(ctx, data)
  }
}

/** The shopper approved; `/authorization` debits them, once. */
async function authorizeConfirmed(ctx: TicketContext, data: AthSessionData): Promise<AuthorizePaymentOutput> {
  const token = ticketToken(
    ctx,
    data,
    new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "The ATH Móvil authorization token of this payment session cannot be read (was encryptionKey or privateToken changed?). Start a new payment."
    )
  )
  try {
    const completed = await ctx.client.authorizePayment(token)
    await ctx.recordRead(data, completed)
    return { status: "captured", data: completedData(data, completed) }
  } catch (e) {
    if (!mayHaveRaced(e)) throw buildError("complete the payment", e)
    const fresh = await ctx.findPayment(data, "confirm the payment")
    if (fresh.status === "COMPLETED") return { status: "captured", data: completedData(data, fresh) }
    if (fresh.status === "CANCEL") return { status: "canceled", data: closedData(data, fresh) }
    if (e instanceof AuthenticationError) {
      // Approved but the token no longer works: ATH will expire the ticket; the shopper must start over.
      ctx.logger.warn(`ATH Móvil refused the authorization token for ${data.ecommerce_id} (${e.code}); the ticket cannot be completed`)
      return { status: "error", data: { ...withStatus(data, fresh), last_error: e.code } }
    }
    // Not debited yet and nothing was retried: the next attempt reads ATH again first.
    ctx.logger.warn(`ATH Móvil authorization of ${data.ecommerce_id} has no confirmed outcome (${e.code ?? e.name}); ticket still ${fresh.status}`)
    return { status: "requires_more", data: withStatus(data, fresh) }
  }
}

/** Withdraws an open or approved ticket from the shopper's phone; a paid one is refunded instead. */
export async function cancelAtAth(ctx: TicketContext, data: AthSessionData): Promise<AthSessionData> {
  if (!data.ecommerce_id) return data
  const payment = await ctx.findPayment(data, "cancel the payment")
  if (payment.status === "CANCEL") return closedData(data, payment)
  if (payment.status === "COMPLETED") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `ATH Móvil payment ${payment.referenceNumber ?? data.ecommerce_id} is already completed: the shopper has paid. Refund it instead of cancelling.`,
      "payment_already_completed"
    )
  }
  try {
    await ctx.client.cancelPayment(data.ecommerce_id)
  } catch (e) {
    if (!mayHaveRaced(e)) throw buildError("cancel the payment", e)
    const fresh = await ctx.findPayment(data, "confirm the cancellation")
    if (fresh.status !== "CANCEL") throw buildError("cancel the payment", e)
    return closedData(data, fresh)
  }
  await ctx.recordRead(data, payment, "CANCEL")
  return { ...data, athm_status: "CANCEL", auth_token_enc: undefined }
}

/** Sends the request to another phone while the ticket waits for approval (the old phone can no longer approve). */
export async function changePhoneAtAth(ctx: TicketContext, data: AthSessionData, phone: string): Promise<AthSessionData> {
  const payment = await ctx.findPayment(data, "change the phone number")
  if (payment.status !== "OPEN") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The phone number can only be changed while the payment waits for approval; this ATH Móvil payment is ${payment.status}.`,
      "phone_change_not_open"
    )
  }
  const token = ticketToken(
    ctx,
    data,
    new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "The ATH Móvil authorization token of this payment session cannot be read; start a new payment.",
      "payment_session_expired"
    )
  )
  try {
    await ctx.client.updatePhoneNumber({ ecommerceId: payment.ecommerceId, phoneNumber: phone, authToken: token })
  } catch (e) {
    throw buildError("change the phone number", e)
  }
  return { ...data, phone_last4: phone.slice(-4) }
}
