import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService, PaymentSessionDTO } from "@medusajs/framework/types"
import type { AthPayment } from "../../../lib/athmovil"
import { listAthMovilAccounts, resolveAthMovil, type AthMovilContext } from "../../../providers/athmovil/container"
import { buildError, shopperError } from "../../../providers/athmovil/errors"
import { asSessionData } from "../../../providers/athmovil/session-data"
import { shopperMessage, type ShopperLocale, type ShopperMessageId } from "../../../providers/athmovil/shopper-messages"
import { shopperStatus, type ShopperPaymentStatus } from "../../../providers/athmovil/status-map"
import { recordTicket } from "../../../workflows/ledger/record-ticket"

/** The fastest a storefront should poll: every tab shares one ATH read per session per second. */
const STATUS_MIN_INTERVAL_MS = 1000

export interface ShopperStatusView {
  id: string
  status: ShopperPaymentStatus
  athm_status: AthPayment["status"]
  expires_at: string | null
  seconds_left: number
  retry_after_ms: number
  reference_number: string | null
  /** The message's catalogue id (`status_pending`, …), stable for storefronts to branch on. */
  code: ShopperMessageId
  message: string
}

// Single flight per process: concurrent polls of one session share the same ATH read, and the
// answer is reused for a second. Across instances each adds at most one read per second.
const inflight = new Map<string, { at: number; promise: Promise<AthPayment> }>()

function readAth(account: AthMovilContext, ecommerceId: string): Promise<AthPayment> {
  const now = Date.now()
  // Ticket ids are per account: two accounts' tickets never share a cache entry.
  const key = `${account.providerId}:${ecommerceId}`
  const hit = inflight.get(key)
  if (hit && now - hit.at < STATUS_MIN_INTERVAL_MS) return hit.promise
  const promise = account.client.findPayment(ecommerceId)
  inflight.set(key, { at: now, promise })
  promise.catch(() => inflight.delete(key))
  if (inflight.size > 10_000) {
    for (const [key, value] of inflight) if (now - value.at >= STATUS_MIN_INTERVAL_MS) inflight.delete(key)
  }
  return promise
}

/**
 * The session behind a store route, only if it is an ATH Móvil session of the given cart (the
 * cart's payment collection holds it). Any other case — unknown session, another provider's,
 * another cart's, unknown cart — answers the same 404, so a guessed or leaked session id reveals
 * nothing and moves nothing. Every store session route goes through here.
 */
export async function retrieveCartAthSession(
  container: Parameters<typeof resolveAthMovil>[0],
  sessionId: string,
  cartId: string
): Promise<PaymentSessionDTO> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const query = container.resolve<{ graph(q: unknown): Promise<{ data: Array<{ payment_collection?: { id: string } | null }> }> }>(
    ContainerRegistrationKeys.QUERY
  )
  const accounts = new Set(listAthMovilAccounts(container).map((a) => a.providerId))
  const [[session], { data: carts }] = await Promise.all([
    paymentModule.listPaymentSessions(
      { id: sessionId },
      { select: ["id", "provider_id", "status", "data", "amount", "currency_code", "payment_collection_id", "metadata"] }
    ),
    query.graph({ entity: "cart", fields: ["id", "payment_collection.id"], filters: { id: cartId } }),
  ])
  const collectionId = carts[0]?.payment_collection?.id
  if (!session || !accounts.has(session.provider_id) || !collectionId || session.payment_collection_id !== collectionId) {
    throw shopperError(MedusaError.Types.NOT_FOUND, "session_not_found", { session_id: sessionId })
  }
  return session
}

export async function liveShopperStatus(
  container: Parameters<typeof resolveAthMovil>[0],
  session: PaymentSessionDTO,
  locale: ShopperLocale = "en"
): Promise<ShopperStatusView> {
  const data = asSessionData(session.data)
  if (!data.ecommerce_id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment session ${session.id} has no ATH Móvil payment.`, "payment_not_found")
  }
  const expiresAt = data.expires_at ? new Date(data.expires_at) : null
  // Once Medusa recorded the payment (from a live ATH read), the answer is settled: no ATH call,
  // and no cached "approved" outliving the order.
  if ((session.status === "authorized" || session.status === "captured") && data.reference_number) {
    return view(session.id, "completed", "COMPLETED", data.expires_at ?? null, 0, data.reference_number, locale)
  }
  let payment: AthPayment
  try {
    // The session's own account: its provider opened the ticket.
    payment = await readAth(resolveAthMovil(container, session.provider_id), data.ecommerce_id)
  } catch (e) {
    throw buildError("read the payment status", e)
  }
  // A state the session has not recorded yet (CONFIRM, CANCEL) goes into the ATH ledger now.
  if (payment.status !== (data.athm_status ?? "OPEN")) {
    await recordTicket(container, payment, {
      via: "poll",
      providerId: session.provider_id,
      sessionId: session.id,
      cartId: data.cart_id ?? null,
      expiresAt: data.expires_at ?? null,
    }).catch((e) =>
      container
        .resolve<{ warn(m: string): void }>(ContainerRegistrationKeys.LOGGER)
        .warn(`ATH Móvil ledger not updated for ticket ${payment.ecommerceId}: ${e instanceof Error ? e.message : String(e)}`)
    )
  }
  const status = shopperStatus(payment.status, expiresAt)
  const secondsLeft =
    expiresAt && (status === "pending" || status === "approved")
      ? Math.max(0, Math.ceil((expiresAt.getTime() - Date.now()) / 1000))
      : 0
  return view(session.id, status, payment.status, data.expires_at ?? null, secondsLeft, payment.referenceNumber, locale)
}

function view(
  id: string,
  status: ShopperPaymentStatus,
  athmStatus: AthPayment["status"],
  expiresAt: string | null,
  secondsLeft: number,
  referenceNumber: string | null,
  locale: ShopperLocale
): ShopperStatusView {
  const code: ShopperMessageId = `status_${status}`
  return {
    id,
    status,
    athm_status: athmStatus,
    expires_at: expiresAt,
    seconds_left: secondsLeft,
    retry_after_ms: STATUS_MIN_INTERVAL_MS,
    reference_number: referenceNumber,
    code,
    message: shopperMessage(code, locale),
  }
}
