import {
  AthMovilError,
  AuthenticationError,
  NetworkError,
  RateLimitError,
  ServerError,
  TransactionError,
  ValidationError,
  errorFromResponse,
} from ".."

const envelope = (errorcode: string, message = "text") => ({ status: "error", message, errorcode, data: null })

describe("errorFromResponse", () => {
  it.each([
    ["token.invalid.header", AuthenticationError],
    ["token.expired", AuthenticationError],
    ["BTRA_0017", AuthenticationError],
    ["BTRA_0401", AuthenticationError],
    ["BTRA_0402", AuthenticationError],
    ["BTRA_0403", AuthenticationError],
    ["BTRA_0001", ValidationError],
    ["BTRA_0004", ValidationError],
    ["BTRA_0006", ValidationError],
    ["BTRA_0013", ValidationError],
    ["BTRA_0038", ValidationError],
    ["BTRA_0040", ValidationError],
    ["PCUS_0007", ValidationError],
    ["BTRA_0007", TransactionError],
    ["BTRA_0030", TransactionError],
    ["BTRA_0031", TransactionError],
    ["BTRA_0032", TransactionError],
    ["BTRA_0035", TransactionError],
    ["BTRA_0037", TransactionError],
    ["BTRA_0039", TransactionError],
    ["BTRA_0053", TransactionError],
    ["BTRA_9998", NetworkError],
    ["BTRA_9999", ServerError],
  ])("%s → %p whatever the HTTP status", (code, cls) => {
    for (const status of [200, 400, 409, 500, null]) {
      const error = errorFromResponse(status, envelope(code), "findPayment")
      expect(error).toBeInstanceOf(cls)
      expect(error.code).toBe(code)
    }
  })

  it.each<[number | null, Function]>([
    [401, AuthenticationError],
    [400, ValidationError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [404, AthMovilError],
    [409, AthMovilError],
    [null, AthMovilError],
  ])("unknown codes fall back on HTTP %p", (status, cls) => {
    const error = errorFromResponse(status, envelope("XYZ_1234"), null)
    expect(error.constructor).toBe(cls)
    expect(error.code).toBe("XYZ_1234")
  })

  it("names the operation, the code and ATH's text", () => {
    const error = errorFromResponse(400, envelope("BTRA_0040", "The message can not exceed 50 characters"), "refundPayment")
    expect(error.message).toBe("ATH Móvil refused the refund (BTRA_0040): The message can not exceed 50 characters")
    expect((error as ValidationError).issues).toEqual([
      { field: "message", rule: "BTRA_0040", message: "The message can not exceed 50 characters" },
    ])
    const amount = errorFromResponse(400, envelope("BTRA_0001"), "refundPayment") as ValidationError
    expect(amount.issues[0].field).toBe("amount")
    const total = errorFromResponse(400, envelope("BTRA_0001"), "createPayment") as ValidationError
    expect(total.issues[0].field).toBe("total")
  })

  it("marks transient failures retryable for reads only", () => {
    expect(errorFromResponse(500, envelope("BTRA_9999"), "findPayment").retryable).toBe(true)
    expect(errorFromResponse(500, envelope("BTRA_9999"), "refundPayment").retryable).toBe(false)
    expect(errorFromResponse(429, {}, "refundPayment").retryable).toBe(true)
    expect(errorFromResponse(409, envelope("BTRA_0032"), "findPayment").retryable).toBe(false)
  })

  it("copes with bodies that are not envelopes and strips token-like fields", () => {
    const error = errorFromResponse(502, "<html>", "findPayment")
    expect(error).toBeInstanceOf(ServerError)
    expect(error.message).toBe("ATH Móvil failed to process the payment lookup (HTTP 502): no error message")
    const stripped = errorFromResponse(
      401,
      { status: "error", errorcode: "BTRA_0401", message: "x", publicToken: "p", data: { auth_token: "t", Authorization: "a", keep: 1 } },
      "authorizePayment"
    )
    expect(stripped.response).toEqual({ status: "error", errorcode: "BTRA_0401", message: "x", data: { keep: 1 } })
  })
})
