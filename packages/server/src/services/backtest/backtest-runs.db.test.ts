// Backtest runs: checked before anything is stored, worked by the real job queue, stored with their
// report and per-lead results, cancellable. Each dialect gets its own database (not forEachDatabase):
// the queue needs PostgreSQL's URL for its own pool.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql, type Kysely } from 'kysely'
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../testing/test-database.ts'
import { seedTestWorkspace } from '../../testing/test-app.ts'
import { staffWithTestReps } from '../../testing/staffed-agreement.ts'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { DEMO_AGREEMENT_PATH } from '../../demo/seed-demo-workspace.ts'
import type { Database } from '../../db/tables.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import { createJobQueue, type JobQueue } from '../../jobs/queue/job-queue.ts'
import { BACKTEST_QUEUE } from '../../jobs/queue/backtest-queue.ts'
import { runBacktestJob, workBacktests } from '../../jobs/backtest.job.ts'
import { parseAgreement } from '#core/agreement/parse-agreement.ts'
import { isDomainError } from '#core/errors.ts'
import { ingestBatch } from '../ingest-batch.ts'
import { runBacktest } from './run-backtest.ts'
import {
  cancelBacktest,
  getBacktest,
  listBacktestChangedLeads,
  listBacktests,
  startBacktest,
  type BacktestAsked,
} from './backtest-runs.ts'

const SILENT = { warn: () => {}, error: () => {} }
const AFTER_NOVEMBER = new Date('2026-12-01T09:00:00Z')
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' }
// The demo agreement plus: attending a webinar alone makes a lead MQL.
const WEBINAR_MQL = '- { touchpoints: { type: webinar_attended } }'
const clock = () => AFTER_NOVEMBER

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

