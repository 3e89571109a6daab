// Undo: a person takes back their own latest decision on a lead within a minute, and the lead is what it
// was before. The undone decision leaves the stage history (the lead never was where it put it) but stays
// in the decisions table, marked retracted, and in the audit log.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'

for (const dialect of TEST_DIALECTS) {
  describe(`undo a decision (${dialect})`, () => {
    let app: TestApp
    let rep: TestSession
    let leadCount = 0

    // A fresh MQL handed to `sales` (the only rep of the first team) an hour ago.
    const newMql = async () => {
      const index = ++leadCount
      const email = `lead${index}@werk${index}.de`
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: {
          events: [
            handRaiser(`u${index}`, email, {
              occurredAt: new Date(app.clock.now().getTime() - 1000).toISOString(),
            }),
          ],
        },
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      const found = await app.request('GET', `/api/v1/leads?q=${email}`, { key: app.workspace.keys.read })
      const lead = found.body.items[0]
      assert.equal(lead.stage, 'mql')
      assert.equal(lead.ownerId, app.workspace.users.sales.id)
      return lead.id as string
    }
    const detail = async (id: string) => {
      const response = await app.request('GET', `/api/v1/leads/${id}`, { key: app.workspace.keys.read })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body
    }
    const act = async (id: string, body: unknown, session = rep) => {
      const response = await app.request('POST', `/api/v1/leads/${id}/actions`, { session, body })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      assert.match(response.body.decisionId, /^[0-9a-f-]{36}$/)
      return response.body as { decisionId: string; stage: string }
    }
    const undo = (id: string, decisionId: string, session = rep) =>
      app.request('POST', `/api/v1/leads/${id}/decisions/${decisionId}/undo`, { session })

    before(async () => {
      app = await startTestApp(dialect, { webhookTargets: { allowPrivate: true } })
      app.clock.set('2026-11-01T12:00:00Z') // the staffed agreement is in force before the first hand-off
      await app.replaceAgreement((source) =>
        source.replace('[jonas.becker@demo.takt.dev, anna.schulz@demo.takt.dev]', '[sales@acme.test]'),
      )
      app.clock.set('2026-11-02T09:00:00Z') // Monday 10:00 Berlin
      rep = await app.login(app.workspace.users.sales.email)
    })
    after(async () => app.close())

    test('undoing a reject makes the lead the same rep’s MQL again, with its SLA clock as before', async () => {
      const id = await newMql()
      const before = await detail(id)
      app.clock.advance(60_000)
      const rejected = await act(id, { action: 'reject', reason: 'bad_timing', note: 'ruft im Mai an' })
      assert.equal(rejected.stage, 'recycled')
      const stored = await app.db
        .selectFrom('decisions')
        .select(['kind', 'reason', 'note'])
        .where('id', '=', rejected.decisionId)
        .executeTakeFirstOrThrow()
      assert.deepEqual(stored, { kind: 'reject', reason: 'bad_timing', note: 'ruft im Mai an' })

      const inboxAfterReject = await app.request('GET', '/api/v1/inbox', { session: rep })
      assert.ok(!inboxAfterReject.body.items.some((item: { id: string }) => item.id === id))

      app.clock.advance(5_000)
      const undone = await undo(id, rejected.decisionId)
      assert.equal(undone.status, 200, JSON.stringify(undone.body))
      assert.equal(undone.body.stage, 'mql')
      assert.equal(undone.body.undone, 'reject')
      assert.equal(undone.body.transition.to_stage, 'mql')

      const after = await detail(id)
      assert.equal(after.stage, 'mql')
      assert.equal(after.owner.id, app.workspace.users.sales.id)
      assert.equal(
        after.stageEnteredAt,
        before.stageEnteredAt,
        'an MQL since the hand-off, not since the undo',
      )
      // Same hand-off, same due time, and no answer recorded: the clock runs on as if nothing was done.
      assert.ok(before.assignment.at && before.assignment.sla.dueAt && before.stageEnteredAt)
      assert.equal(after.assignment.at, before.assignment.at)
      assert.equal(after.assignment.sla.dueAt, before.assignment.sla.dueAt)
      assert.equal(after.assignment.sla.respondedAt, null)
      assert.deepEqual(
        after.history.map((step: { to: string }) => step.to),
        before.history.map((step: { to: string }) => step.to),
        'the stage history no longer lists the reject',
      )
      assert.ok(!after.history.some((step: { to: string }) => step.to === 'recycled'))
      const inbox = await app.request('GET', '/api/v1/inbox', { session: rep })
      assert.ok(
        inbox.body.items.some((item: { id: string }) => item.id === id),
        'back in the rep’s inbox',
      )

      // The decision stays, marked, and the audit log says who undid what.
      const row = await app.db
        .selectFrom('decisions')
        .select(['retracted_at', 'retracted_by'])
        .where('id', '=', rejected.decisionId)
        .executeTakeFirstOrThrow()
      assert.equal(row.retracted_at?.toISOString(), app.clock.now().toISOString())
      assert.equal(row.retracted_by, app.workspace.users.sales.id)
      const log = await app.request('GET', `/api/v1/audit-log?action=lead.undo&target=${id}`, {
        key: app.workspace.keys.admin,
      })
      assert.equal(log.status, 200, JSON.stringify(log.body))
      assert.equal(log.body.items.length, 1)
      assert.deepEqual(log.body.items[0].actor, { type: 'user', id: app.workspace.users.sales.id })
      assert.equal(log.body.items[0].before.stage, 'recycled')
      assert.equal(log.body.items[0].after.stage, 'mql')
      assert.equal(log.body.items[0].after.undone, 'reject')
    })

    test('tells webhook subscribers that the lead is an MQL again', async () => {
      const subscribed = await app.request('POST', '/api/v1/webhooks', {
        key: app.workspace.keys.admin,
        // Nothing listens there: the events are only enqueued, which is what this test reads.
        body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['lead.stage_changed'] },
      })
      assert.equal(subscribed.status, 201, JSON.stringify(subscribed.body))
      try {
        const id = await newMql()
        const rejected = await act(id, { action: 'reject', reason: 'bad_timing' })
        app.clock.advance(1_000)
        assert.equal((await undo(id, rejected.decisionId)).status, 200)
        const events = await app.db
          .selectFrom('webhook_events')
          .select('payload')
          .where('lead_id', '=', id)
          .where('type', '=', 'lead.stage_changed')
          .orderBy('created_at')
          .execute()
        const stages = events.map(
          ({ payload }) => (payload as { data: { lead: { stage: string } } }).data.lead.stage,
        )
        assert.deepEqual(stages.slice(-2), ['recycled', 'mql'])
      } finally {
        await app.request('DELETE', `/api/v1/webhooks/${subscribed.body.id}`, {
          key: app.workspace.keys.admin,
        })
      }
    })

    test('undoes an accept and then the recycle after it, latest first; an earlier one is refused', async () => {
      const id = await newMql()
      const accepted = await act(id, { action: 'accept' })
      assert.equal(accepted.stage, 'sal')
      const recycled = await act(id, { action: 'recycle', reason: 'no_budget' })
      assert.equal(recycled.stage, 'recycled')

      const tooEarly = await undo(id, accepted.decisionId)
      assert.equal(tooEarly.status, 409, JSON.stringify(tooEarly.body))
      assert.equal(tooEarly.body.code, 'DECISION_NOT_LATEST')
      assert.match(tooEarly.headers.get('content-type') ?? '', /application\/problem\+json/)
      assert.equal(tooEarly.body.latestDecisionId, recycled.decisionId)

      assert.equal((await undo(id, recycled.decisionId)).body.stage, 'sal')
      const back = await undo(id, accepted.decisionId)
      assert.equal(back.status, 200, JSON.stringify(back.body))
      assert.equal(back.body.stage, 'mql')
      const after = await detail(id)
      assert.equal(after.owner.id, app.workspace.users.sales.id)
      assert.equal(after.assignment.sla.respondedAt, null)
      assert.ok(after.allowedActions.includes('accept'))
    })

    test('refuses to undo twice', async () => {
      const id = await newMql()
      const accepted = await act(id, { action: 'accept' })
      assert.equal((await undo(id, accepted.decisionId)).status, 200)
      const again = await undo(id, accepted.decisionId)
      assert.equal(again.status, 409, JSON.stringify(again.body))
      assert.equal(again.body.code, 'DECISION_ALREADY_UNDONE')
      assert.equal((await detail(id)).stage, 'mql')
    })

    test('refuses someone else’s decision: 403 to whoever sees the lead, 404 to a rep who does not', async () => {
      const id = await newMql()
      const rejected = await act(id, { action: 'reject', reason: 'bad_timing' })
      const manager = await app.login(app.workspace.users.manager.email)
      const byManager = await undo(id, rejected.decisionId, manager)
      assert.equal(byManager.status, 403, JSON.stringify(byManager.body))
      assert.equal(byManager.body.code, 'DECISION_NOT_YOURS')
      const otherRep = await app.login(app.workspace.users.sales2.email)
      const byOtherRep = await undo(id, rejected.decisionId, otherRep)
      assert.equal(byOtherRep.status, 404, JSON.stringify(byOtherRep.body))
      assert.equal((await detail(id)).stage, 'recycled', 'nothing changed')
    })

    test('refuses a system decision: routing’s hand-off is the agreement’s, not a person’s', async () => {
      const id = await newMql()
      const assignment = await app.db
        .selectFrom('decisions')
        .select('id')
        .where('lead_id', '=', id)
        .where('kind', '=', 'assign')
        .executeTakeFirstOrThrow()
      const admin = await app.login(app.workspace.users.admin.email)
      const refused = await undo(id, assignment.id, admin)
      assert.equal(refused.status, 403, JSON.stringify(refused.body))
      assert.equal(refused.body.code, 'DECISION_NOT_YOURS')
      assert.match(refused.body.detail, /system/)
    })

    test('refuses once the undo window (60 s) has passed', async () => {
      const id = await newMql()
      const rejected = await act(id, { action: 'reject', reason: 'bad_timing' })
      app.clock.advance(60_000)
      const justInTime = await app.db
        .selectFrom('decisions')
        .select('decided_at')
        .where('id', '=', rejected.decisionId)
        .executeTakeFirstOrThrow()
      assert.equal(app.clock.now().getTime() - justInTime.decided_at.getTime(), 60_000)
      app.clock.advance(1)
      const late = await undo(id, rejected.decisionId)
      assert.equal(late.status, 409, JSON.stringify(late.body))
      assert.equal(late.body.code, 'UNDO_WINDOW_PASSED')
      assert.equal(late.body.windowSeconds, 60)
      assert.equal((await detail(id)).stage, 'recycled')
    })

    test('answers 400 naming the field for a malformed id and 404 for an unknown one', async () => {
      const id = await newMql()
      const malformed = await undo(id, 'not-a-uuid')
      assert.equal(malformed.status, 400, JSON.stringify(malformed.body))
      assert.match(JSON.stringify(malformed.body), /decisionId/)
      const unknown = await undo(id, '00000000-0000-4000-8000-000000000000')
      assert.equal(unknown.status, 404, JSON.stringify(unknown.body))
      assert.equal(unknown.body.code, 'DECISION_NOT_FOUND')
      // A decision of another lead is unknown on this one.
      const other = await newMql()
      const accepted = await act(other, { action: 'accept' })
      const crossed = await undo(id, accepted.decisionId)
      assert.equal(crossed.status, 404, JSON.stringify(crossed.body))
    })
  })
}
