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
}
