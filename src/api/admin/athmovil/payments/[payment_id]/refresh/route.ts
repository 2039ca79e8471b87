import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import type { AthPayment } from "../../../../../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../../../modules/athmovil/service"
import type { PaymentResponse } from "../../../../../../modules/athmovil/admin-views"
import { listAthMovilAccounts, type AthMovilContext } from "../../../../../../providers/athmovil/container"
import { asSessionData, completedPaymentData } from "../../../../../../providers/athmovil/session-data"
import { recordTicket } from "../../../../../../workflows/ledger/record-ticket"
import { sendAthError, type AthErrorResponse } from "../../../../../ath-error"
import { buildPaymentView } from "../../payment-view"

type Locking = { execute<T>(key: string, job: () => Promise<T>, args?: { timeout?: number }): Promise<T> }

/**
 * findPayment has no customer details; the search service does. Best effort: it is a legacy
 * service, and a refresh must not fail because of it.
 */
async function fillCustomer(container: MedusaRequest["scope"], account: AthMovilContext, ticket: AthPayment): Promise<void> {
  const { client, options } = account
  if (!ticket.referenceNumber || !options.privateToken) return
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const [row] = await athmovil.listAthTransactions({ ecommerce_id: ticket.ecommerceId }, { take: 1 })
  if (!row || row.customer_name) return
  try {
    const [found] = await client.searchTransaction({ referenceNumber: ticket.referenceNumber })
    if (!found) return
    await athmovil.upsertTransaction({
      ecommerce_id: ticket.ecommerceId,
      customer_name: found.name ?? undefined,
      customer_phone: row.customer_phone ? undefined : found.phoneNumber ?? undefined,
      customer_email: row.customer_email ? undefined : found.email ?? undefined,
    })
  } catch {
    // Search is optional: the refresh already has what findPayment says.
  }
}

/**
 * Re-reads the payment at ATH Móvil and writes what ATH says into the ledger and the Medusa
 * payment's data (status, refunded total, fee, net). Serialised with the refund webhook handler
 * and reconciliation fixes on the same payment, so no refund record is written over.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse<PaymentResponse | AthErrorResponse>) {
  const paymentId = req.params.payment_id
  const paymentModule = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await paymentModule.retrievePayment(paymentId, { select: ["id", "provider_id", "data"] })
  // The payment's own account answers for it.
  const account = listAthMovilAccounts(req.scope).find((a) => a.providerId === payment.provider_id)
  if (!account) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `payment ${paymentId} is not an ATH Móvil payment (provider ${payment.provider_id})`)
  }
  const { client, providerId } = account
  const ecommerceId = asSessionData(payment.data).ecommerce_id
  if (!ecommerceId) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `payment ${paymentId} has no ATH Móvil ticket to refresh`)
  }

  let ticket: AthPayment
  try {
    ticket = await client.findPayment(ecommerceId)
  } catch (e) {
    sendAthError(res, "refresh the payment", e)
    return
  }

  const locking = req.scope.resolve<Locking>(Modules.LOCKING)
  await locking.execute(
    `athmovil:payment:${paymentId}`,
    async () => {
      await recordTicket(req.scope, ticket, { via: "poll", providerId, paymentId })
      // Re-read under the lock: only ATH's figures are replaced, the refund records are kept as they are.
      const fresh = await paymentModule.retrievePayment(paymentId, { select: ["id", "data"] })
      const data = asSessionData(fresh.data)
      const completed = ticket.status === "COMPLETED" ? completedPaymentData(ticket) : {}
      await paymentModule.updatePayment({
        id: paymentId,
        data: {
          ...data,
          ...completed,
          athm_status: ticket.status,
          refunded_total: ticket.totalRefundedAmount,
          last_checked_at: new Date().toISOString(),
        },
      } as never)
    },
    { timeout: 15 }
  )
  await fillCustomer(req.scope, account, ticket)
  res.json({ payment: await buildPaymentView(req.scope, paymentId) })
}
