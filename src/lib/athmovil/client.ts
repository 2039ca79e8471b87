import { randomUUID } from "node:crypto"
import { toAthLocalDateTime } from "./dates"
import { NetworkError, TransactionError } from "./errors"
import { AthTransport, type HttpCall } from "./http"
import {
  isNoRecordsError,
  parseReportResponse,
  parseSearchResponse,
  splitReportWindows,
  firstSightings,
} from "./report"
import { isSuccessEnvelope, parseEnvelopeData, type ParseResult } from "./schemas/envelope"
import { athPaymentSchema, createPaymentResponseSchema } from "./schemas/payment"
import { athRefundSchema } from "./schemas/refund"
import type {
  AthMovilClientOptions,
  AthPayment,
  AthRefund,
  AthReportRow,
  AthSearchFilters,
  AthWebhookSubscriptionEvents,
  CreatePaymentInput,
  RequestOptions,
} from "./types"
import {
  requireIdentifier,
  requirePrivateToken,
  validateClientOptions,
  validateCreatePayment,
  validateDateRange,
  validateRefund,
  validateSearchFilters,
  validateSubscription,
  validateUpdatePhoneNumber,
} from "./validation"

export const ATH_PRODUCTION_API_BASE_URL = "https://payments.athmovil.com/api/business-transaction/ecommerce"
export const ATH_PRODUCTION_REPORT_BASE_URL = "https://www.athmovil.com"

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "")
}

/** For calls whose success `data` carries nothing we need ("Payment Cancelled.", …). */
function anySuccess(body: unknown): ParseResult<void> {
  return isSuccessEnvelope(body) ? { ok: true, value: undefined } : { ok: false, detail: "not a success envelope" }
}

/** The subscription answer is undocumented: keep whatever message ATH gives. */
function subscriptionMessage(body: unknown): ParseResult<string | null> {
  if (!isSuccessEnvelope(body)) return { ok: false, detail: "not a success envelope" }
  const data = body.data
  if (typeof data === "string") return { ok: true, value: data }
  const nested =
    data !== null && typeof data === "object" ? (data as Record<string, unknown>).message : undefined
  const message = nested ?? (body as Record<string, unknown>).message
  return { ok: true, value: typeof message === "string" ? message : null }
}

export class AthMovilClient {
  private readonly publicToken: string
  private readonly privateToken: string | undefined
  private readonly apiBaseUrl: string
  private readonly reportBaseUrl: string
  private readonly transport: AthTransport

  constructor(options: AthMovilClientOptions) {
    validateClientOptions(options ?? {})
    this.publicToken = options.publicToken
    this.privateToken = options.privateToken
    this.apiBaseUrl = trimSlash(options.apiBaseUrl ?? ATH_PRODUCTION_API_BASE_URL)
    this.reportBaseUrl = trimSlash(options.reportBaseUrl ?? ATH_PRODUCTION_REPORT_BASE_URL)
    this.transport = new AthTransport({
      requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
      maxReadRetries: options.maxReadRetries ?? 3,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
      onRequest: options.onRequest,
      secrets: [options.publicToken, options.privateToken].filter((t): t is string => typeof t === "string"),
    })
  }

  private send<T>(call: HttpCall<T>, o: RequestOptions | undefined): Promise<T> {
    return this.transport.execute(call, o?.signal)
  }

  /** Opens a payment ticket (OPEN). The returned authToken is a secret: store it server-side only. */
  async createPayment(input: CreatePaymentInput, o?: RequestOptions): Promise<{ ecommerceId: string; authToken: string }> {
    const fields = validateCreatePayment(input)
    return this.send(
      {
        operation: "createPayment",
        method: "POST",
        url: `${this.apiBaseUrl}/payment`,
        body: { env: "production", publicToken: this.publicToken, ...fields },
        parse: (body) => parseEnvelopeData(createPaymentResponseSchema, body),
      },
      o
    )
  }

