import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { AbortedTransactionError, sql, type Kysely } from 'kysely'
import { createTestDatabase, createTestWorkspace, type TestDatabase } from '../testing/test-database.ts'
import { ConnectionMutex } from './pglite-dialect.ts'
import type { Database } from './tables.ts'

describe('ConnectionMutex', () => {
  it('hands the lock to waiters in arrival order', async () => {
    const mutex = new ConnectionMutex()
    const order: number[] = []
    await mutex.lock()
    const waiting = [1, 2, 3].map(async (n) => {
      await mutex.lock()
      order.push(n)
      mutex.unlock()
    })
    await sleep(5)
    assert.deepEqual(order, [])
    mutex.unlock()
    await Promise.all(waiting)
    assert.deepEqual(order, [1, 2, 3])
  })
})

// PGlite has a single session: these check that one transaction owns it until it ends.
// A broken lock shows up as a hang, so the suite has a deadline.
describe('PGlite dialect', { timeout: 10_000 }, () => {
  let database: TestDatabase
  let db: Kysely<Database>
  let workspaceId: string
  before(async () => {
    database = await createTestDatabase('pglite')
    db = database.db
    workspaceId = (await createTestWorkspace(db)).id
  })
  after(() => database.close())

  const countUsers = async (executor: Kysely<Database>, prefix: string) =>
    (
      await sql<{ n: number }>`select count(*) as n from users where email like ${`${prefix}%`}`.execute(
        executor,
      )
    ).rows[0]!.n

  const addUser = (executor: Kysely<Database>, email: string) =>
    executor
      .insertInto('users')
      .values({ workspace_id: workspaceId, email, name: email, role: 'sales', password_hash: 'x' })
      .execute()

  it('runs concurrent transactions one after the other, never interleaved', async () => {
    const steps: string[] = []
    const transfer = (name: string) =>
      db.transaction().execute(async (trx) => {
        steps.push(`${name} begin`)
        await addUser(trx, `${name}-1@example.com`)
        await sleep(20)
        await addUser(trx, `${name}-2@example.com`)
        steps.push(`${name} commit`)
      })
    // The plain query is issued while "a" is half done: it must see none or both of a's rows.
    const seenByPlainQuery = sleep(5).then(() => countUsers(db, 'a-'))
    await Promise.all([transfer('a'), transfer('b'), seenByPlainQuery])
    assert.deepEqual(steps, ['a begin', 'a commit', 'b begin', 'b commit'])
    assert.ok([0, 2].includes(await seenByPlainQuery))
    assert.equal(await countUsers(db, 'a-'), 2)
  })

  it('releases the connection after a rollback, leaving nothing behind', async () => {
    let waiting: Promise<number> | undefined
    const failing = db.transaction().execute(async (trx) => {
      await addUser(trx, 'rolled-back@example.com')
      // Asked mid-transaction on db, not trx: it must wait for the rollback, then see nothing.
      waiting = countUsers(db, 'rolled-back')
      await sleep(10)
      throw new Error('changed my mind')
    })
    await assert.rejects(failing, /changed my mind/)
    assert.equal(await waiting, 0)
  })

  it('reports a transaction that a failed statement aborted, and recovers', async () => {
    const aborted = db.transaction().execute(async (trx) => {
      await addUser(trx, 'dup@example.com')
      await addUser(trx, 'dup@example.com').catch(() => undefined)
    })
    await assert.rejects(aborted, AbortedTransactionError)
    assert.equal(await countUsers(db, 'dup@'), 0)
  })

  it('rolls back to a savepoint inside a transaction', async () => {
    const trx = await db.startTransaction().execute()
    await addUser(trx, 'kept@example.com')
    const savepoint = await trx.savepoint('before_second').execute()
    await addUser(savepoint, 'undone@example.com')
    await savepoint.rollbackToSavepoint('before_second').execute()
    await trx.commit().execute()
    assert.deepEqual([await countUsers(db, 'kept@'), await countUsers(db, 'undone@')], [1, 0])
  })

  it('serves many parallel queries without deadlock', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => sql<{ i: number }>`select ${i}::int as i`.execute(db)),
    )
    assert.deepEqual(
      results.map((result) => result.rows[0]!.i),
      Array.from({ length: 50 }, (_, i) => i),
    )
  })
})
