import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { explanationText, type Explanation } from '#core/explanation/explanation.ts'

const company = { domain: 'stahlbau-nord.de', industry: 'maschinenbau', employees: 400, country: 'DE' }

function handRaiser(index: number, occurredAt = '2026-11-02T08:00:00Z') {
  return {
    id: `hr-${index}`,
    type: 'demo_request',
    occurredAt,
    source: 'website',
    contentId: 'demo',
    lead: {
      email: `lead${index}@stahlbau-nord.de`,
      firstName: `Lead${index}`,
      lastName: 'Nord',
      title: 'Leiter Produktion',
      company,
    },
  }
}

for (const dialect of TEST_DIALECTS) {
  describe(`leads API (${dialect})`, () => {
    let app: TestApp
    const ids: string[] = []
    before(async () => {
      app = await startTestApp(dialect)
      const browsing = Array.from({ length: 7 }, (_, index) => ({
        id: `browse-${index}`,
        type: 'content_click',
        occurredAt: `2026-10-${String(10 + index).padStart(2, '0')}T10:00:00Z`,
        source: 'newsletter',
        contentId: 'blog-oee',
        lead: { email: `reader${index}@example.com` },
      }))
      const response = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events: [...Array.from({ length: 5 }, (_, index) => handRaiser(index)), ...browsing] },
      })
      assert.equal(response.body.accepted, 12, JSON.stringify(response.body.errors))
      for (let index = 0; index < 5; index++) {
        const found = await app.request('GET', `/api/v1/leads?q=lead${index}@stahlbau-nord.de`, {
          key: app.workspace.keys.read,
        })
        ids.push(found.body.items[0].id)
      }
    })
    after(async () => app.close())

    test('filters by stage and pages through every lead exactly once', async () => {
      const mqls = await app.request('GET', '/api/v1/leads?stage=mql', { key: app.workspace.keys.read })
      assert.equal(mqls.body.items.length, 5)
      assert.ok(mqls.body.items.every((lead: { stage: string }) => lead.stage === 'mql'))
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await app.request(
          'GET',
          `/api/v1/leads?limit=5&sort=engagement&order=desc${cursor ? `&cursor=${cursor}` : ''}`,
          { key: app.workspace.keys.read },
        )
        seen.push(...page.body.items.map((lead) => lead.id))
        cursor = page.body.nextCursor
      } while (cursor)
      assert.equal(seen.length, 12)
      assert.equal(new Set(seen).size, 12)
    })

    test('filters by score range and text', async () => {
      const response = await app.request('GET', '/api/v1/leads?minFit=40&q=nord', {
        key: app.workspace.keys.read,
      })
      assert.equal(response.body.items.length, 5)
      const newsletter = await app.request('GET', '/api/v1/leads?source=newsletter&lane=inbound', {
        key: app.workspace.keys.read,
      })
      assert.equal(newsletter.body.items.length, 7)
      const none = await app.request('GET', '/api/v1/leads?minEngagement=1000', {
        key: app.workspace.keys.read,
      })
      assert.equal(none.body.items.length, 0)
    })

    test('lists each lead with the source of its first touchpoint', async () => {
      const all = await app.request('GET', '/api/v1/leads?limit=100', { key: app.workspace.keys.read })
      const sources = Object.fromEntries(
        all.body.items.map((lead: { email: string; source: string | null }) => [lead.email, lead.source]),
      )
      assert.equal(sources['lead0@stahlbau-nord.de'], 'website')
      assert.equal(sources['reader0@example.com'], 'newsletter')
      assert.equal(Object.keys(sources).length, 12)
    })

    test('filters by the days since a lead entered its stage or was last touched, counted back from now', async () => {
      const emails = async (query: string) => {
        const response = await app.request('GET', `/api/v1/leads?limit=100&${query}`, {
          key: app.workspace.keys.read,
        })
        assert.equal(response.status, 200, JSON.stringify(response.body))
        return response.body.items.map((lead: { email: string }) => lead.email).sort()
      }
      const handRaisers = Array.from({ length: 5 }, (_, index) => `lead${index}@stahlbau-nord.de`)
      // Now is 2026-11-02T09:00Z: the hand-raisers became MQLs an hour ago, the readers were last
      // touched from October 10 to 16.
      assert.deepEqual(await emails('enteredWithinDays=1'), handRaisers)
      assert.deepEqual(await emails('touchedWithinDays=1'), handRaisers)
      assert.deepEqual(await emails('touchedWithinDays=19'), [
        ...handRaisers,
        'reader4@example.com',
        'reader5@example.com',
        'reader6@example.com',
      ])
      assert.deepEqual(await emails('enteredWithinDays=30&touchedWithinDays=19&source=newsletter'), [
        'reader4@example.com',
        'reader5@example.com',
        'reader6@example.com',
      ])
      const now = app.clock.now()
      try {
        app.clock.advance(86_400_000)
        assert.deepEqual(await emails('enteredWithinDays=1'), [])
      } finally {
        app.clock.set(now)
      }
    })

    test('sorted by last touch, pages through touched and never-touched leads exactly once', async () => {
      // Never-touched leads do not arise from ingestion here, so four leads lose their last touch for
      // this test: more than a page of three, so a page boundary falls between two of them.
      const untouched = [
        'lead3@stahlbau-nord.de',
        'lead4@stahlbau-nord.de',
        'reader0@example.com',
        'reader1@example.com',
      ]
      const saved = await app.db
        .selectFrom('leads')
        .select(['id', 'last_touch_at'])
        .where('email', 'in', untouched)
        .execute()
      await app.db.updateTable('leads').set({ last_touch_at: null }).where('email', 'in', untouched).execute()
      try {
        for (const order of ['desc', 'asc'] as const) {
          const seen: Array<{ email: string; lastTouchAt: string | null }> = []
          let cursor: string | null = null
          do {
            const url: string = `/api/v1/leads?limit=3&sort=lastTouch&order=${order}${cursor ? `&cursor=${cursor}` : ''}`
            const page = await app.request('GET', url, { key: app.workspace.keys.read })
            assert.equal(page.status, 200, `${url}: ${JSON.stringify(page.body)}`)
            seen.push(...page.body.items)
            cursor = page.body.nextCursor
          } while (cursor)
          assert.equal(seen.length, 12, order)
          assert.equal(new Set(seen.map((lead) => lead.email)).size, 12, order)
          // Never touched counts as the oldest: last when the newest come first, first otherwise.
          const touchedFirst = order === 'desc' ? seen : seen.toReversed()
          assert.deepEqual(
            touchedFirst.slice(8).map((lead) => lead.lastTouchAt),
            [null, null, null, null],
            order,
          )
          const times = touchedFirst.slice(0, 8).map((lead) => Date.parse(lead.lastTouchAt!))
          assert.deepEqual(
            times,
            times.toSorted((a, b) => b - a),
            order,
          )
        }
      } finally {
        for (const row of saved) {
          await app.db
            .updateTable('leads')
            .set({ last_touch_at: row.last_touch_at })
            .where('id', '=', row.id)
            .execute()
        }
      }
    })

    test('a bad filter value gets a 400 problem naming the parameter', async () => {
      const response = await app.request('GET', '/api/v1/leads?stage=ripe', { key: app.workspace.keys.read })
      assert.equal(response.status, 400)
      assert.match(response.body.errors[0].path, /querystring\/stage/)
      const cursor = await app.request('GET', '/api/v1/leads?cursor=garbage', {
        key: app.workspace.keys.read,
      })
      assert.equal(cursor.status, 400)
      for (const [query, field] of [
        ['enteredWithinDays=0', 'enteredWithinDays'],
        ['enteredWithinDays=3651', 'enteredWithinDays'],
        ['touchedWithinDays=2.5', 'touchedWithinDays'],
        ['touchedWithinDays=gestern', 'touchedWithinDays'],
      ]) {
        const period = await app.request('GET', `/api/v1/leads?${query}`, { key: app.workspace.keys.read })
        assert.equal(period.status, 400, query)
        assert.equal(period.body.errors[0].path, `querystring/${field}`, query)
      }
    })

    test('the detail explains every score contribution and the stage history', async () => {
      const response = await app.request('GET', `/api/v1/leads/${ids[0]}`, { key: app.workspace.keys.read })
      assert.equal(response.status, 200)
      const detail = response.body
      assert.equal(detail.stage, 'mql')
      const rules = detail.scores.contributions.map((entry: { ruleId: string }) => entry.ruleId).sort()
      assert.deepEqual(rules, [
        'hand_raiser',
        'industry_manufacturing',
        'region_dach',
        'senior_title',
        'size_core',
      ])
      const handRaise = detail.scores.contributions.find(
        (entry: { ruleId: string }) => entry.ruleId === 'hand_raiser',
      )
      assert.equal(handRaise.originalPoints, 40)
      assert.ok(handRaise.points < 40 && handRaise.points > 39)
      assert.deepEqual(
        detail.history.map((entry: { from: string | null; to: string }) => `${entry.from}>${entry.to}`),
        ['null>lead', 'lead>mql'],
      )
      assert.equal(detail.history[1].actor.type, 'system')
      // Reasons as data next to their English sentences, one for one.
      const mql = detail.history[1]
      assert.ok(mql.explanations.length > 0)
      assert.deepEqual(mql.because, mql.explanations.map(explanationText))
      assert.ok(mql.explanations.some((entry: Explanation) => entry.code === 'hand_raiser'))
      const fitRule = detail.scores.contributions.find(
        (entry: { ruleId: string }) => entry.ruleId === 'industry_manufacturing',
      )
      assert.equal(fitRule.explanations[0].code, 'field')
      assert.deepEqual(fitRule.because, fitRule.explanations.map(explanationText))
      assert.deepEqual(Object.keys(fitRule.labels).sort(), ['de', 'en'])
      assert.deepEqual(detail.allowedActions, ['accept', 'reject', 'disqualify', 'assign'])
    })

    test('a lead short of MQL says what it still needs, read off the agreement; an MQL has nothing to reach', async () => {
      const found = await app.request('GET', '/api/v1/leads?q=reader0@example.com', {
        key: app.workspace.keys.read,
      })
      const reader = (
        await app.request('GET', `/api/v1/leads/${found.body.items[0].id}`, { key: app.workspace.keys.read })
      ).body
      assert.equal(reader.stage, 'lead')
      const distance = reader.mqlDistance
      assert.deepEqual([distance.status, distance.lane, distance.met], ['open', 'inbound', false])
      assert.ok(distance.routes.length >= 2, JSON.stringify(distance.routes))
      // No company, no title: every route needs fit points no engagement brings, and says so.
      for (const route of distance.routes) {
        assert.equal(route.engagementCanClose, false)
        const fit = route.requirements.find((requirement: { score?: string }) => requirement.score === 'fit')
        assert.equal(fit.current, reader.scores.fit)
        assert.match(route.text.en, /more fit points.*\(no engagement alone can close this\)$/)
        assert.match(route.text.de, /weitere Fit-Punkte.*\(durch Engagement allein nicht erreichbar\)$/)
      }
      assert.ok(
        distance.routes.some((route: { requirements: Array<{ kind: string }> }) =>
          route.requirements.some((requirement) => requirement.kind === 'hand_raiser'),
        ),
      )
      const mql = (await app.request('GET', `/api/v1/leads/${ids[0]}`, { key: app.workspace.keys.read })).body
      assert.deepEqual([mql.mqlDistance.status, mql.mqlDistance.routes], ['not_applicable', []])
    })

    test('as of an instant before the hand-raise the lead did not exist yet', async () => {
      const response = await app.request('GET', `/api/v1/leads/${ids[0]}?asOf=2026-11-01T00:00:00Z`, {
        key: app.workspace.keys.read,
      })
      assert.equal(response.body.history.length, 0)
      assert.equal(response.body.timeline.length, 0)
    })

    test('as of the moment it became MQL the lead shows the scores that made it MQL', async () => {
      const now = (await app.request('GET', `/api/v1/leads/${ids[0]}`, { key: app.workspace.keys.read })).body
      const mql = now.history.find((entry: { to: string }) => entry.to === 'mql')
      const then = await app.request('GET', `/api/v1/leads/${ids[0]}?asOf=${mql.at}`, {
        key: app.workspace.keys.read,
      })
      assert.equal(then.body.stage, 'mql')
      assert.equal(then.body.scores.fit, mql.fit)
      assert.equal(then.body.scores.engagement, mql.engagement)
      assert.ok(now.scores.engagement < then.body.scores.engagement)
    })

    test('a rep accepts an MQL; a second accept is refused with what is allowed', async () => {
      const rep = await app.login(app.workspace.users.sales.email)
      const first = await app.request('POST', `/api/v1/leads/${ids[1]}/actions`, {
        session: rep,
        body: { action: 'accept' },
      })
      assert.equal(first.status, 200, JSON.stringify(first.body))
      assert.equal(first.body.stage, 'sal')
      const second = await app.request('POST', `/api/v1/leads/${ids[1]}/actions`, {
        session: rep,
        body: { action: 'accept' },
      })
      assert.equal(second.status, 409)
      assert.equal(second.body.code, 'ILLEGAL_TRANSITION')
      assert.deepEqual(second.body.allowed, [
        'recycle',
        'qualify',
        'disqualify',
        'assign',
        'update_checklist',
      ])
      const detail = await app.request('GET', `/api/v1/leads/${ids[1]}`, { session: rep })
      assert.equal(detail.body.owner.email, app.workspace.users.sales.email)
      assert.equal(detail.body.history.at(-1).actor.user.email, app.workspace.users.sales.email)
    })

    test('two reps accepting at the same moment: exactly one wins', async () => {
      const [a, b] = await Promise.all([
        app.login(app.workspace.users.sales.email),
        app.login(app.workspace.users.sales2.email),
      ])
      const results = await Promise.all([
        app.request('POST', `/api/v1/leads/${ids[2]}/actions`, { session: a, body: { action: 'accept' } }),
        app.request('POST', `/api/v1/leads/${ids[2]}/actions`, { session: b, body: { action: 'accept' } }),
      ])
      assert.deepEqual(results.map((result) => result.status).sort(), [200, 409])
    })

    test('rejecting needs one of the agreement reasons and recycles the lead', async () => {
      const rep = await app.login(app.workspace.users.sales.email)
      const unknown = await app.request('POST', `/api/v1/leads/${ids[3]}/actions`, {
        session: rep,
        body: { action: 'reject', reason: 'dislike' },
      })
      assert.equal(unknown.status, 422)
      assert.equal(unknown.body.code, 'UNKNOWN_REASON')
      assert.ok(unknown.body.allowed.includes('no_budget'))
      const missing = await app.request('POST', `/api/v1/leads/${ids[3]}/actions`, {
        session: rep,
        body: { action: 'reject' },
      })
      assert.equal(missing.status, 400)
      const ok = await app.request('POST', `/api/v1/leads/${ids[3]}/actions`, {
        session: rep,
        body: { action: 'reject', reason: 'no_budget', note: 'Budget 2027' },
      })
      assert.equal(ok.status, 200)
      assert.equal(ok.body.stage, 'recycled')
      // Back with marketing: the rep may still read what they decided, but no longer work the lead.
      const readBack = await app.request('GET', `/api/v1/leads/${ids[3]}`, { session: rep })
      assert.equal(readBack.status, 200)
      assert.deepEqual(readBack.body.allowedActions, [])
      const disqualify = await app.request('POST', `/api/v1/leads/${ids[3]}/actions`, {
        session: rep,
        body: { action: 'disqualify', reason: 'competitor' },
      })
      assert.equal(disqualify.status, 404)
      const listed = await app.request('GET', '/api/v1/leads?stage=recycled', { session: rep })
      assert.ok(!listed.body.items.some((item: { id: string }) => item.id === ids[3]))
      const manager = await app.login(app.workspace.users.manager.email)
      const detail = await app.request('GET', `/api/v1/leads/${ids[3]}`, { session: manager })
      assert.equal(detail.body.state.recycleCount, 1)
      assert.equal(detail.body.state.nurtureTrack, 'roi')
      assert.equal(detail.body.history.at(-1).reason, 'no_budget')
    })

    test('qualifying needs the checklist the agreement asks for', async () => {
      const rep = await app.login(app.workspace.users.sales.email)
      await app.request('POST', `/api/v1/leads/${ids[4]}/actions`, {
        session: rep,
        body: { action: 'accept' },
      })
      const thin = await app.request('POST', `/api/v1/leads/${ids[4]}/actions`, {
        session: rep,
        body: { action: 'qualify', checklist: { bant: ['budget'] } },
      })
      assert.equal(thin.status, 422)
      assert.equal(thin.body.code, 'CHECKLIST_INCOMPLETE')
      assert.deepEqual(thin.body.missing[0].mandatory, ['need'])
      const full = await app.request('POST', `/api/v1/leads/${ids[4]}/actions`, {
        session: rep,
        body: {
          action: 'qualify',
          checklist: { bant: ['need', 'budget', 'timeline'] },
          expectedAmount: 40_000,
        },
      })
      assert.equal(full.status, 200, JSON.stringify(full.body))
      assert.equal(full.body.stage, 'sql')
    })

    test('a rep sees and works only their own leads and the unowned MQLs; a manager sees all', async () => {
      const rep = await app.login(app.workspace.users.sales.email)
      const other = await app.login(app.workspace.users.sales2.email)
      const manager = await app.login(app.workspace.users.manager.email)
      await app.request('POST', `/api/v1/leads/${ids[0]}/actions`, {
        session: rep,
        body: { action: 'accept' },
      })
      const mine = (await app.request('GET', '/api/v1/leads?limit=100', { session: rep })).body.items
      assert.ok(mine.length > 0)
      assert.ok(
        mine.every(
          (lead: { ownerId: string | null; stage: string }) =>
            lead.ownerId === app.workspace.users.sales.id || (lead.ownerId === null && lead.stage === 'mql'),
        ),
      )
      const theirs = (await app.request('GET', '/api/v1/leads?limit=100', { session: other })).body.items
      assert.ok(!theirs.some((lead: { id: string }) => lead.id === ids[0]))
      assert.equal((await app.request('GET', `/api/v1/leads/${ids[0]}`, { session: other })).status, 404)
      const meddling = await app.request('POST', `/api/v1/leads/${ids[0]}/actions`, {
        session: other,
        body: { action: 'recycle', reason: 'no_need' },
      })
      assert.equal(meddling.status, 404)
      const all = (await app.request('GET', '/api/v1/leads?limit=100', { session: manager })).body.items
      assert.equal(all.length, 12)
      assert.equal((await app.request('GET', `/api/v1/leads/${ids[0]}`, { session: manager })).status, 200)
    })

    test('marketing cannot accept on behalf of sales', async () => {
      const marketing = await app.login(app.workspace.users.marketing.email)
      const response = await app.request('POST', `/api/v1/leads/${ids[0]}/actions`, {
        session: marketing,
        body: { action: 'accept' },
      })
      assert.equal(response.status, 403)
    })

    test('a decision that a late touchpoint made impossible is listed as refused, with its details', async () => {
      const lead = { email: 'petra@werk-sued.de', title: 'Leiterin Produktion', company }
      const ingest = (events: unknown[]) =>
        app.request('POST', '/api/v1/events', { key: app.workspace.keys.ingest, body: { events } })
      await ingest([{ ...handRaiser(90), lead }])
      const id = (await app.request('GET', `/api/v1/leads?q=${lead.email}`, { key: app.workspace.keys.read }))
        .body.items[0].id
      const manager = await app.login(app.workspace.users.manager.email)
      const accepted = await app.request('POST', `/api/v1/leads/${id}/actions`, {
        session: manager,
        body: { action: 'accept' },
      })
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
      // Arrives late, from before the acceptance: she was a working student then, so she was disqualified.
      await ingest([
        {
          id: 'late-90',
          type: 'page_view',
          occurredAt: '2026-11-02T08:30:00Z',
          source: 'website',
          lead: { email: lead.email, title: 'Werkstudentin Produktion' },
        },
      ])
      const detail = (await app.request('GET', `/api/v1/leads/${id}`, { session: manager })).body
      assert.equal(detail.stage, 'disqualified')
      assert.equal(detail.refusedDecisions.length, 1)
      const [refused] = detail.refusedDecisions
      assert.equal(refused.code, 'ILLEGAL_TRANSITION')
      assert.deepEqual([refused.details.stage, refused.details.command], ['disqualified', 'accept'])
    })

    test('another workspace sees none of these leads', async () => {
      const other = await app.addWorkspace(`other-${dialect}`)
      const list = await app.request('GET', '/api/v1/leads', { key: other.keys.read })
      assert.equal(list.body.items.length, 0)
      const detail = await app.request('GET', `/api/v1/leads/${ids[0]}`, { key: other.keys.read })
      assert.equal(detail.status, 404)
    })
  })
}