  async findPayment(ecommerceId: string, o?: RequestOptions): Promise<AthPayment> {
    const id = requireIdentifier("findPayment", "ecommerceId", ecommerceId)
    return this.send(
      {
        operation: "findPayment",
        method: "POST",
        url: `${this.apiBaseUrl}/business/findPayment`,
        body: { ecommerceId: id, publicToken: this.publicToken },
        parse: (body) => parseEnvelopeData(athPaymentSchema, body),
      },
      o
    )
  }

  /**
   * ATH's clock: the `Date` header of a findPayment for a ticket id that cannot exist (ATH answers
   * "EcommerceId does not exist" and nothing changes), with this machine's time when it arrived.
   * Throws what findPayment throws otherwise (a refused public token, ATH unreachable).
   */
  async readServerClock(o?: RequestOptions): Promise<{ athTime: Date; localTime: Date }> {
    const seen: { clock?: { athTime: Date; localTime: Date } } = {}
    const call: HttpCall<AthPayment> = {
      operation: "findPayment",
      method: "POST",
      url: `${this.apiBaseUrl}/business/findPayment`,
      body: { ecommerceId: randomUUID(), publicToken: this.publicToken },
      parse: (body) => parseEnvelopeData(athPaymentSchema, body),
      onHeaders: (headers) => {
        const date = Date.parse(String(headers.date ?? ""))
        if (!Number.isNaN(date)) seen.clock = { athTime: new Date(date), localTime: new Date() }
      },
    }
    try {
      await this.send(call, o)
    } catch (e) {
      if (!(e instanceof TransactionError)) throw e
    }
    if (!seen.clock) {
      throw new NetworkError("ATH Móvil's answer to findPayment carried no readable Date header", {
        code: "UNEXPECTED_RESPONSE",
        operation: "findPayment",
      })
    }
    return seen.clock
  }

  /** Debits the customer of a CONFIRM ticket. Never retried: on OutcomeUnknownError, check findPayment. */
  async authorizePayment(authToken: string, o?: RequestOptions): Promise<AthPayment> {
    const token = requireIdentifier("authorizePayment", "authToken", authToken)
    return this.send(
      {
        operation: "authorizePayment",
        method: "POST",
        url: `${this.apiBaseUrl}/authorization`,
        body: {},
        bearer: token,
        parse: (body) => parseEnvelopeData(athPaymentSchema, body),
      },
      o
    )
  }

  async updatePhoneNumber(
    input: { ecommerceId: string; phoneNumber: string; authToken: string },
    o?: RequestOptions
  ): Promise<void> {
    const { ecommerceId, phoneNumber, authToken } = validateUpdatePhoneNumber(input)
    await this.send(
      {
        operation: "updatePhoneNumber",
        method: "PUT",
        url: `${this.apiBaseUrl}/business/updatePhoneNumber`,
        body: { ecommerceId, phoneNumber },
        bearer: authToken,
        parse: anySuccess,
      },
      o
    )
  }

  async cancelPayment(ecommerceId: string, o?: RequestOptions): Promise<void> {
    const id = requireIdentifier("cancelPayment", "ecommerceId", ecommerceId)
    await this.send(
      {
        operation: "cancelPayment",
        method: "POST",
        url: `${this.apiBaseUrl}/business/cancel`,
        body: { ecommerceId: id, publicToken: this.publicToken },
        parse: anySuccess,
      },
      o
    )
  }

  /** Partial or full refund of a COMPLETED payment. Never retried: on OutcomeUnknownError, check totalRefundedAmount. */
  async refundPayment(
    input: { referenceNumber: string; amount: string | number; message?: string },
    o?: RequestOptions
  ): Promise<AthRefund> {
    const { referenceNumber, amount, message } = validateRefund(input)
    const privateToken = requirePrivateToken("refundPayment", this.privateToken)
    return this.send(
      {
        operation: "refundPayment",
        method: "POST",
        url: `${this.apiBaseUrl}/refund`,
        body: {
          publicToken: this.publicToken,
          privateToken,
          referenceNumber,
          amount,
          ...(message !== undefined ? { message } : {}),
        },
        parse: (body) => parseEnvelopeData(athRefundSchema, body),
      },
      o
    )
  }

