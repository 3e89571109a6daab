// Rules that time alone makes true (nothing for 30 days, engagement decayed to at most 5) fire at the
// first whole minute they hold, between touchpoints and after the last one, and the lead is scheduled
// to be folded again then; agreements without such rules are not searched at all.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import {
  ANNA,
  DAY,
  SMALL_AGREEMENT,
  T0,
  compileSmall,
  touchpoint,
  versionsOf,
} from '../testing/core-fixtures.ts'
import { compileAgreement } from '../agreement/compile-agreement.ts'
import { parseAgreement } from '../agreement/parse-agreement.ts'
import { EMPTY_SNAPSHOT, foldLead, replayLead } from './replay-lead.ts'

const MINUTE = 60_000
const ceilMinute = (at: number) => Math.ceil(at / MINUTE) * MINUTE
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

const inactive = compileSmall({
  disqualifiers: [
    ...SMALL_AGREEMENT.disqualifiers!,
    { id: 'inactive', reason: 'no_response', when: { not: { touchpoints: {}, withinDays: 30 } } },
  ],
})
const faded = compileSmall({
  disqualifiers: [{ id: 'faded', reason: 'no_interest', when: { score: 'engagement', lte: 5 } }],
  // Never an MQL: the lead stays a lead until the decay disqualifies it.
  mql: { field: 'title', equals: 'nobody' },
})

const fold = (agreement: typeof inactive, touchpoints: ReturnType<typeof touchpoint>[], until: number) =>
  replayLead({ email: ANNA.email, touchpoints, decisions: [], versions: versionsOf(agreement), until })

describe('rules that time alone makes true', () => {
  test('a window closing under a not: disqualified the first minute after 30 days without a touchpoint', () => {
    const log = [touchpoint('content_click', T0 + 17_000, { leadFields: ANNA })]
    const due = ceilMinute(log[0]!.occurredAt + 30 * DAY + 1)
    const before = fold(inactive, log, T0 + 20 * DAY)
    assert.equal(before.state?.stage, 'lead')
    assert.equal(before.nextCheckAt, due, 'folded again when the rule comes to hold')
    const after = fold(inactive, log, T0 + 40 * DAY)
    assert.deepEqual(
      after.transitions.map((transition) => [transition.to, transition.at, transition.trigger.kind]),
      [
        ['lead', log[0]!.occurredAt, 'touchpoint'],
        ['disqualified', due, 'time'],
      ],
    )
    assert.equal(after.state?.closedReason, 'no_response')
  })

  test('a touchpoint in between renews the window, between inputs as after the last', () => {
    const log = [
      touchpoint('content_click', T0, { leadFields: ANNA }),
      touchpoint('content_click', T0 + 25 * DAY),
      // 50 days of silence before this one: the lead was disqualified in between.
      touchpoint('content_click', T0 + 105 * DAY),
    ]
    const replay = fold(inactive, log, T0 + 120 * DAY)
    assert.deepEqual(
      replay.transitions.map((transition) => [transition.to, transition.at, transition.trigger.kind]),
      [
        ['lead', T0, 'touchpoint'],
        ['disqualified', ceilMinute(T0 + 55 * DAY + 1), 'time'],
      ],
    )
    // Folded batch by batch from snapshots, the same.
    const first = foldLead(EMPTY_SNAPSHOT, {
      email: ANNA.email,
      touchpoints: log.slice(0, 2),
      decisions: [],
      versions: versionsOf(inactive),
      until: T0 + 26 * DAY,
    })
    assert.equal(first.nextCheckAt, ceilMinute(T0 + 55 * DAY + 1))
    const next = foldLead(first.snapshot, {
      email: ANNA.email,
      touchpoints: log,
      decisions: [],
      versions: versionsOf(inactive),
      until: T0 + 120 * DAY,
    })
    assert.equal(next.resumed, true)
    assert.deepEqual(
      plain([...first.transitions.slice(0, next.firstSeq), ...next.transitions]),
      plain(replay.transitions),
    )
  })

  test('a decaying score under an upper bound: the first minute engagement is at most 5', () => {
    // A demo request (40 points, half-life 30 days) decays to 5 after three half-lives, 90 days.
    const log = [touchpoint('demo_request', T0, { leadFields: ANNA })]
    const replay = fold(faded, log, T0 + 120 * DAY)
    const fired = replay.transitions.at(-1)!
    assert.deepEqual([fired.to, fired.trigger.kind], ['disqualified', 'time'])
    assert.ok(fired.engagement <= 5, `engagement ${fired.engagement}`)
    assert.equal(fired.at, ceilMinute(T0 + 90 * DAY))
    // A minute earlier it had not: the search found the first minute.
    const earlier = fold(faded, log, fired.at - MINUTE)
    assert.equal(earlier.state?.stage, 'lead')
    assert.equal(earlier.nextCheckAt, fired.at)
  })

  test('the usual agreements have no rule time alone makes true, and are not searched', async () => {
    assert.deepEqual(compileSmall().timeRules, [])
    // The demo's agreement, the workshop agreement in our language.
    const demo = await readFile(
      new URL('../agreement/fixtures/dach-production-planning.yaml', import.meta.url),
      'utf8',
    )
    const parsed = parseAgreement(demo, 'yaml')
    assert.ok(parsed.ok, JSON.stringify(parsed))
    assert.deepEqual(compileAgreement(parsed.document).timeRules, [])
    assert.equal(inactive.timeRules.length, 1)
    assert.equal(faded.timeRules.length, 1)
  })
})
