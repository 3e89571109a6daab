// Values PostgreSQL cannot store or would store as something else: NUL characters, unpaired UTF-16
// surrogates, and numbers that are not finite. Refused at the edge for every route, with the field named,
// instead of failing deep inside a query or turning into null in a jsonb column.
import type { FastifyInstance } from 'fastify'
import { HttpProblem } from './problem.ts'
import { unsafeStrings } from '#core/util/unsafe-strings.ts'
import { nonFiniteNumbers } from '#core/util/non-finite-numbers.ts'
export { isInstant } from '#core/util/is-instant.ts'

export function registerInputSafety(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    // Batches check each item on their own, so one bad item does not sink the others.
    const checksBody = !request.routeOptions.config?.checksItemsItself
    refuse([
      ...unsafeStrings(request.params, 'params'),
      ...unsafeStrings(request.query, 'querystring'),
      ...(checksBody ? unsafeStrings(request.body, 'body') : []),
      // Before validation, which would drop an unknown member holding 1e400 without a word.
      ...(checksBody ? nonFiniteNumbers(request.body, 'body') : []),
    ])
  })
  // Ajv coerces "Infinity" in a query to a number and lets it pass integer and maximum checks, so
  // parameters are checked again after validation.
  app.addHook('preHandler', async (request) => {
    refuse([...nonFiniteNumbers(request.params, 'params'), ...nonFiniteNumbers(request.query, 'querystring')])
  })
}

function refuse(problems: Array<{ path: string; message: string }>) {
  if (problems.length === 0) return
  throw new HttpProblem('VALIDATION_FAILED', `${problems[0]!.path} ${problems[0]!.message}`, {
    errors: problems,
  })
}
