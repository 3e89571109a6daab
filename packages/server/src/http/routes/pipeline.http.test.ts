import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.ts'

type Lead = {
  id: string
  email: string
  stage: string
  source?: string | null
  stageEnteredAt: string
  lastTouchAt: string | null
}
type Auth = { key: string } | { session: TestSession }

const company = { domain: 'stahlbau-nord.de', industry: 'maschinenbau', employees: 400, country: 'DE' }
const DAY_MS = 86_400_000

// A mix across stages, sources, owners and dates: hand-raisers become MQLs waiting for a rep, newsletter
// readers stay leads, SDR imports enter as SAL owned by the rep who contacted them.
function events(salesEmail: string, otherSalesEmail: string) {
  const handRaisers = Array.from({ length: 4 }, (_, index) => ({
    id: `hr-${index}`,
    type: 'demo_request',
    occurredAt: `2026-10-${28 + index}T08:00:00Z`,
    source: 'website',
    contentId: 'demo',
    lead: {
      email: `lead${index}@stahlbau-nord.de`,
      firstName: `Lead${index}`,
      lastName: 'Nord',
      title: 'Leiter Produktion',
      company,
    },
  }))
  const readers = Array.from({ length: 6 }, (_, index) => ({
    id: `read-${index}`,
    type: 'content_click',
    occurredAt: `2026-10-${String(5 + index * 4).padStart(2, '0')}T10:00:00Z`,
    source: index % 2 === 0 ? 'newsletter' : 'webinar',
    contentId: 'blog-oee',
    lead: { email: `reader${index}@example.com`, firstName: 'Reader', lastName: `${index}` },
  }))
  const imports = [salesEmail, salesEmail, salesEmail, otherSalesEmail, otherSalesEmail].map(
    (owner, index) => ({
      id: `sdr-${index}`,
      type: 'sdr_contact',
      occurredAt: `2026-10-${String(20 + index).padStart(2, '0')}T10:00:00Z`,
      source: 'sdr_list',
      lead: { email: `cold${index}@walzwerk-ost.de`, firstName: 'Kalt', lastName: `${index}` },
      properties: { owner },
    }),
  )
  return [...handRaisers, ...readers, ...imports]
}

const STAGES = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified']

