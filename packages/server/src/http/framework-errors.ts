// Fastify's own 4xx errors, worded for clients: a stable code of ours and the part of the request at
// fault, instead of FST_ERR_* names and messages written for server developers.
import type { FastifyError, FastifyRequest } from 'fastify'
import type { ProblemFields } from './problem.ts'
import type { EdgeProblemCode } from './problem-codes.ts'

type Issue = { code: EdgeProblemCode; path: string; message: string }

const FRAMEWORK_PROBLEMS: Record<string, (request: FastifyRequest) => Issue> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (request) => ({
    code: 'BODY_TOO_LARGE',
    path: 'body',
    message: `is larger than the ${formatBytes(request.routeOptions.bodyLimit)} this operation accepts`,
  }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (request) => unsupportedMediaType(request),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => ({
    code: 'INVALID_CONTENT_LENGTH',
    path: 'headers/content-length',
    message: 'does not match the length of the body sent',
  }),
  FST_ERR_BAD_URL: () => ({
    code: 'INVALID_URL',
    path: 'url',
    message: 'contains a malformed percent-encoding',
  }),
  FST_ERR_MAX_PARAM_LENGTH: () => ({
    code: 'URI_TOO_LONG',
    path: 'params',
    message: 'has a path segment longer than the router accepts',
  }),
}

/** The problem for one of Fastify's client errors, or undefined when the error is not one of them. */
export function frameworkProblem(error: FastifyError, request: FastifyRequest): ProblemFields | undefined {
  const describe = error.code ? FRAMEWORK_PROBLEMS[error.code] : undefined
  if (!describe || !error.statusCode || error.statusCode >= 500) return undefined
  const { code, path, message } = describe(request)
  return { status: error.statusCode, code, detail: `${path} ${message}.`, errors: [{ path, message }] }
}

/** 415, naming what the operation takes: JSON everywhere, YAML or plain text where a route says so. */
export function unsupportedMediaType(request: FastifyRequest): Issue {
  const sent = request.headers['content-type'] ?? ''
  const accepted = consumedMediaTypes(request)
  return {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    path: 'headers/content-type',
    message: `${JSON.stringify(sent)} is not accepted here; send ${accepted.join(' or ')}`,
  }
}

/** What a route declares it takes (OpenAPI `consumes`); JSON when it declares nothing. */
export function consumedMediaTypes(request: FastifyRequest): readonly string[] {
  const consumes = (request.routeOptions.schema as { consumes?: readonly string[] } | undefined)?.consumes
  return consumes && consumes.length > 0 ? consumes : ['application/json']
}

function formatBytes(bytes: number | undefined): string {
  if (!bytes) return 'size'
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${Math.round(bytes / 1024)} KiB`
}
