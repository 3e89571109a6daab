// The reports over HTTP: JSON and CSV, who may read them, and a 4xx naming the parameter for bad input.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { TEST_DIALECTS } from '../../testing/test-database.ts'
import { startTestApp, type TestApp } from '../../testing/test-app.ts'
import { handRaiser } from '../../testing/hand-raiser.ts'
import { ingestBatch } from '../../services/ingest-batch.ts'

const PROBLEM = 'application/problem+json'
const PERIOD = 'from=2026-11-01&to=2026-11-02'

for (const dialect of TEST_DIALECTS) {
  describe(`reports API (${dialect})`, () => {
    let app: TestApp
    const get = (path: string, headers: Record<string, string> = {}) =>
      app.request('GET', `/api/v1/reports/${path}`, { key: app.workspace.keys.read, headers })

    before(async () => {
      app = await startTestApp(dialect)
      // Two demo requests on Monday 2 November: two new leads, both MQL at once.
      for (const [id, email] of [
        ['r1', 'anna@alpha-werk.de'],
        ['r2', 'bernd@beta-bau.de'],
      ] as const) {
        await ingestBatch(
          app.db,
          app.workspace.id,
          { type: 'api_key', id: null },
          [handRaiser(id, email, { occurredAt: '2026-11-02T08:00:00Z' })],
          new Date('2026-11-02T08:00:00Z'),
        )
      }
    })
    after(async () => {
      await app.close()
    })

    test('answers the funnel as JSON with the stage entries of the period', async () => {
      const response = await get(`funnel?${PERIOD}&view=flow`)
      assert.equal(response.status, 200, JSON.stringify(response.body))
      assert.deepEqual(response.body.period, {
        from: '2026-11-01',
        to: '2026-11-02',
        timezone: 'Europe/Berlin',
      })
      assert.equal(response.body.view, 'flow')
      assert.deepEqual(
        response.body.stages.map((stage: { stage: string; entered: number }) => [stage.stage, stage.entered]),
        [
          ['lead', 2],
          ['mql', 2],
          ['sal', 0],
          ['sql', 0],
          ['opportunity', 0],
          ['customer', 0],
        ],
      )
      // No SAL: the next rate has no denominator and is null, not 0.
      assert.equal(response.body.stages[3].conversionFromPrevious, null)
    })

    test('gives the main table as CSV for format=csv and for Accept: text/csv', async () => {
      const expected =
        'stage,entered,conversion_from_previous,conversion_from_first,median_days\r\n' +
        'lead,2,,,\r\nmql,2,1,1,\r\nsal,0,0,0,\r\nsql,0,,0,\r\nopportunity,0,,0,\r\ncustomer,0,,0,\r\n'
      for (const response of [
        await get(`funnel?${PERIOD}&format=csv`),
        await get(`funnel?${PERIOD}`, { accept: 'text/csv' }),
      ]) {
        assert.equal(response.status, 200)
        assert.match(response.headers.get('content-type') ?? '', /^text\/csv/)
        assert.equal(response.body, expected)
      }
      const sources = await get(`sources?${PERIOD}&format=csv`)
      assert.equal(
        sources.body,
        'source,leads,mqls,sqls,customers,mql_rate,sql_rate,won_rate,revenue_won,median_days_to_sql\r\n' +
          'website,2,2,0,0,1,0,0,0,\r\n',
      )
    })

    test('answers every report to a rep and to a read key, and nobody signed out', async () => {
      const rep = await app.login(app.workspace.users.sales.email)
      for (const name of ['funnel', 'velocity', 'sla', 'reasons', 'calibration', 'sources']) {
        const response = await app.request('GET', `/api/v1/reports/${name}?${PERIOD}`, { session: rep })
        assert.equal(response.status, 200, `${name}: ${JSON.stringify(response.body)}`)
        assert.equal(response.body.name, name)
        assert.equal((await get(`${name}?${PERIOD}`)).status, 200)
      }
      assert.equal((await app.request('GET', `/api/v1/reports/funnel?${PERIOD}`)).status, 401)
    })

    test('refuses bad input with a problem naming the parameter', async () => {
      const cases: Array<[string, number, string]> = [
        ['pipeline', 400, 'params/name'],
        [`funnel?${PERIOD}&by=colour`, 422, 'by'],
        [`velocity?${PERIOD}&by=source`, 422, 'by'],
        ['funnel?from=2026-11-30&to=2026-11-01', 422, 'to'],
        ['funnel?from=2010-01-01&to=2026-11-01', 422, 'to'],
        ['funnel?from=2026-13-01&to=2026-11-01', 422, 'from'],
        ['funnel?to=yesterday', 422, 'to'],
        [`funnel?${PERIOD}&version=99`, 422, 'version'],
        [`funnel?${PERIOD}&version=v1`, 400, 'querystring/version'],
        [`funnel?${PERIOD}&owner=${randomUUID()}`, 422, 'owner'],
        [`funnel?${PERIOD}&owner=nobody`, 422, 'owner'],
        [`funnel?${PERIOD}&view=sideways`, 400, 'querystring/view'],
      ]
      for (const [path, status, parameter] of cases) {
        const response = await get(path)
        assert.equal(response.status, status, `${path}: ${JSON.stringify(response.body)}`)
        assert.ok((response.headers.get('content-type') ?? '').startsWith(PROBLEM), path)
        const named = response.body.parameter ?? response.body.errors?.[0]?.path
        assert.equal(named, parameter, path)
      }
    })
  })
}
