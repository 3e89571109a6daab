// The lead lists behind report numbers, built from a resolved request as the reports build them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { changeLink, cohortLink } from './report-links.ts'
import type { ReportFilters, ResolvedRequest } from './report-request.ts'

const none: ReportFilters = { version: null, source: null, owner: null }
const REP = '0b5c2d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e'
// 1 September to 30 November 2026 in Berlin: summer time at the start, winter time at the end.
const request = (view: 'flow' | 'cohort', filters: Partial<ReportFilters> = {}): ResolvedRequest => ({
  name: 'funnel',
  period: { from: '2026-09-01', to: '2026-11-30', timezone: 'Europe/Berlin' },
  start: new Date('2026-08-31T22:00:00.000Z'),
  end: new Date('2026-11-30T23:00:00.000Z'),
  view,
  by: null,
  filters: { ...none, ...filters },
  now: new Date('2026-12-01T08:00:00Z'),
})

test('cohort: leads first touched in the period that reached the stage or a later one', () => {
  assert.deepEqual(cohortLink(request('cohort'), ['sql', 'opportunity', 'customer']), {
    query: {
      entered: ['sql', 'opportunity', 'customer'],
      firstTouchFrom: '2026-08-31T22:00:00.000Z',
      firstTouchTo: '2026-11-30T23:00:00.000Z',
    },
    exact: true,
  })
  const byOwner = cohortLink(request('cohort', { source: 'webinar' }), ['sql'], { by: 'owner', key: null })
  assert.deepEqual([byOwner.query.owner, byOwner.query.source, byOwner.exact], ['none', 'webinar', true])
  // The list has no campaign, no version of the lead's creation and no "without a source": it holds others too.
  assert.equal(cohortLink(request('cohort'), ['sql'], { by: 'campaign', key: 'q4' }).exact, false)
  assert.equal(cohortLink(request('cohort'), ['sql'], { by: 'source', key: null }).exact, false)
  assert.equal(cohortLink(request('cohort', { version: 3 }), ['mql']).exact, false)
})

test('flow: leads with a change into the stage in the period, bounded by its owner and version', () => {
  assert.deepEqual(
    changeLink(request('flow', { owner: REP }), { stages: ['sql'] }, { by: 'version', key: '7' }),
    {
      query: {
        entered: ['sql'],
        enteredFrom: '2026-08-31T22:00:00.000Z',
        enteredTo: '2026-11-30T23:00:00.000Z',
        enteredOwner: REP,
        enteredVersion: 7,
      },
      exact: false,
    },
  )
})

test('a count of leads with a change is exact, a count of changes is not', () => {
  const change = {
    stages: ['recycled' as const],
    leaving: ['mql' as const],
    reason: 'no_budget',
    by: 'person' as const,
  }
  const counted = changeLink(request('flow', { source: 'website' }), change, undefined, 'leads')
  assert.deepEqual(counted.query, {
    source: 'website',
    entered: ['recycled'],
    enteredFrom: '2026-08-31T22:00:00.000Z',
    enteredTo: '2026-11-30T23:00:00.000Z',
    enteredLeaving: ['mql'],
    enteredReason: 'no_budget',
    enteredBy: 'person',
  })
  assert.equal(counted.exact, true)
  assert.equal(changeLink(request('flow'), change).exact, false)
  assert.equal(changeLink(request('flow'), change, { by: 'campaign', key: 'q4' }, 'leads').exact, false)
})
