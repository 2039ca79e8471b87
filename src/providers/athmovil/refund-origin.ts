/**
 * Marks a Medusa refund as the record of money ATH Móvil already refunded (a refund made in the
 * ATH Business app, found by the refund notice or by reconciliation). Only those paths set it,
 * through `refundPaymentWorkflow`'s metadata; Medusa's admin refund route cannot, so an admin's
 * new refund is always paid at ATH and never merely recorded.
 */
export const RECORDED_AT_ATH_METADATA = { athmovil_recorded_at_ath: true } as const

export function isRecordedAtAth(metadata: Record<string, unknown> | null | undefined): boolean {
  return metadata?.athmovil_recorded_at_ath === true
}
