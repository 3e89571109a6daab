// Text PostgreSQL cannot store: NUL characters and unpaired UTF-16 surrogates. Refused at the edge for
// every route, with the field named, instead of failing deep inside a query.
import type { FastifyInstance } from 'fastify'
import { HttpProblem } from './problem.ts'
import { unsafeStrings } from '#core/util/unsafe-strings.ts'
export { isInstant } from '#core/util/is-instant.ts'

export function registerInputSafety(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const problems = [
      ...unsafeStrings(request.params, 'params'),
      ...unsafeStrings(request.query, 'querystring'),
      // Batches check each item on their own, so one bad item does not sink the others.
      ...(request.routeOptions.config?.checksItemsItself ? [] : unsafeStrings(request.body, 'body')),
    ]
    if (problems.length > 0) {
      throw new HttpProblem(400, 'VALIDATION_FAILED', `${problems[0]!.path} ${problems[0]!.message}`, {
        errors: problems,
      })
    }
  })
  // Ajv coerces "Infinity" in a query to a number and lets it pass integer and maximum checks; no
  // parameter of this API means infinity, so non-finite numbers are refused after validation.
  app.addHook('preHandler', async (request) => {
    const problems = [
      ...nonFiniteNumbers(request.params, 'params'),
      ...nonFiniteNumbers(request.query, 'querystring'),
    ]
    if (problems.length > 0) {
      throw new HttpProblem(400, 'VALIDATION_FAILED', `${problems[0]!.path} ${problems[0]!.message}`, {
        errors: problems,
      })
    }
  })
}

function nonFiniteNumbers(values: unknown, at: string): Array<{ path: string; message: string }> {
  if (typeof values !== 'object' || values === null) return []
  return Object.entries(values).flatMap(([key, value]) =>
    [value].flat().some((item) => typeof item === 'number' && !Number.isFinite(item))
      ? [{ path: `${at}/${key}`, message: 'must be a finite number' }]
      : [],
  )
}
