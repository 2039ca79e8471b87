import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATH_FAILURE_REASONS, isAthFailureReason } from "../../../lib/athmovil/failure-actor"
import { resolveShopperLocale } from "../../../providers/athmovil/shopper-locale"
import {
  isShopperMessageId,
  placeholdersOf,
  SHOPPER_MESSAGES,
  shopperMessage,
  valuesIn,
  type MessageValues,
  type ShopperLocale,
  type ShopperMessageId,
} from "../../../providers/athmovil/shopper-messages"
import { httpAnswerOf } from "../../ath-error"

/** The shopper's language for this request: `?locale=` / `x-medusa-locale` (Medusa's `req.locale`), a body's `locale`, then `Accept-Language`. */
function shopperLocaleOf(req: MedusaRequest): ShopperLocale {
  const body = req.body as { locale?: unknown } | undefined
  const explicit = (req as { locale?: string }).locale ?? (body && typeof body === "object" ? body.locale : undefined)
  return resolveShopperLocale(explicit, req.get("accept-language"))
}

/** Marks an answer as worded for the shopper's language, so caches keep one copy per language. */
export function speakTo(req: MedusaRequest, res: MedusaResponse): ShopperLocale {
  const locale = shopperLocaleOf(req)
  res.setHeader("Content-Language", locale)
  res.vary("Accept-Language")
  res.vary("x-medusa-locale")
  return locale
}

export interface ShopperAnswer {
  code: ShopperMessageId
  message: string
  /** Set for ATH failures: their one HTTP mapping (`httpAnswerOf`). */
  status?: number
  retryAfterSeconds?: number
}

/**
 * What a shopper is told for an error answer's `code`: an ATH failure's reason (the provider's
 * `buildError`) becomes the text for whoever can act — the shopper's own problem, "not available
 * at this store" for the merchant's, "try again" for an outage — and a catalogue id is said in the
 * shopper's language. Null for anything else (Medusa's own answers pass unchanged).
 */
export function shopperAnswer(code: unknown, message: unknown, locale: ShopperLocale): ShopperAnswer | null {
  if (isAthFailureReason(code)) {
    const actor = ATH_FAILURE_REASONS[code]
    const id: ShopperMessageId = actor === "merchant" ? "unavailable_at_store" : actor === "nobody_now" ? "try_again_shortly" : (code as ShopperMessageId)
    return { code: id, message: shopperMessage(id, locale), ...httpAnswerOf(code) }
  }
  if (!isShopperMessageId(code)) return null
  let values: MessageValues = {}
  if (placeholdersOf(SHOPPER_MESSAGES.en[code]).length) {
    const read = typeof message === "string" ? valuesIn(code, message) : null
    if (!read) return null
    values = read
  }
  return { code, message: shopperMessage(code, locale, values) }
}

/**
 * Store middleware: every error answer of the routes it guards (the plugin's store routes and
 * Medusa's own session and cart-completion routes, whose errors Medusa's error handler writes)
 * reaches the shopper in their language, with the status of the one ATH failure mapping.
 */
export function answerShoppersInTheirLanguage(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const json = res.json.bind(res)
  res.json = (body: unknown) => {
    const record = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : null
    const answer = record && res.statusCode >= 400 ? shopperAnswer(record.code, record.message, shopperLocaleOf(req)) : null
    if (!answer || !record) return json(body)
    speakTo(req, res)
    if (answer.status) res.status(answer.status)
    if (answer.retryAfterSeconds) res.setHeader("Retry-After", String(answer.retryAfterSeconds))
    const type = answer.retryAfterSeconds ? "ath_unavailable" : record.type
    return json({ ...record, type, code: answer.code, message: answer.message })
  }
  next()
}

/** A plugin route's own answer to the shopper, from the catalogue. */
export function sendShopperMessage(
  req: MedusaRequest,
  res: MedusaResponse,
  status: number,
  id: ShopperMessageId,
  values: MessageValues = {}
): void {
  const locale = speakTo(req, res)
  res.status(status).json({ type: "not_allowed", code: id, message: shopperMessage(id, locale, values) })
}
