/**
 * payments.athmovil.com: the Payment Button API (API.md §1, rows 1–6).
 */
import { findPaymentData, refundResponseData } from "../api-shapes"
import { ApiError, successEnvelope } from "../errors"
import type { MerchantRegistry } from "../merchants"
import type { RouteDef } from "../server"
import type { Shapes } from "../shapes"
import type { TicketStore } from "../tickets"
import type { AuthTokens } from "../tokens"
import { parsePaymentRequest, parseRefundRequest, phoneDigits, requiredString } from "../validation"

export const API_BASE_PATH = "/api/business-transaction/ecommerce"

export interface PaymentRouteDeps {
  merchants: MerchantRegistry
  store: TicketStore
  tokens: AuthTokens
  nowMs: () => number
  shapes: Shapes
}

const ok = (data: unknown) => ({ status: 200, json: successEnvelope(data) })

export function paymentRoutes({ merchants, store, tokens, nowMs, shapes }: PaymentRouteDeps): RouteDef[] {
  return [
    {
      method: "POST",
      path: `${API_BASE_PATH}/payment`,
      route: "payment",
      async handle(ctx) {
        const body = ctx.json()
        const merchant = merchants.byPublic(body.publicToken)
        const ticket = store.create(merchant, parsePaymentRequest(body))
        const authToken = await tokens.issue(ticket.ecommerceId, ticket.createdAtMs)
        return ok({ ecommerceId: ticket.ecommerceId, auth_token: authToken })
      },
    },
    {
      // S1's curl shows an empty "Authorization: Bearer" here and clients send none, so it is ignored.
      method: "POST",
      path: `${API_BASE_PATH}/business/findPayment`,
      route: "findPayment",
      handle(ctx) {
        const body = ctx.json()
        const merchant = merchants.byPublic(body.publicToken)
        return ok(findPaymentData(shapes, store.getForMerchant(body.ecommerceId, merchant)))
      },
    },
    {
      // The ticket is the one the bearer token was issued for; a body ecommerceId (2023 PDF) must agree.
      method: "POST",
      path: `${API_BASE_PATH}/authorization`,
      route: "authorization",
      async handle(ctx) {
        const ecommerceId = await tokens.verifyHeader(ctx.headers.authorization, nowMs())
        const body = ctx.optionalJson()
        if (body.ecommerceId !== undefined && body.ecommerceId !== ecommerceId) throw new ApiError("BTRA_0401")
        const ticket = store.get(ecommerceId)
        if (!ticket) throw new ApiError("BTRA_0031")
        return ok(findPaymentData(shapes, store.authorize(ticket)))
      },
    },
    {
      method: "PUT",
      path: `${API_BASE_PATH}/business/updatePhoneNumber`,
      route: "updatePhoneNumber",
      async handle(ctx) {
        const ecommerceId = await tokens.verifyHeader(ctx.headers.authorization, nowMs())
        const body = ctx.json()
        if (requiredString(body, "ecommerceId") !== ecommerceId) throw new ApiError("BTRA_0401")
        if (body.phoneNumber === undefined || body.phoneNumber === null) {
          throw new ApiError("BTRA_0019", "phoneNumber must not be null")
        }
        const phone = phoneDigits(body.phoneNumber)
        const ticket = store.get(ecommerceId)
        if (!ticket) throw new ApiError("BTRA_0031")
        store.updatePhone(ticket, phone)
        return ok("Update Phone Number")
      },
    },
    {
      method: "POST",
      path: `${API_BASE_PATH}/business/cancel`,
      route: "cancel",
      handle(ctx) {
        const body = ctx.json()
        const merchant = merchants.byPublic(body.publicToken)
        store.cancelByMerchant(store.getForMerchant(body.ecommerceId, merchant))
        return ok("Payment Cancelled.")
      },
    },
    {
      method: "POST",
      path: `${API_BASE_PATH}/refund`,
      route: "refund",
      handle(ctx) {
        const body = ctx.json()
        const merchant = merchants.byPair(body.publicToken, body.privateToken)
        const input = parseRefundRequest(body)
        const refund = store.refund(merchant, input.referenceNumber, input.amountCents, input.message, "api")
        return ok(refundResponseData(shapes, refund))
      },
    },
  ]
}
