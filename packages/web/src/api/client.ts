// The one typed client of the Takt API. Paths, parameters and bodies are checked against the types
// generated from the server's OpenAPI document (openapi.d.ts), so the app cannot drift from the routes.
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './openapi'

/** An RFC 9457 problem the API answered with; `errors` name the fields. */
export class ApiProblem extends Error {
  readonly status: number
  readonly code: string
  readonly errors: Array<{ path: string; message: string; line?: number; column?: number }>
  readonly body: Record<string, unknown>

  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.detail === 'string' ? body.detail : `HTTP ${status}`)
    this.status = status
    this.code = typeof body.code === 'string' ? body.code : 'UNKNOWN'
    this.errors = Array.isArray(body.errors) ? (body.errors as ApiProblem['errors']) : []
    this.body = body
  }
}

let csrfToken: string | undefined

/** Cookie-authenticated writes carry the session's CSRF token (double submit). */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') {
      request.headers.set('x-csrf-token', csrfToken)
    }
    return request
  },
}

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' })
api.use(csrf)

/** The data of a response, or the problem thrown: for react-query, which expects failures as errors. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok) throw new ApiProblem(response.status, (error ?? {}) as Record<string, unknown>)
  return data as T
}
