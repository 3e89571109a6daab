import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createPGlite, wrapPGlite } from './database.ts'
import { isDatabaseUnreachable, watchDatabase } from './database-availability.ts'

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code })

describe('isDatabaseUnreachable', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['connection refused', withCode('ECONNREFUSED'), true],
    ['connection reset', withCode('ECONNRESET'), true],
    [
      'pg_terminate_backend (admin shutdown)',
      withCode('57P01', 'terminating connection due to administrator command'),
      true,
    ],
    ['server starting up', withCode('57P03'), true],
    ['connection exception class 08', withCode('08006'), true],
    ['too many connections', withCode('53300'), true],
    ['idle-in-transaction timeout', withCode('25P03'), true],
    ['pg client: connection terminated', new Error('Connection terminated unexpectedly'), true],
    ['pg pool: connect timeout', new Error('timeout exceeded when trying to connect'), true],
    [
      'pg client: not queryable',
      new Error('Client has encountered a connection error and is not queryable'),
      true,
    ],
    ['PGlite closed', new Error('PGlite is closed'), true],
    ['wrapped in a cause', new Error('ingest failed', { cause: withCode('ECONNRESET') }), true],
    ['one of several addresses', new AggregateError([withCode('ECONNREFUSED')]), true],
    ['unique violation', withCode('23505', 'duplicate key value'), false],
    ['syntax error', withCode('42601', 'syntax error'), false],
    [
      'a message that mentions a connection but has an SQLSTATE',
      withCode('22023', 'connection terminated'),
      false,
    ],
    ['a plain bug', new TypeError('x is undefined'), false],
    ['not an error', 'ECONNREFUSED', false],
    ['null', null, false],
  ]
  for (const [name, error, expected] of cases) {
    it(`${expected ? 'is' : 'is not'} unreachable: ${name}`, () =>
      assert.equal(isDatabaseUnreachable(error), expected))
  }
})

describe('watchDatabase', () => {
  it('goes down on a connection error, ignores query errors, and comes back up once a probe answers', async () => {
    const database = await wrapPGlite(await createPGlite())
    const availability = watchDatabase(database.db)
    try {
      assert.equal(availability.reportFailure(withCode('23505')), false)
      assert.equal(availability.isUp(), true)
      assert.equal(availability.reportFailure(withCode('ECONNRESET')), true)
      assert.equal(availability.isUp(), false)
      await availability.whenUp()
      assert.equal(availability.isUp(), true)
    } finally {
      availability.stop()
      await database.close()
    }
  })
})