for (const kind of TEST_DIALECTS) {
  describe(`backtest runs (${kind})`, () => {
    let database: TestDatabase
    let queue: JobQueue | undefined
    const db = (): Kysely<Database> => database.db

    before(async () => {
      database = await createTestDatabase(kind)
    })
    after(async () => {
      await queue?.stop()
      await database.close()
    })

    /** A workspace with three webinar attendees and two demo requests in November. */
    const history = async () => {
      const slug = `runs-${randomBytes(4).toString('hex')}`
      const text = staffWithTestReps(await readFile(DEMO_AGREEMENT_PATH, 'utf8'), 25).replaceAll(
        '@acme.test',
        `@${slug}.test`,
      )
      const seeded = await seedTestWorkspace(db(), slug, {
        agreement: { text, format: 'yaml' },
        at: new Date('2026-01-01T00:00:00Z'),
      })
      const ingest = (event: Record<string, unknown> & { occurredAt: string }) =>
        ingestBatch(
          db(),
          seeded.id,
          { type: 'api_key', id: null },
          [event],
          new Date(Date.parse(event.occurredAt) + 60_000),
        )
      for (const [index, name] of ['w1', 'w2', 'w3'].entries()) {
        await ingest({
          ...handRaiser(`${name}-webinar`, `${name}@${name}-fabrik.de`, {
            occurredAt: `2026-11-0${index + 2}T09:00:00Z`,
          }),
          type: 'webinar_attended',
          source: 'webinar',
        })
      }
      for (const [index, name] of ['d1', 'd2'].entries()) {
        await ingest(
          handRaiser(`${name}-demo`, `${name}@${name}-werk.de`, {
            occurredAt: `2026-11-1${index}T10:00:00Z`,
          }),
        )
      }
      const candidateSource = text.replace(
        '# We never let a demo request wait',
        `${WEBINAR_MQL}\n    # We never let a demo request wait`,
      )
      assert.notEqual(candidateSource, text)
      const active = (await agreementRepository.findActive(db(), seeded.id))!.version
      return { id: seeded.id, userId: seeded.users.marketing.id, candidateSource, active }
    }
    const statusOf = async (workspaceId: string, id: string) =>
      (await getBacktest(db(), workspaceId, id)).status
    const jobStateOf = async (jobId: string | null) => {
      const { rows } = await sql<{
        state: string
      }>`select state::text from pgboss.job where id = ${jobId}::uuid`.execute(db())
      return rows[0]?.state
    }
    const storedCount = async (workspaceId: string) => {
      const runs = await db()
        .selectFrom('backtests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pgboss.job where name = ${BACKTEST_QUEUE.name}
          and data->>'workspaceId' = ${workspaceId}`.execute(db())
      return { runs: Number(runs.n), jobs: rows[0]!.n }
    }

    it('refuses bad input before anything is stored, naming the field', async () => {
      const seeded = await history()
      const refusals: Array<[BacktestAsked, string, string]> = [
        [
          { candidate: { version: seeded.active }, from: '2026-11-30', to: '2026-11-01' },
          'BACKTEST_PERIOD_INVALID',
          'to',
        ],
        [{ candidate: { version: seeded.active }, from: '2026-11-31' }, 'BACKTEST_PERIOD_INVALID', 'from'],
        [
          { candidate: { version: seeded.active }, from: '2020-01-01', to: '2026-11-30' },
          'BACKTEST_PERIOD_TOO_LONG',
          'to',
        ],
        [{ candidate: { version: 999 }, ...NOVEMBER }, 'AGREEMENT_NOT_FOUND', 'candidate.version'],
        [
          { candidate: { version: seeded.active }, against: 999, ...NOVEMBER },
          'AGREEMENT_NOT_FOUND',
          'against',
        ],
        [{ candidate: { source: 'mql: [unclosed' }, ...NOVEMBER }, 'AGREEMENT_INVALID', 'candidate.source'],
        [{ candidate: { source: 'version: 1\n' }, ...NOVEMBER }, 'AGREEMENT_INVALID', 'candidate.source'],
      ]
      for (const [asked, code, field] of refusals) {
        await assert.rejects(
          startBacktest(db(), seeded.id, asked, seeded.userId, AFTER_NOVEMBER),
          (error) => isDomainError(error) && error.code === code && error.details.field === field,
          `${JSON.stringify(asked)} → ${code} on ${field}`,
        )
      }
      assert.deepEqual(await storedCount(seeded.id), { runs: 0, jobs: 0 })
    })

    it('a run whose job ended without it (its process died on the last attempt) reads as failed', async () => {
      const seeded = await history()
      const run = await startBacktest(
        db(),
        seeded.id,
        { candidate: { version: seeded.active }, ...NOVEMBER },
        null,
        AFTER_NOVEMBER,
      )
      // The worker took it (running), then died; the queue failed the job when it expired.
      await db().updateTable('backtests').set({ status: 'running' }).where('id', '=', run.id).execute()
      assert.equal(await statusOf(seeded.id, run.id), 'running')
      await sql`update pgboss.job set state = 'failed', completed_on = now(),
        output = '{"message": "job expired"}'::jsonb where id = ${run.jobId}::uuid`.execute(db())
      const read = await getBacktest(db(), seeded.id, run.id)
      assert.equal(read.status, 'failed')
      assert.match(read.error ?? '', /ended without finishing it: job expired/)
      assert.ok(read.finishedAt)
      const listed = await listBacktests(db(), seeded.id, { limit: 10 })
      assert.equal(listed.items.find((item) => item.id === run.id)?.status, 'failed')
      // A run whose job is still waiting or working stays as it is.
      const waiting = await startBacktest(
        db(),
        seeded.id,
        { candidate: { version: seeded.active }, ...NOVEMBER },
        null,
        AFTER_NOVEMBER,
      )
      assert.equal(await statusOf(seeded.id, waiting.id), 'queued')
    })

    it('a run cancelled while queued or while replaying ends cancelled and its job with it', async () => {
      const seeded = await history()
      const queued = await startBacktest(
        db(),
        seeded.id,
        { candidate: { version: seeded.active }, ...NOVEMBER },
        null,
        AFTER_NOVEMBER,
      )
      assert.equal(queued.status, 'queued')
      assert.equal(await jobStateOf(queued.jobId), 'created')
      const cancelled = await cancelBacktest(db(), seeded.id, queued.id, AFTER_NOVEMBER)
      assert.equal(cancelled.status, 'cancelled')
      assert.equal(await jobStateOf(queued.jobId), 'cancelled')
      await assert.rejects(
        cancelBacktest(db(), seeded.id, queued.id, AFTER_NOVEMBER),
        (error) => isDomainError(error) && error.code === 'BACKTEST_FINISHED',
      )
      // A job that still ran (it was fetched before the cancellation) finds nothing to do.
      const stopped = new AbortController()
      const progress = async () => true
      assert.equal(
        await runBacktestJob(
          db(),
          { workspaceId: seeded.id, backtestId: queued.id },
          { signal: stopped.signal, progress, retryCount: 0 },
          clock,
        ),
        undefined,
      )
      assert.equal(await statusOf(seeded.id, queued.id), 'cancelled')

      // Cancelled while replaying: the queue aborts the job's signal when its progress report finds it cancelled.
      const running = await startBacktest(
        db(),
        seeded.id,
        { candidate: { source: seeded.candidateSource }, ...NOVEMBER },
        null,
        AFTER_NOVEMBER,
      )
      let reports = 0
      const replayed = await runBacktestJob(
        db(),
        { workspaceId: seeded.id, backtestId: running.id },
        {
          signal: stopped.signal,
          retryCount: 0,
          async progress() {
            reports++
            stopped.abort(new Error('job cancelled'))
            await cancelBacktest(db(), seeded.id, running.id, AFTER_NOVEMBER)
            return false
          },
        },
        clock,
      )
      assert.equal(reports, 1)
      // Stopped by the signal rather than finished: a finished replay would return its lead count.
      assert.equal(replayed, undefined)
      const after = await getBacktest(db(), seeded.id, running.id)
      assert.equal(after.status, 'cancelled')
      assert.equal(after.report, null)
      assert.equal(await jobStateOf(running.jobId), 'cancelled')
    })

    it('a run goes queued → completed on the job queue with the report runBacktest gives; its changed leads page', async () => {
      const seeded = await history()
      const run = await startBacktest(
        db(),
        seeded.id,
        { candidate: { source: seeded.candidateSource }, against: 'active', ...NOVEMBER },
        seeded.userId,
        AFTER_NOVEMBER,
      )
      assert.deepEqual(
        { status: run.status, progress: run.progress, candidate: run.candidateVersion, against: run.against },
        { status: 'queued', progress: 0, candidate: null, against: 'active' },
      )
      assert.equal(run.baselineVersion, seeded.active)
      assert.deepEqual(run.period, NOVEMBER)
      assert.equal(run.createdBy, seeded.userId)
      await assert.rejects(
        listBacktestChangedLeads(db(), seeded.id, run.id, { limit: 2 }),
        (error) => isDomainError(error) && error.code === 'BACKTEST_NOT_COMPLETED',
      )

      queue = createJobQueue({
        db: db(),
        databaseUrl: database.url,
        queues: [BACKTEST_QUEUE],
        log: SILENT,
        pollingIntervalSeconds: 0.5,
      })
      await queue.start()
      await workBacktests(queue, db(), clock)
      await until(async () => (await statusOf(seeded.id, run.id)) === 'completed', 'the run to complete')

      const stored = await getBacktest(db(), seeded.id, run.id)
      assert.equal(stored.progress, 1)
      assert.equal(stored.error, null)
      assert.deepEqual(stored.finishedAt, AFTER_NOVEMBER)
      const parsed = parseAgreement(seeded.candidateSource)
      assert.ok(parsed.ok)
      const direct = await runBacktest(
        db(),
        seeded.id,
        { candidate: { document: parsed.document }, against: 'active', period: NOVEMBER },
        AFTER_NOVEMBER,
      )
      assert.deepEqual(stored.report, JSON.parse(JSON.stringify(direct)))
      assert.equal(direct.leads, 5)
      assert.equal(direct.changedLeads, 3)
      await until(async () => (await jobStateOf(run.jobId)) === 'completed', 'the job to complete')

      const first = await listBacktestChangedLeads(db(), seeded.id, run.id, { limit: 2 })
      assert.equal(first.items.length, 2)
      assert.ok(first.next)
      const second = await listBacktestChangedLeads(db(), seeded.id, run.id, { limit: 2, after: first.next })
      assert.equal(second.items.length, 1)
      assert.equal(second.next, null)
      const changed = [...first.items, ...second.items]
      assert.deepEqual(
        changed.map((lead) => lead.change),
        ['only_candidate', 'only_candidate', 'only_candidate'],
      )
      const ids = changed.map((lead) => lead.leadId)
      assert.deepEqual(ids, [...ids].sort())
      const webinarLeads = await db()
        .selectFrom('leads')
        .select('id')
        .where('workspace_id', '=', seeded.id)
        .where('email', 'like', 'w%')
        .orderBy('id')
        .execute()
      assert.deepEqual(ids, webinarLeads.map((lead) => lead.id).sort())
      for (const lead of changed) {
        assert.ok(lead.candidate.explanations.length > 0, 'why the candidate made it MQL')
        assert.equal(lead.baseline.mqlAt, null)
      }
      const onlyBaseline = await listBacktestChangedLeads(db(), seeded.id, run.id, {
        limit: 2,
        change: 'only_baseline',
      })
      assert.deepEqual(onlyBaseline, { items: [], next: null })
      await queue.stop()
      queue = undefined
    })

    it('lists runs newest first, page by page, and keeps workspaces apart', async () => {
      const seeded = await history()
      const other = await history()
      const started = []
      for (let minute = 0; minute < 3; minute++) {
        const at = new Date(AFTER_NOVEMBER.getTime() + minute * 60_000)
        const run = await startBacktest(
          db(),
          seeded.id,
          { candidate: { version: seeded.active }, ...NOVEMBER },
          null,
          at,
        )
        started.push(run.id)
      }
      const first = await listBacktests(db(), seeded.id, { limit: 2 })
      assert.deepEqual(
        first.items.map((run) => run.id),
        [started[2], started[1]],
      )
      assert.ok(first.next)
      const second = await listBacktests(db(), seeded.id, { limit: 2, before: first.next })
      assert.deepEqual(
        second.items.map((run) => run.id),
        [started[0]],
      )
      assert.equal(second.next, null)
      assert.deepEqual((await listBacktests(db(), other.id, { limit: 10 })).items, [])
      await assert.rejects(
        getBacktest(db(), other.id, started[0]!),
        (error) => isDomainError(error) && error.code === 'BACKTEST_NOT_FOUND',
      )
      await assert.rejects(
        listBacktests(db(), seeded.id, { limit: 2, before: 'not-a-cursor' }),
        (error) => isDomainError(error) && error.code === 'INVALID_CURSOR',
      )
    })
  })
}
