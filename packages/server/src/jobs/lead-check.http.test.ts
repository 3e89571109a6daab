// Lead checks scheduled in the transaction that knows when a lead is next due: a rolled-back schedule
// never runs, the same lead and instant is one job, and with two instances working the queue every SLA
// breach step fires once.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { TEST_DIALECTS } from '../testing/test-database.ts'
import { startTestApp, type TestApp } from '../testing/test-app.ts'
import { openDatabase, type OpenedDatabase } from '../db/database.ts'
import { withWorkspace } from '../db/tenant-scope.ts'
import { createJobQueue, type JobQueue } from './queue/job-queue.ts'
import { workLeadChecks } from './lead-check.job.ts'
import { LEAD_CHECK_QUEUE, scheduleLeadChecks } from './queue/lead-check-schedule.ts'

const LEADS = 8
const SILENT = { warn: () => {}, error: () => {} }
// Tuesday 19:00 Berlin: past 8 (notify) and 16 (reassign) business hours for every lead.
const DUE = new Date('2026-11-03T18:00:00Z')

for (const dialect of TEST_DIALECTS) {
  describe(`lead checks on the job queue (${dialect})`, () => {
    let app: TestApp
    let second: OpenedDatabase | undefined
    const queues: JobQueue[] = []

    const countChecks = async () => {
      const { rows } = await sql<{ state: string; n: number }>`
        select state::text, count(*)::int as n from pgboss.job where name = 'lead-check' group by state`.execute(
        app.db,
      )
      return Object.fromEntries(rows.map((row) => [row.state, row.n]))
    }

    before(async () => {
      app = await startTestApp(dialect)
      app.clock.set('2026-11-02T09:00:00Z') // Monday 10:00 Berlin
      await app.replaceAgreement((source) =>
        source
          .replace(
            '[jonas.becker@demo.takt.dev, anna.schulz@demo.takt.dev]',
            '[sales@acme.test, sales2@acme.test]',
          )
          .replaceAll('lead: martina.wolf@demo.takt.dev', 'lead: manager@acme.test')
          .replace('maxOpenLeadsPerRep: 25', 'maxOpenLeadsPerRep: 100'),
      )
      const events = Array.from({ length: LEADS }, (_, index) => ({
        id: `demo-${index}`,
        type: 'demo_request',
        occurredAt: '2026-11-02T08:30:00Z',
        source: 'website',
        contentId: 'demo',
        lead: {
          email: `lead${index}@werk${index}.de`,
          title: 'Werkleiter',
          company: {
            domain: `werk${index}.de`,
            industry: 'maschinenbau',
            employees: 300,
            country: 'DE',
            postcode: '20095',
          },
        },
      }))
      const ingested = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events },
      })
      assert.equal(ingested.status, 200, JSON.stringify(ingested.body))
      second = dialect === 'postgres' ? await openDatabase({ databaseUrl: app.databaseUrl }) : undefined
    })
    after(async () => {
      await Promise.all(queues.map((queue) => queue.stop()))
      await second?.close()
      await app.close()
    })

    test('scheduled checks fire every due breach step once, across two instances; a rolled-back schedule never runs', async () => {
      const leads = await app.db
        .selectFrom('leads')
        .select('id')
        .where('workspace_id', '=', app.workspace.id)
        .where('owner_id', 'is not', null)
        .execute()
      assert.equal(leads.length, LEADS)
      const checks = leads.map((lead) => ({ leadId: lead.id, at: DUE }))
      // The hand-off scheduled a check per lead at its first SLA step, in the ingest transaction.
      assert.deepEqual(await countChecks(), { created: LEADS })

      await assert.rejects(
        app.db.transaction().execute(async (trx) => {
          await scheduleLeadChecks(trx, app.workspace.id, checks)
          throw new Error('the projection failed')
        }),
        /the projection failed/,
      )
      assert.deepEqual(await countChecks(), { created: LEADS })

      // As the projection schedules them: in a request's transaction, as the workspace's tenant role.
      await withWorkspace(app.db, app.workspace.id, (scoped) =>
        scheduleLeadChecks(scoped, app.workspace.id, checks),
      )
      // The same lead and instant again (a retried batch) is the same job.
      await app.db.transaction().execute((trx) => scheduleLeadChecks(trx, app.workspace.id, checks))
      assert.deepEqual(await countChecks(), { created: 2 * LEADS })

      app.clock.set(DUE)
      for (const db of [app.db, second?.db ?? app.db]) {
        const queue = createJobQueue({
          db,
          databaseUrl: app.databaseUrl,
          queues: [LEAD_CHECK_QUEUE],
          log: SILENT,
          pollingIntervalSeconds: 0.5,
        })
        queues.push(queue)
        await queue.start()
        await workLeadChecks(queue, db, app.clock.now)
      }
      // Each breach schedules the check of the next step, and a reassignment that of the new rep's clock:
      // wait until no check due by DUE is left.
      const dueLeft = async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pgboss.job where name = 'lead-check'
            and (state in ('created', 'retry', 'active') and start_after <= ${DUE})`.execute(app.db)
        return rows[0]!.n
      }
      for (let tries = 0; (await dueLeft()) > 0; tries++) {
        assert.ok(tries < 300, `lead checks did not complete: ${JSON.stringify(await countChecks())}`)
        await sleep(100)
      }
      assert.equal((await countChecks()).failed, undefined)
      // The reassignment scheduled the new rep's clock: its first step is after DUE, so it waits.
      const waiting = await sql<{ n: number }>`
        select count(*)::int as n from pgboss.job where name = 'lead-check' and start_after > ${DUE}`.execute(
        app.db,
      )
      assert.equal(waiting.rows[0]!.n, LEADS)

      const breaches = await sql<{ lead_id: string; steps: string }>`
        select lead_id, string_agg(data->>'action', ',' order by seq) as steps
        from decisions where kind = 'sla_breach' group by lead_id`.execute(app.db)
      assert.equal(breaches.rows.length, LEADS)
      assert.ok(
        breaches.rows.every((row) => row.steps === 'notify,reassign'),
        JSON.stringify(breaches.rows.filter((row) => row.steps !== 'notify,reassign')),
      )
    })
  })
}
