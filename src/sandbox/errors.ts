/**
 * Error codes the sandbox can answer with. Messages are ATH Móvil's own
 * (S1 "Error Messages"); HTTP statuses follow the B2C sibling API (S4) where
 * it gives one, and the choices marked "sandbox" otherwise, since the Payment
 * Button docs give none. Clients must key on `errorcode`, not on the status.
 */
const CATALOGUE = {
  "token.invalid.header": { status: 401, message: "No authorization header present." },
  "token.expired": { status: 401, message: "The Token has expired." },
  BTRA_0001: { status: 400, message: "The transfer amount is under Minimum allowed" }, // sandbox
  BTRA_0004: { status: 409, message: "Amount is Over the limits" },
  BTRA_0006: { status: 400, message: "Invalid format" },
  BTRA_0013: { status: 400, message: "Amount is Zero" }, // sandbox
  BTRA_0017: { status: 401, message: "Invalid authorization token" }, // sandbox: unknown publicToken / token pair
  BTRA_0018: { status: 400, message: "must not be blank" },
  BTRA_0019: { status: 400, message: "must not be null" },
  BTRA_0020: { status: 400, message: "numeric value out of bounds (<4 digits>.<2 digits> expected)" },
  BTRA_0023: { status: 400, message: "Error with the From date" }, // sandbox
  BTRA_0024: { status: 400, message: "Error with the To date" }, // sandbox
  BTRA_0025: { status: 400, message: "The From date must be before the To date" }, // sandbox
  BTRA_0026: { status: 400, message: "The difference between dates must be lower than 31 days" }, // sandbox
  BTRA_0028: { status: 400, message: "is less than 0.01" }, // sandbox
  BTRA_0030: { status: 409, message: "The refund failed with a status error" }, // sandbox: over-refund
  BTRA_0031: { status: 404, message: "EcommerceId does not exist" }, // sandbox
  BTRA_0032: { status: 409, message: "The status of the e-commerce is not confirm" }, // sandbox
  BTRA_0035: { status: 409, message: "The e-commerce transaction has not the expected status" },
  BTRA_0036: { status: 409, message: "The e-commerce you are trying to confirm is already assigned to another customer" }, // sandbox
  BTRA_0037: { status: 409, message: "Cannot confirm a transaction with status Canceled or Failed" }, // sandbox
  BTRA_0038: { status: 400, message: "The metadata field exceeds the maximum supported characters (40)" },
  BTRA_0039: { status: 409, message: "Valid time to execute the transaction has expired" },
  BTRA_0040: { status: 400, message: "The message can not exceed 50 characters" }, // sandbox
  BTRA_0043: { status: 403, message: "The business ins't owner of payment" }, // sandbox
  BTRA_0046: { status: 404, message: "There are no transactions for the indicated date range" }, // sandbox
  BTRA_0047: { status: 400, message: "Date from cannot be future" }, // sandbox
  BTRA_0048: { status: 400, message: "Date to cannot be future" }, // sandbox
  BTRA_0053: { status: 404, message: "ReferenceNumber not found" }, // sandbox
  BTRA_0401: { status: 401, message: "Invalid authorization token" },
  BTRA_0403: { status: 401, message: "Invalid authorization token" },
  BTRA_9998: { status: 503, message: "Communication Error" }, // sandbox: injected non-500 faults
  BTRA_9999: { status: 500, message: "Internal Error" },
} as const

export type ApiErrorCode = keyof typeof CATALOGUE

export const API_ERROR_STATUS: Readonly<Record<ApiErrorCode, number>> = Object.fromEntries(
  Object.entries(CATALOGUE).map(([code, e]) => [code, e.status]),
) as Record<ApiErrorCode, number>

/** An ATH Móvil API error: becomes the `{status:"error",…}` envelope. */
export class ApiError extends Error {
  readonly httpStatus: number

  constructor(
    readonly code: ApiErrorCode,
    message: string = CATALOGUE[code].message,
    httpStatus: number = CATALOGUE[code].status,
  ) {
    super(message)
    this.name = "ApiError"
    this.httpStatus = httpStatus
  }
}

/** Misuse of the sandbox's own controls (approving a ticket that is not OPEN, …). */
export class SandboxError extends Error {
  constructor(
    message: string,
    /** The ATH Móvil code the real system would most likely use, when one fits. */
    readonly code?: string,
  ) {
    super(message)
    this.name = "SandboxError"
  }
}

export function errorEnvelope(errorcode: string, message: string) {
  return { status: "error", message, errorcode, data: null }
}

export function successEnvelope(data: unknown) {
  return { status: "success", data }
}
