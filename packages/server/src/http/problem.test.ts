// The problem handler's one rule that no route shows by itself: a domain error's details extend the
// problem but never replace the members RFC 9457 defines.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import Fastify from 'fastify'
import { DomainError } from '#core/errors.ts'
import { registerProblemHandlers } from './problem.ts'

test('a detail named status, title or type does not override the problem’s own', async () => {
  const app = Fastify()
  registerProblemHandlers(app)
  app.get('/finished', async () => {
    throw new DomainError('BACKTEST_FINISHED', 'The backtest has finished.', {
      status: 'completed',
      title: 'forged',
      type: 'forged',
      runStatus: 'completed',
    })
  })
  const response = await app.inject({ method: 'GET', url: '/finished' })
  assert.equal(response.statusCode, 409)
  assert.match(response.headers['content-type'] ?? '', /application\/problem\+json/)
  assert.deepEqual(response.json(), {
    type: '/problems/backtest-finished',
    title: 'Conflict',
    code: 'BACKTEST_FINISHED',
    detail: 'The backtest has finished.',
    runStatus: 'completed',
    status: 409,
  })
  await app.close()
})
