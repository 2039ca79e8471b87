export { AthMovilClient, ATH_PRODUCTION_API_BASE_URL, ATH_PRODUCTION_REPORT_BASE_URL } from "./client"
export {
  AthMovilError,
  AuthenticationError,
  ValidationError,
  TransactionError,
  TimeoutError,
  OutcomeUnknownError,
  RateLimitError,
  NetworkError,
  ServerError,
  RequestAbortedError,
} from "./errors"
export { errorFromResponse } from "./error-codes"
export { toAmount, subtractAmounts, compareAmounts } from "./money"
export { ATH_LIMITS } from "./limits"
export { normalisePhoneNumber } from "./phone"
export { parseAthDate } from "./dates"
export { normaliseWebhook } from "./webhook"
export type {
  AthEcommerceStatus,
  AthOperation,
  AthRequestEvent,
  AthMovilClientOptions,
  RequestOptions,
  CreatePaymentInput,
  AthItemInput,
  AthItem,
  AthPayment,
  AthRefund,
  AthReportRow,
  AthSearchFilters,
  AthWebhookSubscriptionEvents,
  AthWebhookKind,
  AthWebhookEvent,
  ValidationIssue,
} from "./types"
