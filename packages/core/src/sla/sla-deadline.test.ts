import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { DateTime } from 'luxon'
import { parseAgreement } from '../agreement/parse-agreement.ts'
import { compileSlaPolicy, pendingBreachSteps, type Sla, type SlaState } from './sla-deadline.ts'

const text = readFileSync(
  new URL('../agreement/fixtures/dach-production-planning.yaml', import.meta.url),
  'utf8',
)
const parsed = parseAgreement(text)
if (!parsed.ok || !parsed.document.sla) throw new Error('fixture agreement has no valid sla')
// Accept within 8 business hours; notify the team lead after 8, reassign after 16.
const sla: Sla = parsed.document.sla
const policy = compileSlaPolicy(sla)
const HOUR = 3_600_000
const berlin = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Berlin' }).toMillis()

describe('slaSchedule', () => {
  test('puts the breach steps at 8 and 16 business hours, over Christmas', () => {
    // Wed 23 Dec 15:00: 3 h that day, 10 h on the 24th, then 25/26 Dec and the weekend are closed.
    assert.deepEqual(policy.slaSchedule(berlin('2026-12-23T15:00')), {
      assignedAt: berlin('2026-12-23T15:00'),
      dueAt: berlin('2026-12-24T13:00'),
      steps: [
        {
          index: 0,
          afterBusinessHours: 8,
          at: berlin('2026-12-24T13:00'),
          action: 'notify',
          notify: 'team_lead',
          reason: undefined,
        },
        {
          index: 1,
          afterBusinessHours: 16,
          at: berlin('2026-12-28T11:00'),
          action: 'reassign',
          notify: undefined,
          reason: undefined,
        },
      ],
    })
  })

  test('sorts steps and sends an untargeted notify to the owning rep', () => {
    const custom = compileSlaPolicy({
      ...sla,
      onBreach: [
        { afterBusinessHours: 24, action: 'return_to_marketing' },
        { afterBusinessHours: 4, action: 'notify' },
      ],
    })
    const { steps } = custom.slaSchedule(berlin('2026-09-14T08:00'))
    assert.deepEqual(
      steps.map((step) => [step.afterBusinessHours, step.action, step.notify, step.at]),
      [
        [4, 'notify', 'owner', berlin('2026-09-14T12:00')],
        [24, 'return_to_marketing', undefined, berlin('2026-09-16T12:00')],
      ],
    )
  })

  test('takes fractions of a business hour: a 15-minute SLA runs across closing time', () => {
    const quarter = parseAgreement(
      text.replace('acceptWithinBusinessHours: 8', 'acceptWithinBusinessHours: 0.25'),
    )
    assert.ok(quarter.ok && quarter.document.sla)
    // Mon 17:50: 10 minutes that evening, 5 the next morning.
    const { dueAt } = compileSlaPolicy(quarter.document.sla).slaSchedule(berlin('2026-09-14T17:50'))
    assert.equal(dueAt, berlin('2026-09-15T08:05'))
  })

  test('uses the rep state’s holidays', () => {
    // Mon 5 Jan 14:00: 4 h that day; Bavaria is closed on 6 January.
    const assignedAt = berlin('2026-01-05T14:00')
    assert.equal(policy.forRegion('BY').slaSchedule(assignedAt).dueAt, berlin('2026-01-07T12:00'))
    assert.equal(policy.forRegion('NW').slaSchedule(assignedAt).dueAt, berlin('2026-01-06T12:00'))
    assert.equal(policy.forRegion('BY'), policy.forRegion('de-by'))
  })
})

