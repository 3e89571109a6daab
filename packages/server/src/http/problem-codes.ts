// Every problem code the HTTP edge answers with (auth, parsing, routes), with its status. A new code
// joins this table, so clients can rely on a closed list and no route invents a status of its own;
// the domain's codes have their own table in problem.ts.
import type { DomainErrorCode } from '#core/errors.ts'

export const STATUS_BY_EDGE_CODE = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_UTF8: 400,
  FORBIDDEN_PROPERTY: 400,
  INVALID_CONTENT_LENGTH: 400,
  INVALID_URL: 400,
  MALFORMED_REQUEST: 400,
  OWNER_REQUIRED: 400,
  NOTHING_TO_CHANGE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  DELIVERY_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONTENT_ID_TAKEN: 409,
  DELIVERY_ERASED: 409,
  DELIVERY_NOT_REPLAYABLE: 409,
  JOB_NOT_RETRYABLE: 409,
  JOB_NOT_CANCELLABLE: 409,
  BODY_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNKNOWN_REP: 422,
  INVALID_WEBHOOK_URL: 422,
  TOO_MANY_REQUESTS: 429,
  TOO_MANY_SIGN_IN_ATTEMPTS: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
  MIGRATIONS_PENDING: 503,
} as const satisfies Record<string, number>

export type EdgeProblemCode = keyof typeof STATUS_BY_EDGE_CODE

/** Every code a problem+json answer can carry. */
export type ProblemCode = EdgeProblemCode | DomainErrorCode
