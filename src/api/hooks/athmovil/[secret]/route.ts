import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { ValidationError, normaliseWebhook } from "../../../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../../../modules/athmovil"
import type AthMovilModuleService from "../../../../modules/athmovil/service"
import { accountByWebhookSecret, listAthMovilAccounts, type AthMovilContext } from "../../../../providers/athmovil/container"
import { ATHMOVIL_WEBHOOK_STORED } from "../../../../workflows/process-webhook-event/events"
import { negativeAmountIssues } from "../amount-issues"
import { PROBE_NONCE, probeProof } from "../probe"
import { BodyTooLargeError, WEBHOOK_BODY_LIMIT_BYTES, readRawBody } from "../read-body"

export const AUTHENTICATE = false

/** The account whose listener URL this is, for a POST from ATH and a probe alike; null when answered already. */
function admitListenerRequest(req: MedusaRequest, res: MedusaResponse): AthMovilContext | null {
  // Medusa's production access log prints req.originalUrl once the response is sent: not the secret.
  req.originalUrl = req.originalUrl.replace(/\/hooks\/athmovil\/[^/?#]*/, "/hooks/athmovil/[redacted]")
  if (!listAthMovilAccounts(req.scope).some((a) => a.options.webhookSecret)) {
    res.status(404).json({ message: "The ATH Móvil webhook listener is off: set the webhookSecret provider option." })
    return null
  }
  // Each account has its own listener URL: the secret names the account every event is kept under.
  const account = accountByWebhookSecret(req.scope, String(req.params.secret ?? ""))
  if (!account) {
    res.status(401).json({ message: "Unknown webhook listener URL." })
    return null
  }
  return account
}

/**
 * The go-live check's probe (`?probe=<nonce>`): answers a proof made from the account's secret and
 * the nonce, so the check knows publicBaseUrl reaches this store. Stores nothing; ATH only ever POSTs.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const account = admitListenerRequest(req, res)
  if (!account) return
  const nonce = String(req.query.probe ?? "")
  if (!PROBE_NONCE.test(nonce)) {
    res.status(400).json({ message: "probe must be 32 hexadecimal characters." })
    return
  }
  res.json({ probe: probeProof(account.options.webhookSecret!, nonce) })
}

/**
 * ATH Móvil webhook listener. ATH signs nothing, so: the URL carries a secret, the payload is
 * normalised and stored once under its idempotency key, ATH gets its 200 at once, and the event
 * is only applied later, after ATH itself has been asked (see process-webhook-event).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const account = admitListenerRequest(req, res)
  if (!account) return
  const providerId = account.providerId

  let raw: Buffer
  try {
    raw = await readRawBody(req)
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      res.status(413).json({ message: `Webhook body larger than ${WEBHOOK_BODY_LIMIT_BYTES / 1024} KB.` })
      return
    }
    throw e
  }
  let body: unknown
  try {
    body = JSON.parse(raw.toString("utf8"))
  } catch {
    res.status(400).json({ message: "Webhook body must be JSON." })
    return
  }

  const athmovil = req.scope.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const rawBody = raw.toString("utf8")
  const remoteIp = req.ip ?? null
  // Every delivery is stored, a refused one too (as rejected, no key, never processed).
  const refuse = async (message: string, issues: Array<{ field: string; message: string }>) => {
    await athmovil.recordWebhookEvent({
      provider_id: providerId,
      idempotency_key: null,
      kind: "unknown",
      status: null,
      ecommerce_id: null,
      reference_number: null,
      amount: null,
      payload: null,
      raw_body: rawBody,
      remote_ip: remoteIp,
      outcome: "rejected",
      error: message,
    })
    res.status(400).json({ message, issues })
  }

  let event
  try {
    event = normaliseWebhook(body)
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e
    await refuse(e.message, e.issues)
    return
  }
  const negative = negativeAmountIssues(event)
  if (negative.length > 0) {
    await refuse(`ATH Móvil webhook payload: ${negative.map((i) => i.message).join("; ")}`, negative)
    return
  }

  let recorded
  try {
    recorded = await athmovil.recordWebhookEvent({
      provider_id: providerId,
      // Scoped to the account: the same body on another account's URL (a replay, a leaked URL) is
      // another event, so it can never count as, or hold back, this account's genuine delivery.
      idempotency_key: `${providerId}:${event.idempotencyKey}`,
      kind: event.kind,
      status: event.status,
      ecommerce_id: event.ecommerceId,
      reference_number: event.referenceNumber,
      amount: event.total,
      payload: event as unknown as Record<string, unknown>,
      raw_body: rawBody,
      remote_ip: remoteIp,
    })
  } catch (e) {
    // The module's own checks (an amount it cannot store): a bad body, not a server fault.
    if (!(e instanceof MedusaError) || e.type !== MedusaError.Types.INVALID_DATA) throw e
    await refuse(`ATH Móvil webhook payload: ${e.message.replace(/^amount\b/, "total")}`, [{ field: "total", message: e.message }])
    return
  }
  const { id, duplicate } = recorded
  if (!duplicate) {
    await req.scope
      .resolve<IEventBusModuleService>(Modules.EVENT_BUS)
      // internal: no info line per delivery in the log (the event row is the record).
      .emit({ name: ATHMOVIL_WEBHOOK_STORED, data: { id } }, { internal: true })
  }
  // A repeat answers with its original's id: ATH's repeats are counted on it (delivery_count).
  res.status(200).json({ received: true, duplicate, id })
}
