import type { AthOperation, ValidationIssue } from "./types"

export interface AthMovilErrorInit {
  code?: string | null
  httpStatus?: number | null
  response?: unknown
  operation?: AthOperation | null
  retryable?: boolean
  cause?: unknown
}

export class AthMovilError extends Error {
  readonly code: string | null
  readonly httpStatus: number | null
  readonly response: unknown
  readonly operation: AthOperation | null
  readonly retryable: boolean
  // Declared here because the ES2021 lib has no Error.cause.
  readonly cause?: unknown

  constructor(message: string, init: AthMovilErrorInit = {}) {
    super(message)
    this.name = new.target.name
    this.code = init.code ?? null
    this.httpStatus = init.httpStatus ?? null
    this.response = init.response ?? null
    this.operation = init.operation ?? null
    this.retryable = init.retryable ?? false
    if (init.cause !== undefined) {
      this.cause = init.cause
    }
  }
}

export class AuthenticationError extends AthMovilError {}

export class ValidationError extends AthMovilError {
  readonly issues: ValidationIssue[]

  constructor(message: string, issues: ValidationIssue[], init: AthMovilErrorInit = {}) {
    super(message, init)
    this.issues = issues
  }
}

export class TransactionError extends AthMovilError {}

export class TimeoutError extends AthMovilError {}

export class OutcomeUnknownError extends TimeoutError {}

export class RateLimitError extends AthMovilError {}

export class NetworkError extends AthMovilError {}

export class ServerError extends AthMovilError {}

/**
 * The caller's AbortSignal fired. Named "AbortError" so code that already
 * recognises aborted fetches recognises this too. For a write that was already
 * on the wire, `outcomeUnknown` is true: ATH may have acted on it.
 */
export class RequestAbortedError extends AthMovilError {
  readonly outcomeUnknown: boolean

  constructor(message: string, outcomeUnknown: boolean, init: AthMovilErrorInit = {}) {
    super(message, init)
    this.name = "AbortError"
    this.outcomeUnknown = outcomeUnknown
  }
}

const CLIENT_VALIDATION = "CLIENT_VALIDATION"

export function issue(field: string, rule: string): ValidationIssue {
  return { field, rule, message: `${field} ${rule}` }
}

export function clientValidationError(
  context: string,
  issues: ValidationIssue[],
  operation: AthOperation | null = null
): ValidationError {
  const list = issues.map((i) => i.message).join("; ")
  return new ValidationError(`Invalid ${context}: ${list}`, issues, {
    code: CLIENT_VALIDATION,
    operation,
  })
}