for (const dialect of TEST_DIALECTS) {
  describe(`pipeline board API (${dialect})`, () => {
    let app: TestApp
    let read: Auth
    let rep: Auth
    let manager: Auth

    // Every lead the list returns under a query, paged through in small pages.
    async function pageThrough(path: string, auth: Auth, query: string): Promise<Lead[]> {
      const all: Lead[] = []
      let cursor: string | null = null
      do {
        const url: string = `${path}?limit=3${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`
        const page = await app.request('GET', url, auth)
        assert.equal(page.status, 200, `${url}: ${JSON.stringify(page.body)}`)
        all.push(...(page.body.items as Lead[]))
        cursor = page.body.nextCursor
      } while (cursor)
      return all
    }

    const tally = (leads: Lead[]) =>
      Object.fromEntries(STAGES.map((stage) => [stage, leads.filter((lead) => lead.stage === stage).length]))

    async function counts(auth: Auth, query: string) {
      const response = await app.request('GET', `/api/v1/pipeline${query ? `?${query}` : ''}`, auth)
      assert.equal(response.status, 200, JSON.stringify(response.body))
      const stages = response.body.stages as Array<{ stage: string; count: number }>
      assert.deepEqual(
        stages.map((entry) => entry.stage),
        STAGES,
      )
      assert.equal(
        response.body.total,
        stages.reduce((sum, entry) => sum + entry.count, 0),
      )
      return Object.fromEntries(stages.map((entry) => [entry.stage, entry.count]))
    }

    before(async () => {
      app = await startTestApp(dialect)
      const { sales, sales2, manager: salesManager } = app.workspace.users
      const ingested = await app.request('POST', '/api/v1/events', {
        key: app.workspace.keys.ingest,
        body: { events: events(sales.email, sales2.email) },
      })
      assert.equal(ingested.body.accepted, 15, JSON.stringify(ingested.body.errors))
      read = { key: app.workspace.keys.read }
      rep = { session: await app.login(sales.email) }
      manager = { session: await app.login(salesManager.email) }
      // One of the rep's SALs goes back to marketing, so a fourth stage is filled.
      const [salLead] = await pageThrough('/api/v1/leads', rep, 'stage=sal')
      const recycled = await app.request('POST', `/api/v1/leads/${salLead!.id}/actions`, {
        ...rep,
        body: { action: 'recycle', reason: 'no_budget' },
      })
      assert.equal(recycled.status, 200, JSON.stringify(recycled.body))
    })
    after(async () => app.close())

    const LIST_FILTERS = [
      '',
      'source=newsletter',
      'source=WEBSITE',
      'lane=cold_outreach',
      'owner=none',
      'owner=me',
      'minFit=10',
      'maxFit=10&minEngagement=1',
      'maxEngagement=5',
      'q=stahlbau',
      'q=reader2@example.com',
      'q=kalt%203',
      'stage=mql,sal&owner=none',
    ]

    // The periods count back from the test clock and split the seeded dates (October 5 to 31).
    const FILTERS = [
      ...LIST_FILTERS,
      'enteredWithinDays=20',
      'touchedWithinDays=10',
      'enteredWithinDays=20&source=sdr_list',
      'touchedWithinDays=3650&owner=none',
    ]

    test('each count equals the lead list’s total for that stage under the same filters', async () => {
      for (const auth of [read, manager, rep]) {
        for (const query of FILTERS) {
          const expected = tally(await pageThrough('/api/v1/leads', auth, query))
          assert.deepEqual(await counts(auth, query), expected, `${JSON.stringify(auth)} ${query}`)
        }
      }
      const all = await counts(read, '')
      assert.deepEqual(
        [all.lead, all.mql, all.sal, all.recycled],
        [6, 4, 4, 1],
        'the seeded mix is spread over four stages',
      )
    })

    test('a rep counts only their own leads and the MQLs waiting for a taker', async () => {
      const own = await counts(rep, '')
      // the lead the rep recycled belongs to marketing now
      assert.deepEqual([own.lead, own.mql, own.sal, own.recycled], [0, 4, 2, 0])
      const asManager = await counts(manager, `owner=${app.workspace.users.sales2.id}`)
      assert.equal(asManager.sal, 2)
      const othersAsRep = await counts(rep, `owner=${app.workspace.users.sales2.id}`)
      assert.equal(
        Object.values(othersAsRep).reduce((sum, count) => sum + count, 0),
        0,
      )
    })

    test('the period filters keep the leads entered or touched within the last N days, in counts and list alike', async () => {
      const everything = await pageThrough('/api/v1/leads', read, '')
      const now = app.clock.now().getTime()
      const periods: Array<[string, (lead: Lead) => boolean]> = [
        ['enteredWithinDays=20', (lead) => Date.parse(lead.stageEnteredAt) >= now - 20 * DAY_MS],
        [
          'touchedWithinDays=10',
          (lead) => lead.lastTouchAt !== null && Date.parse(lead.lastTouchAt) >= now - 10 * DAY_MS,
        ],
      ]
      for (const [query, keep] of periods) {
        const expected = everything.filter(keep)
        assert.ok(expected.length > 0, `${query} keeps some leads`)
        assert.ok(expected.length < everything.length, `${query} drops some leads`)
        const listed = await pageThrough('/api/v1/leads', read, query)
        assert.deepEqual(listed.map((lead) => lead.id).sort(), expected.map((lead) => lead.id).sort(), query)
        assert.deepEqual(await counts(read, query), tally(expected), query)
      }
    })

    test('the stage-change filters keep the leads behind a report number: entered a stage, in a period, owned by, first touched', async () => {
      const emails = async (query: string) => {
        const listed = await pageThrough('/api/v1/leads', read, query)
        const total = Object.values(await counts(read, query)).reduce((sum, count) => sum + count, 0)
        assert.equal(total, listed.length, `${query}: the counts add up to the list`)
        return listed.map((lead) => lead.email).sort()
      }
      const handRaisers = [0, 1, 2, 3].map((index) => `lead${index}@stahlbau-nord.de`)
      const { sales, sales2 } = app.workspace.users
      assert.deepEqual(await emails('entered=mql'), handRaisers)
      // The hand-raisers became MQL on October 28 to 31, each at 08:00 UTC.
      assert.deepEqual(
        await emails('entered=mql&enteredFrom=2026-10-30T00:00:00Z&enteredTo=2026-10-31T08:00:00Z'),
        [handRaisers[2]],
      )
      assert.deepEqual(await emails('entered=mql,sal&enteredTo=2026-10-22T00:00:00Z'), [
        'cold0@walzwerk-ost.de',
        'cold1@walzwerk-ost.de',
      ])
      // Owner and version are those recorded with the change: the recycled SAL was the rep's when it entered.
      assert.deepEqual(await emails(`entered=sal&enteredOwner=${sales.id}`), [
        'cold0@walzwerk-ost.de',
        'cold1@walzwerk-ost.de',
        'cold2@walzwerk-ost.de',
      ])
      assert.deepEqual(await emails(`entered=sal&enteredOwner=${sales2.id}&stage=recycled`), [])
      const recycled = await emails('entered=recycled')
      assert.equal(recycled.length, 1)
      // The stage it left, who moved it and why are those of that same change: a rep sent the SAL back.
      assert.deepEqual(await emails('entered=recycled&enteredLeaving=sal&enteredBy=person'), recycled)
      assert.deepEqual(await emails('entered=recycled&enteredLeaving=mql,sql'), [])
      assert.deepEqual(await emails('entered=recycled&enteredBy=system'), [])
      assert.deepEqual(await emails('entered=recycled&enteredReason=no_such_reason'), [])
      // First MQL entry in a period, by its score then (a calibration band's list).
      assert.deepEqual(
        await emails(`firstMqlFrom=2026-10-01T00:00:00Z&firstMqlFit=${encodeURIComponent('[0,)')}`),
        handRaisers,
      )
      assert.deepEqual(await emails(`firstMqlFit=${encodeURIComponent('(,0)')}`), [])
      assert.deepEqual(await emails('firstMqlVersion=2'), [])
      // Handed to a rep: no hand-off names a rep nobody has.
      assert.deepEqual(await emails('handOffRep=nobody@example.com'), [])
      assert.deepEqual(await emails('entered=mql&enteredVersion=1'), handRaisers)
      assert.deepEqual(await emails('entered=mql&enteredVersion=2'), [])
      // Readers first touched on October 5, 9, …, 25; the SDR imports on October 20 to 24.
      assert.deepEqual(
        await emails('firstTouchFrom=2026-10-20T00:00:00Z&firstTouchTo=2026-10-24T00:00:00Z'),
        [
          'cold0@walzwerk-ost.de',
          'cold1@walzwerk-ost.de',
          'cold2@walzwerk-ost.de',
          'cold3@walzwerk-ost.de',
          'reader4@example.com',
        ],
      )
    })

    test('a stage-change bound without its stage, or a reversed period, is refused naming the parameter', async () => {
      const refused: Array<[string, number, string]> = [
        ['enteredFrom=2026-10-01T00:00:00Z', 422, 'enteredFrom'],
        [`enteredOwner=${app.workspace.users.sales.id}`, 422, 'enteredOwner'],
        ['enteredReason=no_budget', 422, 'enteredReason'],
        ['enteredLeaving=mql', 422, 'enteredLeaving'],
        [`firstMqlFit=${encodeURIComponent('[40,20]')}`, 422, 'firstMqlFit'],
        ['firstMqlFrom=2026-10-02T00:00:00Z&firstMqlTo=2026-10-01T00:00:00Z', 422, 'firstMqlTo'],
        ['handOffFrom=2026-10-02T00:00:00Z&handOffTo=2026-10-01T00:00:00Z', 422, 'handOffTo'],
        ['entered=mql&enteredFrom=2026-10-02T00:00:00Z&enteredTo=2026-10-01T00:00:00Z', 422, 'enteredTo'],
        ['firstTouchFrom=2026-10-02T00:00:00Z&firstTouchTo=2026-10-01T00:00:00Z', 422, 'firstTouchTo'],
      ]
      for (const path of ['/api/v1/leads', '/api/v1/pipeline']) {
        for (const [query, status, parameter] of refused) {
          const response = await app.request('GET', `${path}?${query}`, read)
          assert.equal(response.status, status, `${path}?${query}: ${JSON.stringify(response.body)}`)
          assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
          assert.equal(response.body.code, 'LEAD_FILTER_INVALID')
          assert.equal(response.body.parameter, parameter)
        }
        for (const query of [
          'entered=won',
          'entered=mql&enteredFrom=yesterday',
          'entered=mql&enteredVersion=0',
          'entered=recycled&enteredBy=robot',
          'entered=recycled&enteredLeaving=won',
          'entered=recycled&enteredReason=',
          'firstMqlFit=40',
          `firstMqlEngagement=${encodeURIComponent('[a,1]')}`,
          'handOffVersion=0',
          'handOffFrom=yesterday',
        ]) {
          const response = await app.request('GET', `${path}?${query}`, read)
          assert.equal(response.status, 400, `${path}?${query}`)
        }
      }
    })

    test('the board’s list pages every lead once in any sort, and the totals stay the counts', async () => {
      for (const query of FILTERS) {
        for (const sort of ['lastTouch', 'fit', 'email']) {
          for (const order of ['asc', 'desc']) {
            const listed = await pageThrough('/api/v1/leads', read, `${query}&sort=${sort}&order=${order}`)
            const label = `${query} sorted by ${sort} ${order}`
            assert.equal(
              new Set(listed.map((lead) => lead.id)).size,
              listed.length,
              `${label}: no lead twice`,
            )
            assert.deepEqual(tally(listed), await counts(read, query), label)
          }
        }
      }
      const webinar = await pageThrough('/api/v1/leads', read, 'source=webinar&stage=lead,mql')
      assert.ok(webinar.length > 0 && webinar.every((lead) => lead.source === 'webinar'))
    })

    test('owners to filter by are the sales users; a rep is offered only themselves', async () => {
      const { sales, sales2, manager: salesManager } = app.workspace.users
      const asManager = await app.request('GET', '/api/v1/pipeline', manager)
      assert.deepEqual(
        asManager.body.owners.map((owner: { id: string }) => owner.id).sort(),
        [sales.id, sales2.id, salesManager.id].sort(),
      )
      const asRep = await app.request('GET', '/api/v1/pipeline', rep)
      assert.deepEqual(
        asRep.body.owners.map((owner: { id: string }) => owner.id),
        [sales.id],
      )
    })

    test('a bad filter gets a 400 problem naming the field, from the counts and the list alike', async () => {
      const filterCases: Array<[string, RegExp]> = [
        ['minFit=viel', /^querystring\/minFit$/],
        ['owner=jemand', /^querystring\/owner$/],
        ['enteredWithinDays=0', /^querystring\/enteredWithinDays$/],
        ['enteredWithinDays=3651', /^querystring\/enteredWithinDays$/],
        ['touchedWithinDays=1.5', /^querystring\/touchedWithinDays$/],
        ['touchedWithinDays=bald', /^querystring\/touchedWithinDays$/],
        ['maxEngagement=Infinity', /^querystring\/maxEngagement$/],
        ['stage=mql,ripe', /^querystring\/stage/],
      ]
      const cases: Array<[string, RegExp]> = [
        ...filterCases.flatMap(([query, path]): Array<[string, RegExp]> => [
          [`/api/v1/pipeline?${query}`, path],
          [`/api/v1/leads?${query}`, path],
        ]),
        ['/api/v1/leads?cursor=garbage', /^querystring\/cursor$/],
        ['/api/v1/leads?sort=fit&cursor=eyJ2YWx1ZSI6IngiLCJpZCI6IngifQ', /^querystring\/cursor$/],
      ]
      for (const [url, path] of cases) {
        const response = await app.request('GET', url, read)
        assert.equal(response.status, 400, url)
        assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
        assert.match(response.body.errors[0].path, path, url)
      }
    })
  })
}