describe('slaStatus', () => {
  // Assigned Monday 08:00, due Monday 16:00; "due soon" under 2 of the 8 hours left.
  const assignedAt = berlin('2026-09-14T08:00')
  const cases: Array<[string, string, string | undefined, SlaState, number, string | undefined, number]> = [
    ['an hour in', '2026-09-14T09:00', undefined, 'on_time', 7 * HOUR, 'notify', 0],
    [
      'exactly a quarter left is still on time',
      '2026-09-14T14:00',
      undefined,
      'on_time',
      2 * HOUR,
      'notify',
      0,
    ],
    ['under a quarter left', '2026-09-14T15:30', undefined, 'due_soon', 0.5 * HOUR, 'notify', 0],
    ['at the deadline', '2026-09-14T16:00', undefined, 'breached', 0, 'reassign', 1],
    // Mon 16–18 and Tue 08–15 are 9 business hours overdue; the reassign step fell due Tue 14:00.
    ['the next afternoon', '2026-09-15T15:00', undefined, 'breached', -9 * HOUR, undefined, 2],
    ['answered in time', '2026-09-14T12:00', '2026-09-14T10:00', 'met', 6 * HOUR, undefined, 0],
    ['answered late', '2026-09-15T12:00', '2026-09-15T09:00', 'met_late', -3 * HOUR, undefined, 1],
    [
      'a later answer is not seen yet',
      '2026-09-14T09:00',
      '2026-09-14T10:00',
      'on_time',
      7 * HOUR,
      'notify',
      0,
    ],
  ]
  for (const [name, now, respondedAt, state, remaining, nextAction, reached] of cases) {
    test(name, () => {
      const status = policy.slaStatus(
        assignedAt,
        berlin(now),
        respondedAt === undefined ? undefined : berlin(respondedAt),
      )
      assert.deepEqual(
        [status.state, status.remainingBusinessMs, status.nextStep?.action, status.reachedSteps.length],
        [state, remaining, nextAction, reached],
      )
      assert.equal(status.dueAt, berlin('2026-09-14T16:00'))
    })
  }

  test('a deadline on Friday evening is breached all weekend, with 0 business time passed', () => {
    const status = policy.slaStatus(berlin('2026-09-11T10:00'), berlin('2026-09-12T11:00'))
    assert.equal(status.dueAt, berlin('2026-09-11T18:00'))
    assert.equal(status.state, 'breached')
    assert.ok(Object.is(status.remainingBusinessMs, 0))
  })

  test('a lead assigned on Saturday is due Monday 16:00', () => {
    const status = policy.slaStatus(berlin('2026-09-12T09:30'), berlin('2026-09-13T20:00'))
    assert.deepEqual(
      [status.state, status.dueAt, status.remainingBusinessMs],
      ['on_time', berlin('2026-09-14T16:00'), 8 * HOUR],
    )
  })
})

describe('pending breach steps', () => {
  const assignedAt = berlin('2026-09-14T08:00')
  const mql = { stage: 'mql', ownerRef: 'rep@x.de', assignedAt, slaBreaches: [] }

  test('lists every step of an assigned MQL until it fires, and none once it has', () => {
    assert.deepEqual(
      pendingBreachSteps(policy, mql).map((step) => step.index),
      [0, 1],
    )
    const fired = { ...mql, slaBreaches: [{ step: 0, assignedAt }] }
    assert.deepEqual(
      pendingBreachSteps(policy, fired).map((step) => step.index),
      [1],
    )
  })

  test('a breach of an earlier hand-off does not count for the new one', () => {
    const earlier = { ...mql, slaBreaches: [{ step: 0, assignedAt: assignedAt - 86_400_000 }] }
    assert.equal(pendingBreachSteps(policy, earlier).length, 2)
  })

  test('nothing is pending for an unowned MQL or once the rep answered', () => {
    assert.deepEqual(pendingBreachSteps(policy, { ...mql, ownerRef: undefined }), [])
    assert.deepEqual(pendingBreachSteps(policy, { ...mql, stage: 'sal' }), [])
    // A logged call while still an MQL answers too; one from before this hand-off does not.
    assert.deepEqual(pendingBreachSteps(policy, { ...mql, respondedAt: assignedAt + 60_000 }), [])
    assert.equal(pendingBreachSteps(policy, { ...mql, respondedAt: assignedAt - 60_000 }).length, 2)
  })
})
