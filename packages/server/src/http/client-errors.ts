// Errors raised before any route runs, by Node's HTTP parser (431, 408, 400) or Fastify's router (400),
// answered as problem+json like every other 4xx instead of Fastify's bare application/json.
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { problemBody, sendProblem, type ProblemFields } from './problem.ts'
import { frameworkProblem } from './framework-errors.ts'
import type { EdgeProblemCode } from './problem-codes.ts'

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
}

// `headersDone`: Node had the whole head and handed the request on, so what was missing is the body.
function connectionProblem(code: string, headersDone: boolean): ProblemFields {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      // Node counts the request line too, so a very long query string ends up here as well.
      return issue('HEADERS_TOO_LARGE', 'headers', 'and the URL together exceed 16 KiB; shorten them')
    case 'ERR_HTTP_REQUEST_TIMEOUT': {
      const part = headersDone ? 'body' : 'headers'
      return issue('REQUEST_TIMEOUT', part, 'did not arrive completely in time; send the request again')
    }
    default:
      return issue('MALFORMED_REQUEST', 'request', `is not well-formed HTTP (${code})`)
  }
}

function issue(code: EdgeProblemCode, path: string, message: string): ProblemFields {
  return { code, detail: `${path} ${message}.`, errors: [{ path, message }] }
}

/** Fastify's clientErrorHandler: the socket has no request object yet, so the answer is written raw. */
export function answerClientError(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  // The response Node made for a request whose head it had parsed (internal, but what Node itself checks).
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage
  const problem = connectionProblem(error.code ?? 'UNKNOWN', Boolean(inFlight))
  this.log.debug({ err: error }, 'client error')
  // Only when no response of this connection has begun, or the answer would corrupt the stream.
  if (socket.writable && !inFlight?.headersSent) {
    const body = problemBody(problem)
    const text = JSON.stringify(body)
    socket.write(
      `HTTP/1.1 ${body.status} ${REASONS[body.status]}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    )
  }
  socket.destroy(error)
}

/** Fastify's frameworkErrors: bad percent-encoding and over-long path segments, found while routing. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = frameworkProblem(error, request)
  if (known) return sendProblem(reply, known)
  request.log.error({ err: error }, 'routing failed')
  return sendProblem(reply, { code: 'INTERNAL', detail: 'Something went wrong on our side.' })
}
