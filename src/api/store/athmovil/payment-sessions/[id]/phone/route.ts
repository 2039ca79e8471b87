import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService, PaymentSessionDTO } from "@medusajs/framework/types"
import { normalisePhoneNumber } from "../../../../../../lib/athmovil"
import { buildError } from "../../../../../../providers/athmovil/errors"
import { asSessionData } from "../../../../../../providers/athmovil/session-data"
import { liveShopperStatus, retrieveCartAthSession } from "../../../live-status"
import { sendShopperMessage, speakTo } from "../../../shopper-answers"
import type { ChangePhoneBodyType } from "../../../validators"

/** Each change sends a push to a phone through the merchant's ATH account: a session gets this many. */
export const PHONE_CHANGES_PER_SESSION = 3
/** Where the count lives: session metadata is written only by the server (the storefront sets `data`). */
const COUNT_KEY = "athmovil_phone_changes"

class PhoneChangeLimitReached extends Error {}

function changesSoFar(session: PaymentSessionDTO): number {
  const n = (session.metadata as Record<string, unknown> | null | undefined)?.[COUNT_KEY]
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : 0
}

/**
 * Sends the ATH Móvil push to another phone number while the payment waits for approval
 * (`{ phone_number, cart_id }`). At most PHONE_CHANGES_PER_SESSION successful changes per session,
 * counted in the session row and serialised per session, so several instances share one count.
 */
export const POST = async (req: MedusaRequest<ChangePhoneBodyType>, res: MedusaResponse) => {
  const { phone_number, cart_id } = req.validatedBody
  const session = await retrieveCartAthSession(req.scope, req.params.id, cart_id)
  try {
    // A typo is refused before it can use up one of the changes.
    normalisePhoneNumber(phone_number, "phone_number")
  } catch (e) {
    throw buildError("use that phone number", e)
  }
  const paymentModule = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const locking = req.scope.resolve<{
    execute<T>(keys: string, job: () => Promise<T>, args?: { timeout?: number; expire?: number }): Promise<T>
  }>(Modules.LOCKING)

  let updated: PaymentSessionDTO
  try {
    updated = await locking.execute(
      `athmovil:session:${session.id}`,
      async () => {
        const [fresh] = await paymentModule.listPaymentSessions(
          { id: session.id },
          { select: ["id", "data", "amount", "currency_code", "metadata"] }
        )
        const used = changesSoFar(fresh)
        if (used >= PHONE_CHANGES_PER_SESSION) throw new PhoneChangeLimitReached()
        // Counted only once ATH took the change: a refused or failed change throws and writes nothing.
        return paymentModule.updatePaymentSession({
          id: fresh.id,
          data: { ...fresh.data, phone_number },
          amount: fresh.amount,
          currency_code: fresh.currency_code,
          metadata: { ...(fresh.metadata ?? {}), [COUNT_KEY]: used + 1 },
        })
      },
      { timeout: 20, expire: 60 }
    )
  } catch (e) {
    if (e instanceof PhoneChangeLimitReached) {
      sendShopperMessage(req, res, 429, "phone_change_limit", { max: PHONE_CHANGES_PER_SESSION })
      return
    }
    if (!(e instanceof MedusaError) && e instanceof Error && /timed? ?out|lock/i.test(e.message)) {
      sendShopperMessage(req, res, 409, "phone_change_in_progress")
      return
    }
    throw e
  }
  const view = await liveShopperStatus(req.scope, updated, speakTo(req, res))
  res.json({ payment_session: { ...view, phone_last4: asSessionData(updated.data).phone_last4 ?? null } })
}
