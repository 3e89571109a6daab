import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DateTime } from 'luxon'
import { replayLead } from '../lifecycle/replay-lead.ts'
import { ANNA, compileSmall, touchpoint, versionsOf } from '../testing/core-fixtures.ts'
import { actualOutcomeOf, versionOutcomeOf, type StageChange } from './backtest-lead.ts'
import { periodBounds } from './backtest-weeks.ts'

const ZONE = 'Europe/Berlin'
const berlin = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis()

describe('outcomes from the fold and from stored stage history', () => {
  const agreement = compileSmall()
  const bounds = periodBounds({ from: '2026-10-01', to: '2026-10-31', timezone: ZONE })
  const leadFields = ANNA

  test('versionOutcomeOf takes the first MQL transition of a replay in the period, with its explanations', () => {
    const first = touchpoint('content_click', berlin('2026-10-05T09:00'), { leadFields })
    const demo = touchpoint('demo_request', berlin('2026-10-07T09:00'))
    const replay = replayLead({
      email: ANNA.email,
      touchpoints: [first, demo],
      decisions: [],
      versions: versionsOf(agreement),
      until: bounds.end,
    })
    const outcome = versionOutcomeOf(replay.transitions, bounds)
    assert.equal(outcome.mqlAt, demo.occurredAt)
    assert.deepEqual(outcome.explanations, replay.transitions[1]!.explanations)
    assert.deepEqual([outcome.lane, outcome.source], ['inbound', 'website'])
    // Before the period, the same MQL does not count; the lane is still known.
    const later = periodBounds({ from: '2026-10-08', to: '2026-10-31', timezone: ZONE })
    assert.deepEqual(versionOutcomeOf(replay.transitions, later), {
      mqlAt: null,
      explanations: [],
      lane: 'inbound',
      source: 'website',
    })
  })

  test('actualOutcomeOf: a person’s reject is a rejection, an SLA return is not, and later stages imply earlier ones', () => {
    const change = (
      from: StageChange['from'],
      to: StageChange['to'],
      at: string,
      reason: string | null = null,
    ) => ({
      from,
      to,
      at: berlin(at),
      reason,
      actor: {
        type: from === null || to === 'mql' || reason === 'sla_breached' ? 'system' : 'user',
      } as const,
    })
    const history: StageChange[] = [
      change(null, 'lead', '2026-09-20T10:00'),
      change('lead', 'mql', '2026-09-25T10:00'), // before the period
      change('mql', 'recycled', '2026-10-02T10:00', 'sla_breached'), // the SLA job, in the period
      change('recycled', 'mql', '2026-10-06T10:00'),
      change('mql', 'recycled', '2026-10-07T10:00', 'no_budget'),
      change('recycled', 'mql', '2026-10-20T10:00'),
      change('mql', 'sal', '2026-10-21T10:00'),
      change('sal', 'sql', '2026-10-22T10:00'),
      change('sql', 'opportunity', '2026-11-03T10:00'), // after the period
    ]
    assert.deepEqual(actualOutcomeOf(history, bounds), {
      reachedAt: {
        mql: berlin('2026-10-06T10:00'),
        sal: berlin('2026-10-21T10:00'),
        sql: berlin('2026-10-22T10:00'),
        opportunity: null,
        customer: null,
      },
      rejection: { at: berlin('2026-10-07T10:00'), reason: 'no_budget' },
    })
    // An SLA return alone is no rejection; a window longer than the period sees the opportunity.
    const longer = { start: bounds.start, end: berlin('2026-12-01T00:00') }
    const outcome = actualOutcomeOf(history.slice(0, 4).concat(history.slice(5)), longer)
    assert.equal(outcome.rejection, null)
    assert.equal(outcome.reachedAt.opportunity, berlin('2026-11-03T10:00'))
  })

  test('a cold-outreach lead entering as SAL has reached MQL and SAL at its entry', () => {
    const entry: StageChange = {
      from: null,
      to: 'sal',
      at: berlin('2026-10-12T09:00'),
      reason: null,
      actor: { type: 'system' },
    }
    const { reachedAt } = actualOutcomeOf([entry], bounds)
    assert.deepEqual([reachedAt.mql, reachedAt.sal, reachedAt.sql], [entry.at, entry.at, null])
  })
})
