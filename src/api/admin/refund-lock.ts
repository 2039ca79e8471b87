import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { paymentLockKey } from "../../providers/athmovil/payment-lock"

type Locking = { execute<T>(key: string, job: () => Promise<T>, args?: { timeout?: number }): Promise<T> }

/** Seconds an admin refund waits for another refund of the same payment to finish. */
const WAIT_SECONDS = 30

/**
 * Medusa's refund route reads `payment.data`, asks the provider, then writes the provider's answer
 * back. Two refunds of one payment at once (a double click, two admins, an ATH refund notice being
 * recorded) would each write over the other's record. Holding the payment's lock — the same key
 * the refund-notice handler and the reconciliation fix take — until the response is sent makes
 * the whole read-refund-write one step per payment, on every instance.
 */
export function serialisePaymentRefunds(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const locking = req.scope.resolve<Locking>(Modules.LOCKING)
  let entered = false
  const finished = new Promise<void>((resolve) => {
    res.once("finish", resolve)
    res.once("close", resolve)
  })
  locking
    .execute(
      paymentLockKey(req.params.id),
      async () => {
        entered = true
        next()
        await finished
      },
      { timeout: WAIT_SECONDS }
    )
    .catch((e: unknown) => {
      if (entered) return
      next(
        new MedusaError(
          MedusaError.Types.CONFLICT,
          `Another refund of payment ${req.params.id} is still being processed; try again in a moment. (${e instanceof Error ? e.message : String(e)})`
        )
      )
    })
}
