// Two server instances on one PostgreSQL database run the SLA breach job and the webhook dispatcher at
// the same time: every breach step and every webhook happens exactly once.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql, type Kysely } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { TEST_DIALECTS } from '../testing/test-database.ts'
import { startTestApp, type TestApp } from '../testing/test-app.ts'
import {
  assertEachWebhookOnce,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../testing/webhook-receiver.ts'
import { openDatabase } from '../db/database.ts'
import { buildApp } from '../http/app.ts'
import type { Database } from '../db/tables.ts'
import { slaBreachJob } from './sla-breach.job.ts'
import { dispatchWebhooks, type DispatchOptions } from '../webhooks/dispatch-webhooks.ts'

const LEADS = 24

if (TEST_DIALECTS.includes('postgres')) {
  describe('two server instances on one PostgreSQL database', () => {
    let app: TestApp
    let second: { db: Kysely<Database>; close: () => Promise<void> }
    let secondApp: FastifyInstance
    let receiver: WebhookReceiver

    before(async () => {
      app = await startTestApp('postgres', { webhookTargets: { allowPrivate: true } })
      second = await openDatabase({ databaseUrl: app.databaseUrl })
      // The second instance: its own pool and its own app object on the same database.
      secondApp = await buildApp({
        db: second.db,
        clock: app.clock.now,
        secureCookies: false,
        logLevel: 'silent',
      })
      receiver = await startWebhookReceiver()
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
      const admin = await app.login(app.workspace.users.admin.email)
      const subscribed = await app.request('POST', '/api/v1/webhooks', {
        session: admin,
        body: { url: receiver.url, eventTypes: ['lead.assigned', 'lead.sla_breached', 'lead.stage_changed'] },
      })
      assert.equal(subscribed.status, 201, JSON.stringify(subscribed.body))
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
    })
    after(async () => {
      await secondApp.close()
      await second.close()
      await app.close()
      await receiver.close()
    })

    test('breaches fire once per lead and step, and each webhook is delivered once, with both instances at work', async () => {
      // Tuesday 19:00 Berlin: past 8 (notify) and 16 (reassign) business hours for every lead.
      app.clock.set('2026-11-03T18:00:00Z')
      const dispatch = (db: Kysely<Database>) => {
        const options: DispatchOptions = {
          policy: { allowPrivate: true },
          timeoutMs: 5_000,
          batch: 7,
          concurrency: 3,
          clock: () => new Date(),
          random: Math.random,
        }
        return dispatchWebhooks(db, options)
      }
      let rounds = 0
      const work = { first: { leads: 0, sent: 0 }, second: { leads: 0, sent: 0 } }
      for (;;) {
        // Small batches, so that both instances claim work while the other holds some.
        const [first, other, sentFirst, sentOther] = await Promise.all([
          slaBreachJob.handle(app.db, app.clock.now(), 5),
          slaBreachJob.handle(second.db, app.clock.now(), 5),
          dispatch(app.db),
          dispatch(second.db),
        ])
        rounds += 1
        work.first.leads += first.leads
        work.second.leads += other.leads
        work.first.sent += sentFirst
        work.second.sent += sentOther
        if (first.leads + other.leads + sentFirst + sentOther === 0) break
        assert.ok(rounds < 200, 'the instances keep finding work')
      }
      assert.ok(work.first.leads > 0 && work.second.leads > 0, `both ran SLA work: ${JSON.stringify(work)}`)
      assert.ok(work.first.sent > 0 && work.second.sent > 0, `both sent webhooks: ${JSON.stringify(work)}`)

      const breaches = await sql<{ lead_id: string; steps: string }>`
        select lead_id, string_agg(data->>'action', ',' order by seq) as steps
        from decisions where kind = 'sla_breach' group by lead_id`.execute(app.db)
      assert.equal(breaches.rows.length, LEADS)
      assert.ok(
        breaches.rows.every((row) => row.steps === 'notify,reassign'),
        JSON.stringify(breaches.rows.filter((row) => row.steps !== 'notify,reassign')),
      )
      const reassigned = await sql<{ count: number }>`
        select count(*)::int as count from decisions
        where kind = 'assign' and data->'reasons'->0->>'code' = 'sla_lapsed'`.execute(app.db)
      assert.equal(reassigned.rows[0]!.count, LEADS)
      const notifications = await sql<{ kind: string; count: number }>`
        select kind, count(*)::int as count from notifications group by kind order by kind`.execute(app.db)
      assert.deepEqual(Object.fromEntries(notifications.rows.map((row) => [row.kind, row.count])), {
        sla_breached: LEADS,
        sla_reassigned: LEADS,
        sla_reassigned_to_you: LEADS,
      })

      await assertEachWebhookOnce(receiver, app.db)
      const types = receiver.events().map((event) => event.type)
      // Per lead: assigned on arrival and on reassignment, breached twice, and its stage change to MQL.
      assert.equal(types.filter((type) => type === 'lead.sla_breached').length, 2 * LEADS)
      assert.equal(types.filter((type) => type === 'lead.assigned').length, 2 * LEADS)
    })
  })
}
