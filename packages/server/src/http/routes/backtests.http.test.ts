// Backtest runs over HTTP: who may start and cancel them, what bad input gets, and a run worked by the
// job queue read back with its report.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { randomUUID } from 'node:crypto'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import { createJobQueue, type JobQueue } from '../../jobs/queue/job-queue.ts'
import { BACKTEST_QUEUE } from '../../jobs/queue/backtest-queue.ts'
import { workBacktests } from '../../jobs/backtest.job.ts'

const SILENT = { warn: () => {}, error: () => {} }
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' }
const PROBLEM = 'application/problem+json'

for (const dialect of TEST_DIALECTS) {
  describe(`backtests API (${dialect})`, () => {
    let app: TestApp
    let marketing: TestSession
    let manager: TestSession
    let rep: TestSession
    let active: number
    let queue: JobQueue | undefined

    before(async () => {
      app = await startTestApp(dialect)
      marketing = await app.login(app.workspace.users.marketing.email)
      manager = await app.login(app.workspace.users.manager.email)
      rep = await app.login(app.workspace.users.sales.email)
      active = (await agreementRepository.findActive(app.db, app.workspace.id))!.version
    })
    after(async () => {
      await queue?.stop()
      await app.close()
    })

    const start = (session: TestSession, body: unknown) =>
      app.request('POST', '/api/v1/backtests', { session, body })

    test('marketing and sales managers start and cancel runs; a sales rep reads them but cannot start one', async () => {
      const refused = await start(rep, { candidate: { version: active }, ...NOVEMBER })
      assert.equal(refused.status, 403)
      assert.match(refused.headers.get('content-type') ?? '', /problem\+json/)

      const started = await start(marketing, {
        candidate: { version: active },
        against: 'active',
        ...NOVEMBER,
      })
      assert.equal(started.status, 202, JSON.stringify(started.body))
      assert.equal(started.body.status, 'queued')
      assert.deepEqual(started.body.period, NOVEMBER)
      assert.equal(started.body.baselineVersion, active)
      assert.equal(started.body.createdBy, app.workspace.users.marketing.id)
      // A minute later: the list is newest first.
      app.clock.advance(60_000)
      const byManager = await start(manager, { candidate: { version: active } })
      assert.equal(byManager.status, 202, JSON.stringify(byManager.body))

      const listed = await app.request('GET', '/api/v1/backtests', { session: rep })
      assert.equal(listed.status, 200)
      assert.deepEqual(
        listed.body.items.map((run: { id: string }) => run.id),
        [byManager.body.id, started.body.id],
      )
      // Runs of one candidate version: a draft's run is listed under it and not under the active version.
      const draft = await app.request('POST', '/api/v1/agreement/drafts', {
        session: marketing,
        body: { copyOf: active },
      })
      assert.equal(draft.status, 201, JSON.stringify(draft.body))
      app.clock.advance(60_000)
      const ofDraft = await start(marketing, { candidate: { version: draft.body.version } })
      assert.equal(ofDraft.status, 202, JSON.stringify(ofDraft.body))
      const byVersion = async (version: number) =>
        (await app.request('GET', `/api/v1/backtests?version=${version}`, { session: rep })).body.items.map(
          (run: { id: string }) => run.id,
        )
      assert.deepEqual(await byVersion(draft.body.version), [ofDraft.body.id])
      assert.deepEqual(await byVersion(active), [byManager.body.id, started.body.id])
      assert.equal(
        (await app.request('POST', `/api/v1/backtests/${ofDraft.body.id}/cancel`, { session: marketing }))
          .status,
        200,
      )
      const read = await app.request('GET', `/api/v1/backtests/${started.body.id}`, { session: rep })
      assert.equal(read.status, 200)
      assert.equal(read.body.report, null)
      const notYet = await app.request('GET', `/api/v1/backtests/${started.body.id}/changed-leads`, {
        session: rep,
      })
      assert.equal(notYet.status, 409, JSON.stringify(notYet.body))
      assert.equal(notYet.body.code, 'BACKTEST_NOT_COMPLETED')

      const repCancel = await app.request('POST', `/api/v1/backtests/${started.body.id}/cancel`, {
        session: rep,
      })
      assert.equal(repCancel.status, 403)
      const cancelled = await app.request('POST', `/api/v1/backtests/${started.body.id}/cancel`, {
        session: manager,
      })
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body))
      assert.equal(cancelled.body.status, 'cancelled')
      assert.ok(cancelled.body.finishedAt)
      const again = await app.request('POST', `/api/v1/backtests/${started.body.id}/cancel`, {
        session: manager,
      })
      assert.equal(again.status, 409)
      assert.equal(again.body.code, 'BACKTEST_FINISHED')
      // The admin Jobs view shows the run's job as cancelled too.
      const job = await app.request('GET', `/api/v1/admin/jobs/${started.body.jobId}`, {
        key: app.workspace.keys.admin,
      })
      assert.equal(job.status, 200, JSON.stringify(job.body))
      assert.equal(job.body.state, 'cancelled')
    })

    test('bad input gets a problem naming the field, and nothing is stored', async () => {
      const before = (await app.request('GET', '/api/v1/backtests', { session: marketing })).body.items.length
      const cases: Array<[unknown, number, string, string]> = [
        [{}, 400, 'VALIDATION_FAILED', 'body/candidate'],
        [{ candidate: { version: active }, from: 'yesterday' }, 400, 'VALIDATION_FAILED', 'body/from'],
        [{ candidate: { version: active }, extra: 1 }, 400, 'VALIDATION_FAILED', 'body'],
        [
          { candidate: { version: active }, from: '2026-11-30', to: '2026-11-01' },
          422,
          'BACKTEST_PERIOD_INVALID',
          'to',
        ],
        [
          { candidate: { version: active }, from: '2020-01-01', to: '2026-11-01' },
          422,
          'BACKTEST_PERIOD_TOO_LONG',
          'to',
        ],
        [{ candidate: { version: 4242 } }, 404, 'AGREEMENT_NOT_FOUND', 'candidate.version'],
        [{ candidate: { version: active }, against: 4242 }, 404, 'AGREEMENT_NOT_FOUND', 'against'],
        [{ candidate: { source: 'mql: [' } }, 422, 'AGREEMENT_INVALID', 'candidate.source'],
      ]
      for (const [body, status, code, field] of cases) {
        const response = await start(marketing, body)
        const where = `${JSON.stringify(body)} → ${JSON.stringify(response.body)}`
        assert.equal(response.status, status, where)
        assert.match(response.headers.get('content-type') ?? '', new RegExp(PROBLEM.replace('+', '\\+')))
        if (status === 400) {
          assert.match(response.body.errors[0].path, new RegExp(`^${field}`), where)
        } else {
          assert.equal(response.body.code, code, where)
          assert.equal(response.body.field, field, where)
        }
      }
      const afterwards = (await app.request('GET', '/api/v1/backtests', { session: marketing })).body.items
      assert.equal(afterwards.length, before)

      const unknown = await app.request('GET', `/api/v1/backtests/${randomUUID()}`, { session: marketing })
      assert.equal(unknown.status, 404)
      assert.equal(unknown.body.code, 'BACKTEST_NOT_FOUND')
      const notUuid = await app.request('GET', '/api/v1/backtests/nope', { session: marketing })
      assert.equal(notUuid.status, 400)
      assert.equal(notUuid.body.errors[0].path, 'params/id')
      const badCursor = await app.request('GET', '/api/v1/backtests?before=nope', { session: marketing })
      assert.equal(badCursor.status, 400)
      assert.equal(badCursor.body.code, 'INVALID_CURSOR')
    })

    test('a run worked by the job queue completes and shows its report and changed leads', async () => {
      const started = await start(marketing, { candidate: { version: active }, ...NOVEMBER })
      assert.equal(started.status, 202, JSON.stringify(started.body))
      queue = createJobQueue({
        db: app.db,
        databaseUrl: app.databaseUrl,
        queues: [BACKTEST_QUEUE],
        log: SILENT,
        pollingIntervalSeconds: 0.5,
      })
      await queue.start()
      await workBacktests(queue, app.db, app.clock.now)
      let run = started.body
      for (let tries = 0; run.status !== 'completed'; tries++) {
        assert.ok(tries < 300, `the run did not complete: ${JSON.stringify(run)}`)
        await sleep(100)
        run = (await app.request('GET', `/api/v1/backtests/${started.body.id}`, { session: rep })).body
      }
      assert.equal(run.progress, 1)
      assert.deepEqual(run.report.period, { ...NOVEMBER, timezone: 'Europe/Berlin' })
      assert.equal(run.report.versions[0].version, active)
      assert.equal(run.report.changedLeads, 0)
      // Every figure of the typed report is there; a stage nobody reached is null, not 0.
      for (const version of run.report.versions) {
        assert.deepEqual(Object.keys(version.precision).sort(), ['customer', 'opportunity', 'sal', 'sql'])
        for (const stage of ['sal', 'sql', 'opportunity', 'customer'] as const) {
          if (run.report.actual.reached[stage] === 0) assert.equal(version.precision[stage], null)
        }
      }
      assert.equal(run.report.capacityPerWeek === null || Number.isInteger(run.report.capacityPerWeek), true)
      const changed = await app.request(
        'GET',
        `/api/v1/backtests/${started.body.id}/changed-leads?limit=10`,
        {
          session: rep,
        },
      )
      assert.equal(changed.status, 200, JSON.stringify(changed.body))
      assert.deepEqual(changed.body, { items: [], next: null })
      const badChange = await app.request(
        'GET',
        `/api/v1/backtests/${started.body.id}/changed-leads?change=everything`,
        { session: rep },
      )
      assert.equal(badChange.status, 400)
      assert.equal(badChange.body.errors[0].path, 'querystring/change')
    })
  })
}
