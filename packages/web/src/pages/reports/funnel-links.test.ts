// The leads behind a funnel number: the period's instants in the workspace's zone, and the list query
// for each view, group and filter, with whether the list holds exactly the counted leads.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { funnelStageLink, periodInstants, zonedMidnight } from './funnel-links.ts'

test('a day starts at midnight in the workspace’s zone, across changes of time', () => {
  assert.equal(zonedMidnight('2026-09-09', 'Europe/Berlin'), '2026-09-08T22:00:00.000Z')
  assert.equal(zonedMidnight('2026-12-08', 'Europe/Berlin'), '2026-12-07T23:00:00.000Z')
  // 29 March 2026: Berlin's clocks jump at 02:00, after midnight (still +01:00).
  assert.equal(zonedMidnight('2026-03-29', 'Europe/Berlin'), '2026-03-28T23:00:00.000Z')
  assert.equal(zonedMidnight('2026-03-30', 'Europe/Berlin'), '2026-03-29T22:00:00.000Z')
  assert.equal(zonedMidnight('2026-11-01', 'America/New_York'), '2026-11-01T04:00:00.000Z')
  assert.equal(zonedMidnight('2026-11-02', 'America/New_York'), '2026-11-02T05:00:00.000Z')
  assert.deepEqual(periodInstants({ from: '2026-09-01', to: '2026-11-30', timezone: 'Europe/Berlin' }), {
    from: '2026-08-31T22:00:00.000Z',
    to: '2026-11-30T23:00:00.000Z',
  })
})

const period = { from: '2026-09-01', to: '2026-11-30', timezone: 'Europe/Berlin' }
const none = { version: null, source: null, owner: null }
const apiLink = {
  query: { stage: ['sql' as const, 'opportunity' as const, 'customer' as const] },
  exact: false,
}
const REP = '0b5c2d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e'

test('cohort: leads first touched in the period that reached the stage or a later one', () => {
  const link = funnelStageLink({ period, view: 'cohort', filters: none }, 'sql', apiLink)
  assert.deepEqual(link, {
    query: {
      entered: ['sql', 'opportunity', 'customer'],
      firstTouchFrom: '2026-08-31T22:00:00.000Z',
      firstTouchTo: '2026-11-30T23:00:00.000Z',
    },
    exact: true,
  })
  const byOwner = funnelStageLink(
    { period, view: 'cohort', filters: { ...none, source: 'webinar' } },
    'sql',
    apiLink,
    {
      by: 'owner',
      key: null,
    },
  )
  assert.equal((byOwner.query as Record<string, unknown>).owner, 'none')
  assert.equal((byOwner.query as Record<string, unknown>).source, 'webinar')
  assert.equal(byOwner.exact, true)
  // The list has no campaign and no version of the lead's creation: it holds others too.
  const byCampaign = funnelStageLink({ period, view: 'cohort', filters: none }, 'sql', apiLink, {
    by: 'campaign',
    key: 'q4',
  })
  assert.equal(byCampaign.exact, false)
  assert.equal(
    funnelStageLink({ period, view: 'cohort', filters: { ...none, version: 3 } }, 'mql', apiLink).exact,
    false,
  )
})

test('flow: leads with a change into the stage in the period, bounded by its owner and version', () => {
  const link = funnelStageLink({ period, view: 'flow', filters: { ...none, owner: REP } }, 'sql', apiLink, {
    by: 'version',
    key: '7',
  })
  assert.deepEqual(link, {
    query: {
      entered: ['sql'],
      enteredFrom: '2026-08-31T22:00:00.000Z',
      enteredTo: '2026-11-30T23:00:00.000Z',
      enteredOwner: REP,
      enteredVersion: 7,
    },
    exact: false,
  })
})

test('a link the API already bounds by a stage change is kept', () => {
  const bounded = { query: { entered: ['sql'], enteredFrom: '2026-08-31T22:00:00Z' } as never, exact: true }
  assert.equal(funnelStageLink({ period, view: 'flow', filters: none }, 'sql', bounded), bounded)
})