  async subscribeWebhooks(
    input: { listenerUrl: string; events?: Partial<AthWebhookSubscriptionEvents> },
    o?: RequestOptions
  ): Promise<{ events: AthWebhookSubscriptionEvents; message: string | null }> {
    const { listenerUrl, events } = validateSubscription(input)
    const privateToken = requirePrivateToken("subscribeWebhooks", this.privateToken)
    const message = await this.send(
      {
        operation: "subscribeWebhooks",
        method: "POST",
        url: `${this.reportBaseUrl}/transactions/webhook/post`,
        body: {
          publicToken: this.publicToken,
          privateToken,
          listenerURL: listenerUrl,
          paymentReceivedEvent: events.paymentReceived,
          refundSentEvent: events.refundSent,
          donationReceivedEvent: events.donationReceived,
          ecommercePaymentReceivedEvent: events.ecommercePaymentReceived,
          ecommercePaymentCancelledEvent: events.ecommercePaymentCancelled,
          ecommercePaymentExpiredEvent: events.ecommercePaymentExpired,
        },
        parse: subscriptionMessage,
      },
      o
    )
    return { events, message }
  }

  async transactionReport(input: { from: Date | string; to: Date | string }, o?: RequestOptions): Promise<AthReportRow[]> {
    const { fromMs, toMs } = validateDateRange("transactionReport", input)
    const privateToken = requirePrivateToken("transactionReport", this.privateToken)
    return this.report(fromMs, toMs, privateToken, o)
  }

  /** A long range as consecutive windows; a window ATH reports as empty (BTRA_0022/0046) adds nothing. */
  async transactionReportRange(
    input: { from: Date; to: Date; maxDaysPerWindow?: number; onWindow?: (done: number, total: number) => void },
    o?: RequestOptions
  ): Promise<AthReportRow[]> {
    const rows: AthReportRow[] = []
    for await (const window of this.transactionReportWindows(input, o)) {
      rows.push(...window.rows)
      input.onWindow?.(window.done, window.total)
    }
    return rows
  }

  /**
   * The report of a range one window at a time (windows of at most `maxDaysPerWindow` days, ATH's
   * limit by default), each window's rows without those an earlier window already listed: a caller
   * can digest a window and let it go, so a long or busy range never sits in memory whole.
   */
  async *transactionReportWindows(
    input: { from: Date; to: Date; maxDaysPerWindow?: number },
    o?: RequestOptions
  ): AsyncGenerator<{ rows: AthReportRow[]; done: number; total: number }> {
    const { fromMs, toMs, maxDays } = validateDateRange("transactionReport", input)
    const privateToken = requirePrivateToken("transactionReport", this.privateToken)
    const windows = splitReportWindows(fromMs, toMs, maxDays)
    const isNew = firstSightings()
    for (const [index, window] of windows.entries()) {
      let rows: AthReportRow[] = []
      try {
        rows = await this.report(window.fromMs, window.toMs, privateToken, o)
      } catch (error) {
        if (!isNoRecordsError(error)) throw error
      }
      yield { rows: rows.filter(isNew), done: index + 1, total: windows.length }
    }
  }

  private report(fromMs: number, toMs: number, privateToken: string, o: RequestOptions | undefined): Promise<AthReportRow[]> {
    return this.send(
      {
        operation: "transactionReport",
        // ATH documents a GET with a JSON body here.
        method: "GET",
        url: `${this.reportBaseUrl}/transactions/v4/transactionReport`,
        body: {
          publicToken: this.publicToken,
          privateToken,
          fromDate: toAthLocalDateTime(fromMs),
          toDate: toAthLocalDateTime(toMs),
        },
        parse: parseReportResponse,
      },
      o
    )
  }

  async searchTransaction(filters: AthSearchFilters, o?: RequestOptions): Promise<AthReportRow[]> {
    const athFilters = validateSearchFilters(filters)
    const privateToken = requirePrivateToken("searchTransaction", this.privateToken)
    return this.send(
      {
        operation: "searchTransaction",
        method: "POST",
        url: `${this.reportBaseUrl}/api/v4/searchTransaction`,
        body: { publicToken: this.publicToken, privateToken, ...athFilters },
        parse: parseSearchResponse,
      },
      o
    )
  }
}
