// The reports' URL: what a shared link says is what the report shows, and a mangled link still opens one.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addDays,
  periodDays,
  readReportFilters,
  reportApiQuery,
  reportCsvUrl,
  todayIn,
  writeReportFilters,
  type ReportFilters,
  type ReportName,
} from './report-query.ts'

const read = (name: ReportName, query: string) => readReportFilters(name, new URLSearchParams(query))

test('a full funnel view survives the round trip through the URL', () => {
  const view: ReportFilters = {
    period: { from: '2026-09-01', to: '2026-11-30' },
    by: 'owner',
    version: 7,
    source: 'webinar',
    owner: '0b5c2d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e',
    view: 'cohort',
  }
  const query = writeReportFilters(view).toString()
  assert.equal(
    query,
    'from=2026-09-01&to=2026-11-30&view=cohort&by=owner&version=7&source=webinar&owner=0b5c2d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e',
  )
  assert.deepEqual(read('funnel', query), view)
})

test('the default report is an empty query: the last 90 days', () => {
  assert.deepEqual(read('sla', ''), { period: { days: 90 } })
  assert.equal(writeReportFilters(read('sla', 'days=90')).toString(), '')
  assert.equal(writeReportFilters(read('sla', 'days=30')).toString(), 'days=30')
})

test.describe('values the API would refuse are dropped, the rest kept', () => {
  const cases: Array<[ReportName, string, ReportFilters]> = [
    ['funnel', 'days=45', { period: { days: 90 } }],
    ['funnel', 'days=365', { period: { days: 365 } }],
    // A custom period needs both ends, real days, in order.
    ['funnel', 'from=2026-02-30&to=2026-03-31', { period: { days: 90 } }],
    ['funnel', 'from=2026-12-01&to=2026-11-01', { period: { days: 90 } }],
    ['funnel', 'from=2026-11-01', { period: { days: 90 } }],
    ['funnel', 'from=2026-11-01&to=2026-11-01', { period: { from: '2026-11-01', to: '2026-11-01' } }],
    // Groupings only where the report has them; the view only on the funnel.
    ['sla', 'by=source&view=cohort', { period: { days: 90 } }],
    ['reasons', 'by=version', { period: { days: 90 }, by: 'version' }],
    ['reasons', 'by=campaign', { period: { days: 90 } }],
    ['funnel', 'view=sideways', { period: { days: 90 } }],
    ['funnel', 'version=0&owner=jemand', { period: { days: 90 } }],
    ['funnel', 'version=2.5&source=%20%20', { period: { days: 90 } }],
    ['velocity', `source=${'x'.repeat(65)}`, { period: { days: 90 } }],
  ]
  for (const [name, query, expected] of cases) {
    test(`${name}?${query.slice(0, 60)}`, () => assert.deepEqual(read(name, query), expected))
  }
})

test('a quick period ends today, in the workspace’s time zone, and includes it', () => {
  // 23:30 UTC on 30 Nov is already 1 December in Berlin.
  const now = new Date('2026-11-30T23:30:00Z')
  assert.equal(todayIn('Europe/Berlin', now), '2026-12-01')
  assert.equal(todayIn('America/New_York', now), '2026-11-30')
  assert.deepEqual(periodDays({ days: 30 }, '2026-12-01'), { from: '2026-11-02', to: '2026-12-01' })
  assert.deepEqual(periodDays({ days: 365 }, '2026-12-31'), { from: '2026-01-01', to: '2026-12-31' })
  assert.equal(addDays('2028-03-01', -1), '2028-02-29')
})

test('the API query and the CSV link carry the same period and filters', () => {
  const filters = read('funnel', 'days=30&view=cohort&by=source&source=webinar')
  const query = reportApiQuery(filters, '2026-12-07')
  assert.deepEqual(query, {
    from: '2026-11-08',
    to: '2026-12-07',
    view: 'cohort',
    by: 'source',
    source: 'webinar',
  })
  assert.equal(
    reportCsvUrl('funnel', query),
    '/api/v1/reports/funnel?from=2026-11-08&to=2026-12-07&view=cohort&by=source&source=webinar&format=csv',
  )
})
