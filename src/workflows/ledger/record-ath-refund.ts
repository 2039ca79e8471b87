import type { BigNumberInput } from "@medusajs/framework/types"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { RECORDED_AT_ATH_METADATA } from "../../providers/athmovil/refund-origin"
import type { AthMovilContainer as Container } from "../../providers/athmovil/container"


/** The note on a Medusa refund that records money ATH Móvil refunded outside Medusa. */
const REFUNDED_IN_ATH_NOTE = "Refunded in ATH Business"

/**
 * Records as a Medusa refund money ATH already refunded (ATH Business app, found by the refund
 * notice or by reconciliation). The metadata tells the provider to record it without a new ATH
 * refund; it does so only if ATH's refunded total really exceeds Medusa's refunds by the amount.
 * The caller holds the payment's lock (`paymentLockKey`).
 */
export async function recordRefundMadeAtAth(container: Container, paymentId: string, amount: BigNumberInput): Promise<void> {
  await refundPaymentWorkflow(container as never).run({
    // Medusa passes the workflow input through to the refund row, metadata included.
    input: { payment_id: paymentId, amount, note: REFUNDED_IN_ATH_NOTE, metadata: RECORDED_AT_ATH_METADATA } as never,
  })
}
