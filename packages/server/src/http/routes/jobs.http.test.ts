// The Jobs view's API: a failed job shows its error and attempts, an admin retries or cancels it, and
// another workspace's jobs stay out of sight.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'
import { createJobQueue, enqueue, type JobQueue } from '../../jobs/queue/job-queue.ts'

const SILENT = { warn: () => {}, error: () => {} }

for (const dialect of TEST_DIALECTS) {
  describe(`the Jobs API (${dialect})`, () => {
    let app: TestApp
    let queue: JobQueue
    let admin: TestSession
    let receiverUp = false

    const jobs = async (query = '') => {
      const response = await app.request('GET', `/api/v1/admin/jobs${query}`, { session: admin })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body.items as Array<Record<string, unknown>>
    }
    const until = async (id: string, state: string) => {
      for (let tries = 0; tries < 200; tries++) {
        const found = await app.request('GET', `/api/v1/admin/jobs/${id}`, { session: admin })
        if (found.body.state === state) return found.body
        await sleep(100)
      }
      assert.fail(`job ${id} never became ${state}`)
    }

    before(async () => {
      app = await startTestApp(dialect)
      admin = await app.login(app.workspace.users.admin.email)
      queue = createJobQueue({
        db: app.db,
        databaseUrl: app.databaseUrl,
        queues: [{ name: 'test-deliver', retryLimit: 1, retryDelay: 0 }],
        log: SILENT,
        pollingIntervalSeconds: 0.5,
      })
      await queue.start()
      await queue.work<{ workspaceId: string }>('test-deliver', async () => {
        if (!receiverUp) throw new Error('the receiver answered 503')
      })
    })
    after(async () => {
      await queue.stop()
      await app.close()
    })

    test('a failed job shows its error and attempts, and is retried on request', async () => {
      const id = await enqueue(app.db, 'test-deliver', { workspaceId: app.workspace.id })
      assert.ok(id)
      const failed = await until(id, 'failed')
      assert.equal(failed.error, 'the receiver answered 503')
      assert.equal(failed.retryCount, 1, 'the queue retried it once by itself')
      assert.ok((await jobs('?state=failed')).some((job) => job.id === id))

      receiverUp = true
      const retried = await app.request('POST', `/api/v1/admin/jobs/${id}/retry`, { session: admin })
      assert.equal(retried.status, 200, JSON.stringify(retried.body))
      assert.equal(retried.body.state, 'retry')
      const completed = await until(id, 'completed')
      assert.equal(completed.retryCount, 2)
      assert.equal(completed.error, null)
      assert.equal(completed.progress, 1)

      const again = await app.request('POST', `/api/v1/admin/jobs/${id}/retry`, { session: admin })
      assert.equal(again.status, 409)
      assert.equal(again.body.code, 'JOB_NOT_RETRYABLE')
      assert.match(again.headers.get('content-type') ?? '', /application\/problem\+json/)
    })

    test('a waiting job is cancelled, once', async () => {
      const later = new Date(Date.now() + 3_600_000)
      const id = await enqueue(
        app.db,
        'test-deliver',
        { workspaceId: app.workspace.id },
        { startAfter: later },
      )
      assert.ok(id)
      const cancelled = await app.request('POST', `/api/v1/admin/jobs/${id}/cancel`, { session: admin })
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body))
      assert.equal(cancelled.body.state, 'cancelled')
      const twice = await app.request('POST', `/api/v1/admin/jobs/${id}/cancel`, { session: admin })
      assert.equal(twice.status, 409)
      assert.equal(twice.body.code, 'JOB_NOT_CANCELLABLE')
    })

    test("another workspace's jobs are invisible; system jobs are shown", async () => {
      const other = await app.addWorkspace('jobs-other')
      const later = new Date(Date.now() + 3_600_000)
      const theirs = await enqueue(app.db, 'test-deliver', { workspaceId: other.id }, { startAfter: later })
      const system = await enqueue(app.db, 'test-deliver', {}, { startAfter: later })
      const ids = (await jobs()).map((job) => job.id)
      assert.ok(system && ids.includes(system))
      assert.ok(theirs && !ids.includes(theirs))
      for (const action of ['retry', 'cancel']) {
        const response = await app.request('POST', `/api/v1/admin/jobs/${theirs}/${action}`, {
          session: admin,
        })
        assert.equal(response.status, 404)
        assert.equal(response.body.code, 'JOB_NOT_FOUND')
      }
      const unknown = await app.request('GET', `/api/v1/admin/jobs/${randomUUID()}`, { session: admin })
      assert.equal(unknown.status, 404)
      const bad = await app.request('GET', '/api/v1/admin/jobs/not-a-uuid', { session: admin })
      assert.equal(bad.status, 400)
    })

    test('only admins see the jobs', async () => {
      const sales = await app.login(app.workspace.users.sales.email)
      assert.equal((await app.request('GET', '/api/v1/admin/jobs', { session: sales })).status, 403)
      assert.equal(
        (await app.request('GET', '/api/v1/admin/jobs', { key: app.workspace.keys.read })).status,
        403,
      )
      assert.equal(
        (await app.request('GET', '/api/v1/admin/jobs', { key: app.workspace.keys.admin })).status,
        200,
      )
    })
  })
}
