// RFC 9457 problem details: one mapping from domain codes to statuses, one error handler for the whole API.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { isDomainError, type DomainErrorCode } from '#core/errors.ts'
import { frameworkProblem } from './framework-errors.ts'
import { RETRY_AFTER_SECONDS } from '../db/database-availability.ts'
import { STATUS_BY_EDGE_CODE, type EdgeProblemCode, type ProblemCode } from './problem-codes.ts'

const STATUS_BY_CODE = {
  LEAD_NOT_FOUND: 404,
  LEAD_ERASED: 410,
  ILLEGAL_TRANSITION: 409,
  REASON_REQUIRED: 422,
  UNKNOWN_REASON: 422,
  CHECKLIST_INCOMPLETE: 422,
  DEAL_DETAILS_REQUIRED: 422,
  UNKNOWN_DEAL_STAGE: 422,
  AGREEMENT_INVALID: 422,
  AGREEMENT_NOT_FOUND: 404,
  NO_ACTIVE_AGREEMENT: 409,
  CONTENT_NOT_FOUND: 404,
  INVALID_CURSOR: 400,
  USER_NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  ACTIVITY_NOT_FOUND: 404,
  INVALID_TASK_OWNER: 422,
  USER_EXISTS: 409,
  LAST_ADMIN: 409,
  INVALID_AVAILABILITY: 422,
  WRONG_PASSWORD: 403,
  DECISION_NOT_FOUND: 404,
  DECISION_NOT_YOURS: 403,
  DECISION_NOT_LATEST: 409,
  DECISION_ALREADY_UNDONE: 409,
  UNDO_WINDOW_PASSED: 409,
  AGREEMENT_FROZEN: 409,
  AGREEMENT_STEP_NOT_ALLOWED: 409,
  APPROVAL_MISSING: 409,
  APPROVAL_NOT_ALLOWED: 403,
  APPROVAL_SIDE_REQUIRED: 422,
  ALREADY_APPROVED: 409,
  COMMENT_REQUIRED: 422,
  WITHDRAW_NOT_ALLOWED: 403,
  BACKTEST_PERIOD_INVALID: 422,
  BACKTEST_PERIOD_TOO_LONG: 422,
  // the run was stopped on request: nothing is wrong with it, and it has no result
  BACKTEST_CANCELLED: 409,
  BACKTEST_NOT_FOUND: 404,
  // its changed leads exist once it completed
  BACKTEST_NOT_COMPLETED: 409,
  // a completed, failed or cancelled run cannot be cancelled
  BACKTEST_FINISHED: 409,
  SHADOW_NOT_FOUND: 404,
  // one running shadow per version
  SHADOW_RUNNING: 409,
  // a finished or stopped shadow cannot be stopped
  SHADOW_FINISHED: 409,
  REPORT_NOT_FOUND: 404,
  // names the parameter (`parameter`): a grouping, period, version or owner the report cannot use
  REPORT_QUERY_INVALID: 422,
  // names the parameter (`parameter`)
  LEAD_FILTER_INVALID: 422,
  // names the column (`column`)
  PREDICTION_INPUT_INVALID: 422,
  MODEL_NOT_FOUND: 404,
} as const satisfies Record<DomainErrorCode, number>

export type ProblemIssue = { path: string; message: string; line?: number; column?: number }

export type ProblemFields = {
  code: ProblemCode
  /** the code's own status unless given (only Fastify's unmapped client errors carry theirs) */
  status?: number
  title?: string
  detail?: string
  errors?: ProblemIssue[]
}

export function statusOf(code: ProblemCode): number {
  return code in STATUS_BY_EDGE_CODE
    ? STATUS_BY_EDGE_CODE[code as EdgeProblemCode]
    : STATUS_BY_CODE[code as DomainErrorCode]
}

/** Errors raised at the edge (auth, parsing, routes) that are not domain rules; the code decides the status. */
export class HttpProblem extends Error {
  readonly status: number
  readonly code: EdgeProblemCode
  readonly extensions: Record<string, unknown>

