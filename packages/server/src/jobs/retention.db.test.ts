import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../testing/test-database.ts'
import { startTestApp, type TestApp } from '../testing/test-app.ts'
import { verifyProjections } from '../services/verify-projections.ts'
import { retentionCutoff, retentionJob } from './retention.job.ts'

test('the cutoff lies whole calendar months back', () => {
  assert.equal(
    retentionCutoff(new Date('2026-11-02T09:00:00Z'), 24).toISOString(),
    '2024-11-02T09:00:00.000Z',
  )
})

for (const dialect of TEST_DIALECTS) {
  describe(`retention (${dialect})`, () => {
    let app: TestApp
    const ids: Record<string, string> = {}
    before(async () => {
      app = await startTestApp(dialect)
      const touch = (id: string, email: string, occurredAt: string, extra: object = {}) => ({
        id,
        type: 'page_view',
        occurredAt,
        source: 'website',
        lead: { email, firstName: 'Ruth', lastName: id },
        ...extra,
      })
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [
            touch('inactive', 'inactive@example.de', '2024-06-01T10:00:00Z'),
            touch('active', 'active@example.de', '2024-03-01T10:00:00Z'),
            touch('active-2', 'active@example.de', '2026-10-01T10:00:00Z'),
            touch('worked', 'worked@example.de', '2024-05-01T10:00:00Z', {
              source: 'sdr_list',
              properties: { owner: app.workspace.users.sales.email },
            }),
          ],
        },
      })
      assert.equal(response.body.accepted, 4, JSON.stringify(response.body.errors))
      for (const lead of response.body.leads) ids[lead.email.split('@')[0]] = lead.id
      // A rep's decision today is activity, however old the last touchpoint.
      const rep = await app.login(app.workspace.users.sales.email)
      const recycled = await app.request('POST', `/api/v1/leads/${ids.worked}/actions`, {
        session: rep,
        body: { action: 'recycle', reason: 'bad_timing' },
      })
      assert.equal(recycled.status, 200, JSON.stringify(recycled.body))
    })
    after(async () => app.close())

    test('is off with 0 months', async () => {
      assert.equal(await retentionJob.handle(app.db, app.clock.now(), 0), 0)
    })

    test('erases a lead inactive for longer than the retention period and leaves active ones', async () => {
      assert.equal(await retentionJob.handle(app.db, app.clock.now(), 24), 1)
      const rows = await app.db.selectFrom('leads').select(['id', 'email', 'stage', 'first_name']).execute()
      const byId = new Map(rows.map((row) => [row.id, row]))
      assert.deepEqual(byId.get(ids.inactive!), {
        id: ids.inactive,
        email: `erased-${ids.inactive}@erased.invalid`,
        stage: 'disqualified',
        first_name: null,
      })
      assert.equal(byId.get(ids.active!)!.email, 'active@example.de')
      assert.equal(byId.get(ids.worked!)!.email, 'worked@example.de')
      const entry = await app.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'lead.erase')
        .executeTakeFirstOrThrow()
      assert.equal(entry.target, ids.inactive)
      assert.deepEqual(entry.actor_type, 'system')
      assert.equal((entry.after as { cause: string }).cause, 'retention')
    })

    test('an erased lead is not erased again, and the projections still verify', async () => {
      assert.equal(await retentionJob.handle(app.db, app.clock.now(), 24), 0)
      assert.deepEqual((await verifyProjections(app.db)).differences, [])
    })
  })
}
