// Shadow runs over HTTP: who may start and stop them, what bad input and versions in the wrong state
// get (a problem naming the field or the state), and a started shadow read back with its report.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession, type TestWorkspace } from '../../testing/test-app.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import { createDraft, proposeVersion } from '../../services/agreement-governance.ts'
import type { GovernanceCaller } from '../../services/agreement-governance-step.ts'

const PROBLEM = /application\/problem\+json/

for (const dialect of TEST_DIALECTS) {
  describe(`shadows API (${dialect})`, () => {
    let app: TestApp
    let marketing: TestSession
    let manager: TestSession
    let rep: TestSession
    let active: number

    before(async () => {
      app = await startTestApp(dialect)
      marketing = await app.login(app.workspace.users.marketing.email)
      manager = await app.login(app.workspace.users.manager.email)
      rep = await app.login(app.workspace.users.sales.email)
      active = (await agreementRepository.findActive(app.db, app.workspace.id))!.version
    })
    after(async () => app.close())

    /** A copy of the active version, left a draft or proposed by marketing. */
    const version = async (workspace: TestWorkspace, status: 'draft' | 'proposed') => {
      const caller: GovernanceCaller = {
        actor: { type: 'user', id: workspace.users.marketing.id },
        userId: workspace.users.marketing.id,
        role: 'marketing',
        isAdmin: false,
      }
      const base = (await agreementRepository.findActive(app.db, workspace.id))!.version
      const now = app.clock.now()
      const drafted = (await createDraft(app.db, workspace.id, caller, { copyOf: base }, now)).stored.version
      if (status === 'proposed') await proposeVersion(app.db, workspace.id, caller, drafted, null, now)
      return drafted
    }
    const start = (session: TestSession, body: unknown) =>
      app.request('POST', '/api/v1/shadows', { session, body })

    test('marketing and sales managers start and stop shadows; a sales rep reads them but cannot', async () => {
      const proposed = await version(app.workspace, 'proposed')
      const refused = await start(rep, { version: proposed })
      assert.equal(refused.status, 403)
      assert.match(refused.headers.get('content-type') ?? '', PROBLEM)

      const started = await start(marketing, { version: proposed })
      assert.equal(started.status, 201, JSON.stringify(started.body))
      assert.equal(started.body.version, proposed)
      assert.equal(started.body.baselineVersion, active)
      assert.equal(started.body.status, 'running')
      assert.equal(started.body.leadsSeen, 0)
      assert.equal(started.body.lastRunAt, null)
      assert.equal(started.body.startedAt, app.clock.now().toISOString())
      // 14 days unless asked otherwise
      assert.equal(Date.parse(started.body.endsAt) - Date.parse(started.body.startedAt), 14 * 86_400_000)

      const twice = await start(manager, { version: proposed, days: 3 })
      assert.equal(twice.status, 409)
      assert.equal(twice.body.code, 'SHADOW_RUNNING')
      assert.equal(twice.body.field, 'version')

      app.clock.advance(60_000)
      const other = await version(app.workspace, 'proposed')
      const byManager = await start(manager, { version: other, days: 90 })
      assert.equal(byManager.status, 201, JSON.stringify(byManager.body))
      assert.equal(byManager.body.createdBy, app.workspace.users.manager.id)

      const list = await app.request('GET', '/api/v1/shadows?limit=1', { session: rep })
      assert.equal(list.status, 200)
      assert.deepEqual(
        list.body.items.map((item: { id: string }) => item.id),
        [byManager.body.id],
      )
      const rest = await app.request('GET', `/api/v1/shadows?limit=5&before=${list.body.next}`, {
        session: rep,
      })
      assert.ok(rest.body.items.some((item: { id: string }) => item.id === started.body.id))

      const detail = await app.request('GET', `/api/v1/shadows/${started.body.id}`, { session: rep })
      assert.equal(detail.status, 200, JSON.stringify(detail.body))
      assert.equal(detail.body.report.leads, 0)
      // Nothing to judge yet: not computable, not 0 %.
      assert.equal(detail.body.report.versions[0].precision.sal, null)
      const changed = await app.request('GET', `/api/v1/shadows/${started.body.id}/changed-leads`, {
        session: rep,
      })
      assert.deepEqual(changed.body, { items: [], next: null })

      const stopByRep = await app.request('POST', `/api/v1/shadows/${started.body.id}/stop`, { session: rep })
      assert.equal(stopByRep.status, 403)
      const stopped = await app.request('POST', `/api/v1/shadows/${started.body.id}/stop`, {
        session: marketing,
      })
      assert.equal(stopped.status, 200)
      assert.equal(stopped.body.status, 'stopped')
      assert.equal(stopped.body.finishedAt, app.clock.now().toISOString())
      const again = await app.request('POST', `/api/v1/shadows/${started.body.id}/stop`, {
        session: marketing,
      })
      assert.equal(again.status, 409)
      // Starting and stopping are audited; the refused second stop is not.
      const audited = await app.request('GET', '/api/v1/audit-log?action=shadow.', {
        key: app.workspace.keys.admin,
      })
      assert.deepEqual(
        audited.body.items
          .filter((entry: { target: string }) => entry.target === started.body.id)
          .map((entry: { action: string; actor: { id: string } }) => [entry.action, entry.actor.id]),
        [
          ['shadow.stop', app.workspace.users.marketing.id],
          ['shadow.start', app.workspace.users.marketing.id],
        ],
      )
      assert.equal(again.body.code, 'SHADOW_FINISHED')
      // Stopped, the version may run again.
      assert.equal((await start(marketing, { version: proposed, days: 1 })).status, 201)
    })

    test('bad input gets a problem naming the field', async () => {
      const proposed = await version(app.workspace, 'proposed')
      const cases: Array<[unknown, string]> = [
        [{}, 'body/version'],
        [{ version: 'one' }, 'body/version'],
        [{ version: 0 }, 'body/version'],
        [{ version: proposed, days: 0 }, 'body/days'],
        [{ version: proposed, days: 91 }, 'body/days'],
        [{ version: proposed, days: 1.5 }, 'body/days'],
        [{ version: proposed, extra: 1 }, 'body'],
      ]
      for (const [body, field] of cases) {
        const response = await start(marketing, body)
        const where = JSON.stringify(body)
        assert.equal(response.status, 400, where)
        assert.match(response.headers.get('content-type') ?? '', PROBLEM, where)
        assert.equal(response.body.code, 'VALIDATION_FAILED', where)
        assert.match(response.body.errors[0].path, new RegExp(`^${field}`), where)
      }
      const notUuid = await app.request('GET', '/api/v1/shadows/nope', { session: marketing })
      assert.equal(notUuid.status, 400)
      assert.equal(notUuid.body.errors[0].path, 'params/id')
      const badCursor = await app.request('GET', '/api/v1/shadows?before=nope', { session: marketing })
      assert.equal(badCursor.status, 400)
      assert.equal(badCursor.body.code, 'INVALID_CURSOR')
      const listed = await app.request('GET', '/api/v1/shadows?limit=100', { session: marketing })
      assert.ok(listed.body.items.every((item: { version: number }) => item.version !== proposed))
    })

    test('unknown versions, other workspaces and versions in the wrong state are refused', async () => {
      const other = await app.addWorkspace(`shadow-other-${dialect}`)
      // Enough versions there that its newest number does not exist here.
      let foreign = 0
      for (let index = 0; index < 12; index += 1) foreign = await version(other, 'proposed')
      const mine = await agreementRepository.list(app.db, app.workspace.id)
      assert.ok(mine.every((stored) => stored.version !== foreign))
      for (const asked of [foreign, 2_000_000_000]) {
        const response = await start(marketing, { version: asked })
        assert.equal(response.status, 404, String(asked))
        assert.equal(response.body.code, 'AGREEMENT_NOT_FOUND')
        assert.equal(response.body.field, 'version')
      }

      const draft = await version(app.workspace, 'draft')
      for (const [asked, state] of [
        [draft, 'draft'],
        [active, 'active'],
      ] as const) {
        const response = await start(marketing, { version: asked })
        assert.equal(response.status, 409, state)
        assert.equal(response.body.code, 'AGREEMENT_STEP_NOT_ALLOWED')
        assert.equal(response.body.versionStatus, state)
        assert.match(response.body.detail, new RegExp(`is ${state}`))
      }

      // Another workspace's shadow does not exist here.
      const outsider = await app.login(other.users.marketing.email, other.slug)
      const theirs = await app.request('POST', '/api/v1/shadows', {
        session: outsider,
        body: { version: foreign },
      })
      assert.equal(theirs.status, 201, JSON.stringify(theirs.body))
      for (const path of [`/api/v1/shadows/${theirs.body.id}`, `/api/v1/shadows/${randomUUID()}`]) {
        const response = await app.request('GET', path, { session: marketing })
        assert.equal(response.status, 404, path)
        assert.equal(response.body.code, 'SHADOW_NOT_FOUND')
        const changed = await app.request('GET', `${path}/changed-leads`, { session: marketing })
        assert.equal(changed.status, 404, path)
      }
      const stop = await app.request('POST', `/api/v1/shadows/${theirs.body.id}/stop`, { session: marketing })
      assert.equal(stop.status, 404)
    })
  })
}
