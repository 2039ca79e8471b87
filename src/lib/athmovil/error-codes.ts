import {
  AthMovilError,
  AuthenticationError,
  NetworkError,
  RateLimitError,
  ServerError,
  TransactionError,
  ValidationError,
  type AthMovilErrorInit,
} from "./errors"
import { RECONCILE_HINT, isReadOperation, operationLabel } from "./operations"
import { redactText, sanitiseBody } from "./redact"
import type { AthOperation } from "./types"

type ErrorKind = "authentication" | "validation" | "transaction" | "network" | "server"

function kinds(kind: ErrorKind, codes: string[]): Array<[string, ErrorKind]> {
  return codes.map((code) => [code, kind])
}

/**
 * API.md §2. Codes the Python client leaves to the HTTP fallback are classed
 * here by their documented meaning, because the Payment Button API does not
 * document HTTP statuses and often answers errors with whatever status it likes.
 */
const CODE_KINDS = new Map<string, ErrorKind>([
  ...kinds("authentication", [
    "token.invalid.header",
    "token.expired",
    "BTRA_0017",
    "BTRA_0401",
    "BTRA_0402",
    "BTRA_0403",
    // Legacy v2–v4 token codes.
    "3010",
    "3020",
    "3030",
    "3040",
    "3050",
    "3060",
    "3070",
  ]),
  ...kinds("validation", [
    "BTRA_0001",
    "BTRA_0003",
    "BTRA_0004",
    "BTRA_0006",
    "BTRA_0009",
    "BTRA_0010",
    "BTRA_0011",
    "BTRA_0012",
    "BTRA_0013",
    "BTRA_0018",
    "BTRA_0019",
    "BTRA_0020",
    "BTRA_0021",
    "BTRA_0023",
    "BTRA_0024",
    "BTRA_0025",
    "BTRA_0026",
    "BTRA_0028",
    "BTRA_0029",
    "BTRA_0038",
    "BTRA_0040",
    "BTRA_0042",
    "BTRA_0047",
    "BTRA_0048",
    "BTRA_0050",
    "BTRA_0051",
    "BTRA_0052",
    // Seen in production code for a phone the customer can correct.
    "PCUS_0007",
    "4010",
    "7020",
    "7030",
  ]),
  ...kinds("transaction", [
    "BTRA_0002",
    "BTRA_0005",
    "BTRA_0007",
    "BTRA_0008",
    "BTRA_0014",
    "BTRA_0022",
    "BTRA_0027",
    "BTRA_0030",
    "BTRA_0031",
    "BTRA_0032",
    "BTRA_0034",
    "BTRA_0035",
    "BTRA_0036",
    "BTRA_0037",
    "BTRA_0039",
    "BTRA_0041",
    "BTRA_0043",
    "BTRA_0044",
    "BTRA_0045",
    "BTRA_0046",
    "BTRA_0049",
    "BTRA_0053",
    "5010",
    "5020",
    "7010",
    "7040",
  ]),
  ...kinds("network", ["BTRA_0015", "BTRA_0016", "BTRA_9998"]),
  ...kinds("server", ["BTRA_0033", "BTRA_9999"]),
])

const AMOUNT_CODES = new Set(["BTRA_0001", "BTRA_0004", "BTRA_0013", "BTRA_0020"])

const FIELD_BY_CODE: Record<string, string> = {
  BTRA_0006: "body",
  BTRA_0023: "from",
  BTRA_0024: "to",
  BTRA_0025: "from",
  BTRA_0026: "to",
  BTRA_0028: "amount",
  BTRA_0038: "metadata",
  BTRA_0040: "message",
  BTRA_0047: "from",
  BTRA_0048: "to",
  PCUS_0007: "phoneNumber",
  "4010": "referenceNumber",
  "7020": "amount",
  "7030": "amount",
}

function fieldFor(code: string | null, operation: AthOperation | null): string {
  if (code === null) {
    return "request"
  }
  if (AMOUNT_CODES.has(code)) {
    return operation === "refundPayment" ? "amount" : "total"
  }
  return FIELD_BY_CODE[code] ?? "request"
}

function kindFromHttpStatus(httpStatus: number | null): ErrorKind | "rateLimit" | null {
  if (httpStatus === 401) return "authentication"
  if (httpStatus === 400) return "validation"
  if (httpStatus === 429) return "rateLimit"
  if (httpStatus !== null && httpStatus >= 500) return "server"
  return null
}

function readErrorFields(body: unknown): { code: string | null; text: string | null } {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { code: null, text: null }
  }
  const record = body as Record<string, unknown>
  const rawCode = record.errorcode ?? record.errorCode ?? record.code
  const rawText = record.message ?? record.description
  return {
    code: typeof rawCode === "string" || typeof rawCode === "number" ? String(rawCode).trim() || null : null,
    text: typeof rawText === "string" ? rawText.trim() || null : null,
  }
}

/** Maps an ATH error body (and the HTTP status it came with) to the error hierarchy. */
export function errorFromResponse(
  httpStatus: number | null,
  body: unknown,
  operation: AthOperation | null
): AthMovilError {
  return buildResponseError(httpStatus, body, operation, [])
}

export function buildResponseError(
  httpStatus: number | null,
  body: unknown,
  operation: AthOperation | null,
  secrets: readonly string[]
): AthMovilError {
  const { code, text } = readErrorFields(body)
  const kind = (code !== null ? CODE_KINDS.get(code) : undefined) ?? kindFromHttpStatus(httpStatus)
  const read = isReadOperation(operation)
  const transient = kind === "network" || kind === "server" || kind === "rateLimit"
  // A write that failed inside ATH may still have been applied; only a 429
  // proves it was turned away before doing anything.
  const retryable = kind === "rateLimit" || (transient && read)

  const label = operationLabel(operation)
  const reference = code ?? (httpStatus !== null ? `HTTP ${httpStatus}` : "no error code")
  const verb = kind === "server" || kind === "network" ? "failed to process" : "refused"
  let message = `ATH Móvil ${verb} ${label} (${reference}): ${text ?? "no error message"}`
  if (transient && kind !== "rateLimit" && !read) {
    message += ` (${RECONCILE_HINT})`
  }
  message = redactText(message, secrets)

  const init: AthMovilErrorInit = {
    code,
    httpStatus,
    response: sanitiseBody(body, secrets),
    operation,
    retryable,
  }
  switch (kind) {
    case "authentication":
      return new AuthenticationError(message, init)
    case "validation":
      return new ValidationError(
        message,
        [
          {
            field: fieldFor(code, operation),
            rule: reference,
            message: redactText(text ?? "rejected by ATH Móvil", secrets),
          },
        ],
        init
      )
    case "transaction":
      return new TransactionError(message, init)
    case "network":
      return new NetworkError(message, init)
    case "server":
      return new ServerError(message, init)
    case "rateLimit":
      return new RateLimitError(message, init)
    default:
      return new AthMovilError(message, init)
  }
}