  constructor(code: EdgeProblemCode, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail)
    this.status = STATUS_BY_EDGE_CODE[code]
    this.code = code
    this.extensions = extensions
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** The body of a problem; also written raw to sockets that fail before Fastify has a reply (client-errors.ts). */
export function problemBody(problem: ProblemFields & Record<string, unknown>) {
  const status = problem.status ?? statusOf(problem.code)
  return {
    type: `/problems/${problem.code.toLowerCase().replaceAll('_', '-')}`,
    title: problem.title ?? TITLES[status] ?? 'Error',
    ...problem,
    status,
  }
}

export function sendProblem(reply: FastifyReply, problem: ProblemFields & Record<string, unknown>) {
  const body = problemBody(problem)
  return reply.code(body.status).type('application/problem+json').send(body)
}

/** 503 while the database is unreachable: a passing outage, not a bug, so the client is told when to retry. */
export function sendDatabaseUnavailable(reply: FastifyReply) {
  reply.header('retry-after', String(RETRY_AFTER_SECONDS))
  return sendProblem(reply, {
    code: 'DATABASE_UNAVAILABLE',
    detail: `The database cannot be reached right now. Retry in ${RETRY_AFTER_SECONDS} s; repeating a batch with the same event ids is safe.`,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  })
}

// Answers any operation can give, added to every route's declared responses so the OpenAPI document
// is complete without each route repeating them.
const COMMON_PROBLEM_STATUSES = [400, 401, 403, 404, 413, 415, 429, 503] as const

function problemResponse(schema: unknown) {
  return { content: { 'application/problem+json': { schema } }, description: 'Problem details (RFC 9457)' }
}

export function registerProblemResponses(app: FastifyInstance, problemSchema: unknown) {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1') || !route.schema || route.schema.hide) return
    const declared = (route.schema.response ?? {}) as Record<string, unknown>
    const response: Record<string, unknown> = {}
    for (const [status, schema] of Object.entries(declared)) {
      response[status] = Number(status) >= 400 ? problemResponse(problemSchema) : schema
    }
    for (const status of COMMON_PROBLEM_STATUSES) response[status] ??= problemResponse(problemSchema)
    response[500] ??= problemResponse(problemSchema)
    route.schema.response = response
  })
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      code: 'NOT_FOUND',
      detail: `No route ${request.method} ${request.url}`,
    }),
  )
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      // Details extend the problem; the members RFC 9457 defines stay the code's (a detail named
      // `status`, say a run's, must not become the HTTP status).
      const { type: _type, title: _title, status: _status, ...details } = error.details ?? {}
      return sendProblem(reply, { ...details, code: error.code, detail: error.message })
    }
    if (error instanceof HttpProblem) {
      return sendProblem(reply, {
        code: error.code,
        detail: error.message,
        ...error.extensions,
      })
    }
    if (error.validation) {
      const errors = error.validation.map((issue) => ({
        path: `${error.validationContext ?? 'body'}${issue.instancePath || ''}${missingProperty(issue.params)}`,
        message: issue.message ?? 'is invalid',
      }))
      const first = errors[0]
      return sendProblem(reply, {
        code: 'VALIDATION_FAILED',
        detail: first ? `${first.path} ${first.message}` : 'The request is invalid.',
        errors,
      })
    }
    if (request.server.databaseAvailability?.reportFailure(error)) return sendDatabaseUnavailable(reply)
    const status = error.statusCode ?? 500
    if (status >= 500) {
      // Never leak internals: log the cause, answer plainly.
      request.log.error({ err: error }, 'request failed')
      return sendProblem(reply, {
        code: 'INTERNAL',
        detail: 'Something went wrong on our side.',
      })
    }
    const framework = frameworkProblem(error, request)
    if (framework) return sendProblem(reply, framework)
    // A client error Fastify raised that framework-errors.ts does not word: its status, our generic code.
    return sendProblem(reply, { status, code: 'BAD_REQUEST', detail: error.message })
  })
}

function missingProperty(params: unknown): string {
  const record = params as { missingProperty?: string; additionalProperty?: string } | undefined
  const name = record?.missingProperty ?? record?.additionalProperty
  return name ? `/${name}` : ''
}
