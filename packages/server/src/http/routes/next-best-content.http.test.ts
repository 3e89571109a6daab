// Next best content over real HTTP: a lead's recommendations (GET /leads/{id}/recommendations) and the
// content-gaps report (GET /reports/content-gaps), with who may read them and a 4xx naming bad input.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/test-app.ts'
import { handRaiser } from '../../testing/hand-raiser.ts'

const PROBLEM = /^application\/problem\+json/
const PERIOD = 'from=2026-10-01&to=2026-11-02'

// Beside the test catalog (blog-oee: orientation on oee, wp-feinplanung and case-study-kunststoff on
// feinplanung, pricing on preise): the next stages on oee in German and English, and mes without any
// decision-stage item.
const CATALOG = [
  {
    id: 'wp-oee',
    title: 'OEE-Whitepaper',
    kind: 'whitepaper',
    journeyStage: 'consideration',
    topics: ['oee'],
    language: 'de',
  },
  {
    id: 'wp-oee-en',
    title: 'OEE white paper',
    kind: 'whitepaper',
    journeyStage: 'consideration',
    topics: ['oee'],
    language: 'en',
  },
  {
    id: 'case-oee',
    title: 'Fallstudie OEE',
    kind: 'case_study',
    journeyStage: 'decision',
    topics: ['oee'],
    language: 'de',
  },
  {
    id: 'blog-mes',
    title: 'MES einführen',
    kind: 'blog',
    journeyStage: 'orientation',
    topics: ['mes'],
    language: 'de',
  },
  {
    id: 'wp-mes',
    title: 'MES-Auswahl',
    kind: 'whitepaper',
    journeyStage: 'consideration',
    topics: ['mes'],
    language: 'de',
  },
  {
    id: 'blog-lieferkette',
    title: 'Lieferketten',
    kind: 'blog',
    journeyStage: 'orientation',
    topics: ['lieferkette'],
    language: 'de',
  },
] as const

const company = (domain: string) => ({ domain, industry: 'maschinenbau', employees: 200, country: 'DE' })
const touch = (id: string, email: string, type: string, occurredAt: string, contentId?: string) => ({
  id,
  type,
  occurredAt,
  source: 'website',
  ...(contentId === undefined ? {} : { contentId }),
  lead: { email, company: company(email.split('@')[1]!) },
})

for (const dialect of TEST_DIALECTS) {
  describe(`next best content (${dialect})`, () => {
    let app: TestApp
    let other: TestWorkspace
    const leads: Record<string, string> = {}
    const read = (path: string, key = app.workspace.keys.read) =>
      app.request('GET', `/api/v1/${path}`, { key })

    before(async () => {
      app = await startTestApp(dialect)
      other = await app.addWorkspace('globex-nbc')
      for (const { id, ...item } of CATALOG) {
        const put = await app.request('PUT', `/api/v1/content/${id}`, {
          key: app.workspace.keys.admin,
          body: item,
        })
        assert.equal(put.status, 200, JSON.stringify(put.body))
      }
      const events = [
        // Nina read about OEE and MES: each moves on to its consideration stage.
        touch('n1', 'nina@nurture-gmbh.de', 'content_download', '2026-10-30T10:00:00Z', 'blog-oee'),
        touch('n2', 'nina@nurture-gmbh.de', 'page_view', '2026-10-20T10:00:00Z', 'blog-mes'),
        // Quentin only ever visited a page outside the catalog.
        touch('q1', 'quentin@quiet-ag.de', 'page_view', '2026-10-30T10:00:00Z'),
        // Mia read the OEE blog, then asked for a demo: an MQL, which sales now owns.
        touch('m1', 'mia@mql-werk.de', 'content_download', '2026-10-10T10:00:00Z', 'blog-oee'),
        handRaiser('m2', 'mia@mql-werk.de', { occurredAt: '2026-10-12T10:00:00Z' }),
        // Dora fits (machine building, 200 people, DE) and read one decision-stage page within three weeks:
        // the MQL criteria want a second one, which a decision-stage item on her topic would give.
        touch('d1', 'dora@fit-werk.de', 'content_download', '2026-10-25T10:00:00Z', 'wp-feinplanung'),
        touch('d2', 'dora@fit-werk.de', 'page_view', '2026-10-30T10:00:00Z', 'pricing'),
        // Lars read about supply chains; that item has since left the catalog.
        touch('l1', 'lars@logistik-kg.de', 'page_view', '2026-10-15T10:00:00Z', 'blog-lieferkette'),
      ]
      const ingested = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events },
      })
      assert.equal(ingested.body.accepted, events.length, JSON.stringify(ingested.body.errors))
      for (const lead of ingested.body.leads as Array<{ email: string; id: string }>)
        leads[lead.email.split('@')[0]!] = lead.id
      const removed = await app.request('DELETE', '/api/v1/content/blog-lieferkette', {
        key: app.workspace.keys.admin,
      })
      assert.equal(removed.status, 204)
    })
    after(async () => app.close())

    describe('GET /leads/{id}/recommendations', () => {
      test('items that give what the lead still needs for MQL come first, and say so', async () => {
        const detail = (await read(`leads/${leads['dora']}`)).body
        const route = detail.mqlDistance.routes.find((candidate: { requirements: Array<{ kind: string }> }) =>
          candidate.requirements.some((requirement) => requirement.kind === 'touchpoints'),
        )
        assert.ok(route, JSON.stringify(detail.mqlDistance))
        const response = await read(`leads/${leads['dora']}/recommendations`)
        assert.equal(response.status, 200, JSON.stringify(response.body))
        const [first] = response.body.items
        assert.equal(first.contentId, 'case-study-kunststoff')
        assert.equal(first.journeyStage, 'decision')
        assert.deepEqual(
          first.closesGap.map((gap: { en: string }) => gap.en),
          ['1 more decision-stage touchpoint within 21 days (Shift to decision stage)'],
        )
        assert.match(
          first.closesGap[0].de,
          /^1 weiterer Touchpoint der Entscheidungsphase innerhalb von 21 Tagen/,
        )
        // Nina's items give no touchpoint her criteria count: none claims to.
        const nina = await read(`leads/${leads['nina']}/recommendations`)
        for (const item of nina.body.items)
          if (item.journeyStage !== 'decision') assert.deepEqual(item.closesGap, [])
      })

      test('recommends the next stage on the topics a nurtured lead read about, in its language, with why', async () => {
        const response = await read(`leads/${leads.nina}/recommendations`)
        assert.equal(response.status, 200, JSON.stringify(response.body))
        const body = response.body
        assert.equal(body.stage, 'lead')
        assert.equal(body.nurture, true)
        assert.equal(body.reason, null)
        // The MES blog is in German (the OEE one has no language): what she read tells before her country.
        assert.deepEqual(body.language, { language: 'de', source: 'content' })
        assert.equal(body.journeyStage, 'orientation')
        // The more recent OEE download weighs more than the older MES visit.
        assert.deepEqual(
          body.items.map((item: { contentId: string }) => item.contentId),
          ['wp-oee', 'wp-mes'],
        )
        const [first] = body.items
        assert.equal(first.title, 'OEE-Whitepaper')
        assert.equal(first.language, 'de')
        assert.ok(first.score > body.items[1].score)
        assert.equal(first.why.movesTo, 'consideration')
        assert.equal(first.why.from, 'orientation')
        assert.equal(first.why.language, 'lead_language')
        assert.deepEqual(
          first.why.topics.map((topic: { topic: string; touchpoints: number; consumed: unknown[] }) => [
            topic.topic,
            topic.touchpoints,
            topic.consumed,
          ]),
          [
            [
              'oee',
              1,
              [
                {
                  contentId: 'blog-oee',
                  title: 'OEE verstehen',
                  journeyStage: 'orientation',
                  touchpoints: 1,
                  lastAt: '2026-10-30T10:00:00.000Z',
                },
              ],
            ],
          ],
        )
        assert.deepEqual(
          body.topics.map((topic: { topic: string; nextStage: string }) => [topic.topic, topic.nextStage]),
          [
            ['oee', 'consideration'],
            ['mes', 'consideration'],
          ],
        )
      })

      test('recommends all the same without e-mail consent, and says when e-mail is allowed', async () => {
        const before = await read(`leads/${leads.nina}/recommendations`)
        assert.deepEqual(before.body.email, { allowed: false, reason: 'blocked_no_consent' })
        const marketing = await app.login(app.workspace.users.marketing.email)
        const consent = await app.request('POST', `/api/v1/leads/${leads.nina}/consents`, {
          session: marketing,
          body: { purpose: 'email_marketing', channel: 'email', granted: true, source: 'web_form' },
        })
        assert.equal(consent.status, 201, JSON.stringify(consent.body))
        const after = await app.request('GET', `/api/v1/leads/${leads.nina}/recommendations`, {
          session: marketing,
        })
        assert.deepEqual(after.body.email, { allowed: true, reason: 'allowed' })
        assert.deepEqual(after.body.items, before.body.items)
      })

      test('another language on request, and a limit', async () => {
        const english = await read(`leads/${leads.nina}/recommendations?language=en&limit=1`)
        assert.equal(english.status, 200, JSON.stringify(english.body))
        assert.deepEqual(english.body.language, { language: 'en', source: 'request' })
        assert.deepEqual(
          english.body.items.map((item: { contentId: string }) => item.contentId),
          ['wp-oee-en'],
        )
      })

      test('says plainly why nothing fits: no engagement yet, or not in nurture', async () => {
        const quiet = await read(`leads/${leads.quentin}/recommendations`)
        assert.equal(quiet.status, 200, JSON.stringify(quiet.body))
        assert.deepEqual(
          [quiet.body.items, quiet.body.reason, quiet.body.nurture],
          [[], 'no_engagement', true],
        )
        const mql = await read(`leads/${leads.mia}/recommendations`)
        assert.equal(mql.status, 200, JSON.stringify(mql.body))
        assert.deepEqual([mql.body.stage, mql.body.items, mql.body.reason], ['mql', [], 'not_in_nurture'])
        // What it showed interest in is told all the same.
        assert.deepEqual(
          mql.body.topics.map((topic: { topic: string }) => topic.topic),
          ['oee'],
        )
      })

      test('is read like the lead: marketing and read keys, not a rep it is not shown to, nobody signed out', async () => {
        const marketing = await app.login(app.workspace.users.marketing.email)
        const path = `/api/v1/leads/${leads.nina}/recommendations`
        assert.equal((await app.request('GET', path, { session: marketing })).status, 200)
        const rep = await app.login(app.workspace.users.sales.email)
        const hidden = await app.request('GET', path, { session: rep })
        assert.equal(hidden.status, 404)
        assert.equal(hidden.body.code, 'LEAD_NOT_FOUND')
        assert.equal((await app.request('GET', path)).status, 401)
        assert.equal((await app.request('GET', path, { key: app.workspace.keys.ingest })).status, 403)
      })

      test('an unknown lead and another workspace’s lead are 404 problems', async () => {
        for (const [id, key] of [
          [randomUUID(), app.workspace.keys.read],
          [leads.nina!, other.keys.read],
        ] as const) {
          const response = await read(`leads/${id}/recommendations`, key)
          assert.equal(response.status, 404)
          assert.match(response.headers.get('content-type') ?? '', PROBLEM)
          assert.equal(response.body.code, 'LEAD_NOT_FOUND')
        }
      })

      test('refuses bad input with a 400 naming the field', async () => {
        const cases: Array<[string, string]> = [
          ['limit=0', 'querystring/limit'],
          ['limit=21', 'querystring/limit'],
          ['limit=many', 'querystring/limit'],
          ['language=EN', 'querystring/language'],
          ['language=deu', 'querystring/language'],
        ]
        for (const [query, path] of cases) {
          const response = await read(`leads/${leads.nina}/recommendations?${query}`)
          assert.equal(response.status, 400, query)
          assert.match(response.headers.get('content-type') ?? '', PROBLEM)
          assert.equal(response.body.errors[0].path, path, query)
        }
        const unknown = await read(`leads/${leads.nina}/recommendations?topic=oee`)
        assert.equal(unknown.status, 400)
        const badId = await read('leads/not-a-uuid/recommendations')
        assert.equal(badId.status, 400)
        assert.equal(badId.body.errors[0].path, 'params/id')
      })
    })

    describe('GET /reports/content-gaps', () => {
      test('lists the topics with their items per stage and engaged leads, decision gaps first', async () => {
        const response = await read(`reports/content-gaps?${PERIOD}`)
        assert.equal(response.status, 200, JSON.stringify(response.body))
        assert.equal(response.body.name, 'content-gaps')
        assert.deepEqual(response.body.period, {
          from: '2026-10-01',
          to: '2026-11-02',
          timezone: 'Europe/Berlin',
        })
        const row = (topic: { topic: string; decisionGap: boolean; leads: number; inCatalog: boolean }) => [
          topic.topic,
          topic.decisionGap,
          topic.leads,
          topic.inCatalog,
        ]
        assert.deepEqual(response.body.topics.map(row), [
          ['lieferkette', true, 1, false],
          ['mes', true, 1, true],
          ['oee', false, 2, true],
          ['feinplanung', false, 1, true],
          ['preise', false, 1, true],
        ])
        const mes = response.body.topics.find((topic: { topic: string }) => topic.topic === 'mes')
        assert.deepEqual(mes.items, { orientation: 1, consideration: 1, decision: 0, unstaged: 0 })
        assert.deepEqual(mes.missingStages, ['decision'])
        const oee = response.body.topics.find((topic: { topic: string }) => topic.topic === 'oee')
        assert.deepEqual(oee.items, { orientation: 1, consideration: 2, decision: 1, unstaged: 0 })
        assert.equal(oee.touchpoints, 2)
      })

      test('counts per content item the leads that consumed it and those that became MQL after', async () => {
        const response = await read(`reports/content-gaps?${PERIOD}`)
        const row = (item: {
          contentId: string
          leads: number
          mqlAfter: number
          mqlRate: number | null
        }) => [item.contentId, item.leads, item.mqlAfter, item.mqlRate]
        assert.deepEqual(response.body.precedingMql.map(row), [
          ['blog-oee', 2, 1, 0.5],
          // The demo request made Mia an MQL at the same instant: it counts as preceding it.
          ['demo', 1, 1, 1],
          ['blog-lieferkette', 1, 0, 0],
          ['blog-mes', 1, 0, 0],
          ['pricing', 1, 0, 0],
          ['wp-feinplanung', 1, 0, 0],
        ])
        const blog = response.body.precedingMql[0]
        assert.equal(blog.title, 'OEE verstehen')
        assert.equal(blog.medianDaysToMql, 2)
        assert.equal(response.body.precedingMql[2].inCatalog, false)
        // An MQL entry after the period does not count: Mia's came on 12 October.
        const early = await read('reports/content-gaps?from=2026-10-01&to=2026-10-11')
        assert.deepEqual(early.body.precedingMql.map(row), [['blog-oee', 1, 0, 0]])
      })

      test('another workspace sees only its own catalog and leads', async () => {
        const response = await read(`reports/content-gaps?${PERIOD}`, other.keys.read)
        assert.equal(response.status, 200)
        assert.deepEqual(response.body.precedingMql, [])
        assert.ok(response.body.topics.every((topic: { leads: number }) => topic.leads === 0))
        assert.ok(!response.body.topics.some((topic: { topic: string }) => topic.topic === 'mes'))
      })

      test('is for everyone who may read leads, and nobody signed out', async () => {
        const rep = await app.login(app.workspace.users.sales.email)
        assert.equal(
          (await app.request('GET', `/api/v1/reports/content-gaps?${PERIOD}`, { session: rep })).status,
          200,
        )
        assert.equal((await app.request('GET', `/api/v1/reports/content-gaps?${PERIOD}`)).status, 401)
      })

      test('follows what was recommended: consumed afterwards, then MQL', async () => {
        // Dora was recommended the case study (the first test asked at the clock's now); she reads it an
        // hour later and asks for a demo: MQL after consuming a recommended item.
        const recommendedAt = app.clock.now().getTime()
        app.clock.advance(3 * 3_600_000)
        const consumed = await app.request('POST', '/api/v1/events', {
          key: app.workspace.keys.ingest,
          body: {
            events: [
              touch(
                'd3',
                'dora@fit-werk.de',
                'content_download',
                new Date(recommendedAt + 3_600_000).toISOString(),
                'case-study-kunststoff',
              ),
              handRaiser('d4', 'dora@fit-werk.de', {
                occurredAt: new Date(recommendedAt + 7_200_000).toISOString(),
              }),
            ],
          },
        })
        assert.equal(consumed.body.accepted, 2, JSON.stringify(consumed.body.errors))
        const report = (await read('reports/content-gaps?from=2026-10-01&to=2026-11-02')).body
        const item = report.recommended.find(
          (entry: { contentId: string }) => entry.contentId === 'case-study-kunststoff',
        )
        assert.deepEqual(
          [item.recommended, item.consumed, item.mqlAfter, item.mqlRate, item.title],
          [1, 1, 1, 1, 'Fallstudie Kunststoff'],
        )
        // Items recommended and not consumed count as recommended only.
        for (const other of report.recommended.filter(
          (entry: { contentId: string }) => entry.contentId !== 'case-study-kunststoff',
        ))
          assert.deepEqual(
            [other.consumed, other.mqlAfter, other.mqlRate],
            [0, 0, null],
            JSON.stringify(other),
          )
        assert.equal(report.recommendedTotals.consumed, 1)
        assert.equal(report.recommendedTotals.mqlAfter, 1)
        assert.ok(report.recommendedTotals.recommended >= 2, JSON.stringify(report.recommendedTotals))
        // A period before any recommendation has none.
        const before = (await read('reports/content-gaps?from=2026-10-01&to=2026-10-31')).body
        assert.deepEqual([before.recommended, before.recommendedTotals.recommended], [[], 0])
      })

      test('refuses a bad period as the other reports do, naming the parameter', async () => {
        const cases: Array<[string, number, string]> = [
          ['from=2026-11-30&to=2026-11-01', 422, 'to'],
          ['from=2010-01-01&to=2026-11-01', 422, 'to'],
          ['from=2026-13-01&to=2026-11-01', 422, 'from'],
          ['to=yesterday', 422, 'to'],
        ]
        for (const [query, status, parameter] of cases) {
          const response = await read(`reports/content-gaps?${query}`)
          assert.equal(response.status, status, `${query}: ${JSON.stringify(response.body)}`)
          assert.match(response.headers.get('content-type') ?? '', PROBLEM)
          assert.equal(response.body.code, 'REPORT_QUERY_INVALID')
          assert.equal(response.body.parameter, parameter, query)
        }
        const grouped = await read(`reports/content-gaps?${PERIOD}&by=source`)
        assert.equal(grouped.status, 400)
        assert.match(grouped.headers.get('content-type') ?? '', PROBLEM)
      })
    })
  })
}
