import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  ANNA,
  DAY,
  SMALL_AGREEMENT,
  T0,
  compileSmall,
  touchpoint,
  versionsOf,
} from '../testing/core-fixtures.ts'
import {
  EMPTY_SNAPSHOT,
  foldLead,
  replayLead,
  type AgreementVersion,
  type Decision,
  type LeadSnapshot,
  type TransitionRecord,
} from './replay-lead.ts'
import type { LeadCommand } from './lead-lifecycle.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'

const HOUR = 3_600_000
const agreement = compileSmall()
// The second version also has a rule time alone makes true: 40 days without a touchpoint disqualify.
const lenient = compileSmall({
  mql: { score: 'fit', gte: 30 },
  disqualifiers: [
    ...SMALL_AGREEMENT.disqualifiers!,
    { id: 'inactive', reason: 'no_response', when: { not: { touchpoints: {}, withinDays: 40 } } },
  ],
})
const rep = { type: 'user', id: 'rep-1' } as const

/** What the server keeps between batches: snapshot and checkpoints (as JSON, like the jsonb columns) and the stored history. */
type Stored = { snapshot: LeadSnapshot; checkpoints: LeadSnapshot[]; transitions: TransitionRecord[] }

/** Small, so the short random histories pass several checkpoints. */
const EVERY = 3

/** How often the property went each way, so it is known to test each. */
const paths = { resumed: 0, fromCheckpoint: 0, replayed: 0, firedByTime: 0 }

/** One batch arriving: folds it into what is stored the way the projection does. */
function arrive(
  stored: Stored,
  input: { touchpoints: Touchpoint[]; decisions: Decision[]; versions: AgreementVersion[]; until: number },
  changedFrom: number | undefined,
): Stored {
  const folded = foldLead(stored.snapshot, {
    email: ANNA.email,
    ...input,
    changedFrom,
    checkpoints: stored.checkpoints,
    checkpointEvery: EVERY,
  })
  if (stored.snapshot.at !== null)
    paths[folded.fromCheckpoint ? 'fromCheckpoint' : folded.resumed ? 'resumed' : 'replayed']++
  return {
    snapshot: JSON.parse(JSON.stringify(folded.snapshot)) as LeadSnapshot,
    checkpoints: JSON.parse(JSON.stringify(folded.checkpoints)) as LeadSnapshot[],
    transitions: [...stored.transitions.slice(0, folded.firstSeq), ...folded.transitions],
  }
}

const plain = (value: unknown) =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown)

const commands: LeadCommand[] = [
  { kind: 'accept' },
  { kind: 'reject', reason: 'bad_timing' },
  { kind: 'reject', reason: 'no_budget' },
  { kind: 'qualify', checklist: { confirmed: { bant: ['need', 'budget', 'timeline'] } } },
  { kind: 'recycle', reason: 'bad_timing' },
  { kind: 'disqualify', reason: 'no_fit' },
]

const histories = fc.record({
  touchpoints: fc.array(
    fc.record({
      type: fc.constantFrom('content_click', 'page_view', 'demo_request', 'unsubscribe', 'webinar_attended'),
      hours: fc.integer({ min: 0, max: 24 * 150 }),
      decision: fc.boolean(),
      batch: fc.integer({ min: 0, max: 5 }),
    }),
    { minLength: 1, maxLength: 25 },
  ),
  decisions: fc.array(
    fc.record({
      command: fc.integer({ min: 0, max: commands.length - 1 }),
      hours: fc.integer({ min: 0, max: 24 * 150 }),
      batch: fc.integer({ min: 0, max: 5 }),
    }),
    { maxLength: 6 },
  ),
  // A second version, known from one batch on, activated at any instant (its past included).
  version: fc.option(
    fc.record({ hours: fc.integer({ min: 0, max: 24 * 150 }), batch: fc.integer({ min: 0, max: 5 }) }),
  ),
  // Ingestion instants of the six batches, in hours after T0 (sorted below).
  arrivals: fc.array(fc.integer({ min: 0, max: 24 * 200 }), { minLength: 6, maxLength: 6 }),
})

describe('fold from a snapshot', () => {
  test('folding batch by batch from the stored snapshot equals a full replay after every batch', () => {
    fc.assert(
      fc.property(histories, (history) => {
        const arrivals = [...history.arrivals].sort((a, b) => a - b).map((hours) => T0 + hours * HOUR)
        const touchpoints = history.touchpoints.map((item, index) =>
          touchpoint(item.type, T0 + item.hours * HOUR, {
            id: `t${index}`,
            leadFields: index === 0 ? ANNA : {},
            ...(item.decision ? { contentId: 'pricing', journeyStage: 'decision' as const } : {}),
          }),
        )
        const decisions: Decision[] = history.decisions.map((item, index) => ({
          id: `d${index}`,
          at: T0 + item.hours * HOUR + 1,
          seq: index,
          actor: rep,
          command: commands[item.command]!,
        }))
        const second = history.version
        let stored: Stored = { snapshot: EMPTY_SNAPSHOT, checkpoints: [], transitions: [] }
        for (let batch = 0; batch < 6; batch++) {
          const until = arrivals[batch]!
          const known = <T extends { batch: number }>(items: T[]) =>
            items.filter((item) => item.batch <= batch)
          const knownTouchpoints = touchpoints.filter(
            (_, index) => history.touchpoints[index]!.batch <= batch,
          )
          const knownDecisions = decisions.filter((_, index) => history.decisions[index]!.batch <= batch)
          const versions = [
            ...versionsOf(agreement),
            ...(second && second.batch <= batch
              ? [{ version: 2, activatedAt: T0 + second.hours * HOUR, agreement: lenient }]
              : []),
          ]
          // The earliest instant this batch brings: what the server knows from the rows it inserted.
          const fresh = [
            ...known(history.touchpoints)
              .filter((item) => item.batch === batch)
              .map((item) => T0 + item.hours * HOUR),
            ...known(history.decisions)
              .filter((item) => item.batch === batch)
              .map((item) => T0 + item.hours * HOUR + 1),
            ...(second && second.batch === batch ? [T0 + second.hours * HOUR] : []),
          ]
          const input = { touchpoints: knownTouchpoints, decisions: knownDecisions, versions, until }
          stored = arrive(stored, input, fresh.length > 0 ? Math.min(...fresh) : undefined)

          const replay = foldLead(EMPTY_SNAPSHOT, { email: ANNA.email, ...input, checkpointEvery: EVERY })
          if (replay.transitions.some((transition) => transition.trigger.kind === 'time')) paths.firedByTime++
          assert.deepEqual(
            plain(stored.transitions),
            plain(replay.transitions),
            `transitions after batch ${batch}`,
          )
          assert.deepEqual(plain(stored.snapshot), plain(replay.snapshot), `snapshot after batch ${batch}`)
          assert.deepEqual(
            plain(stored.checkpoints),
            plain(replay.checkpoints),
            `checkpoints after batch ${batch}`,
          )
          // Any stored checkpoint is a snapshot to fold on from, with the same result.
          for (const checkpoint of stored.checkpoints) {
            const from = foldLead(checkpoint, { email: ANNA.email, ...input })
            assert.ok(from.resumed, 'a checkpoint of this log continues')
            assert.deepEqual(plain(from.state), plain(replay.state))
            assert.deepEqual(
              plain([...replay.transitions.slice(0, from.firstSeq), ...from.transitions]),
              plain(replay.transitions),
            )
          }
          const resumed = foldLead(stored.snapshot, { email: ANNA.email, ...input })
          assert.deepEqual(plain(resumed.state), plain(replay.state))
          assert.deepEqual(plain(resumed.profile), plain(replay.profile))
          assert.equal(resumed.nextCheckAt, replay.nextCheckAt)
          assert.equal(resumed.agreementVersion, replay.agreementVersion)
          assert.deepEqual(
            resumed.credits.map((credit) => [credit.touchpoint.id, credit.rule.id, credit.credited]),
            replay.credits.map((credit) => [credit.touchpoint.id, credit.rule.id, credit.credited]),
          )
          assert.deepEqual(plain(resumed.refusedDecisions), plain(replay.refusedDecisions))
        }
      }),
      { numRuns: 300 },
    )
    assert.ok(
      paths.resumed > 300 && paths.fromCheckpoint > 50 && paths.replayed > 100 && paths.firedByTime > 50,
      JSON.stringify(paths),
    )
  })

  test('events after the snapshot are folded on from it, without folding the earlier ones again', () => {
    const versions = versionsOf(agreement)
    const early = [touchpoint('content_click', T0, { leadFields: ANNA }), touchpoint('page_view', T0 + DAY)]
    const first = foldLead(EMPTY_SNAPSHOT, {
      email: ANNA.email,
      touchpoints: early,
      decisions: [],
      versions,
      until: T0 + DAY,
    })
    const demo = touchpoint('demo_request', T0 + 2 * DAY)
    const next = foldLead(first.snapshot, {
      email: ANNA.email,
      touchpoints: [...early, demo],
      decisions: [],
      versions,
      until: T0 + 2 * DAY,
    })
    assert.equal(next.resumed, true)
    assert.equal(next.firstSeq, 1)
    assert.deepEqual(
      next.transitions.map((transition) => `${transition.from}>${transition.to}`),
      ['lead>mql'],
    )
  })

  test('a late event folds the log again and returns only the transitions from its instant on', () => {
    const versions = versionsOf(agreement)
    const log = [
      touchpoint('content_click', T0, { leadFields: ANNA }),
      touchpoint('demo_request', T0 + 5 * DAY),
    ]
    const first = foldLead(EMPTY_SNAPSHOT, {
      email: ANNA.email,
      touchpoints: log,
      decisions: [],
      versions,
      until: T0 + 6 * DAY,
    })
    assert.equal(first.snapshot.transitions, 2)
    const late = touchpoint('demo_request', T0 + 2 * DAY)
    const next = foldLead(first.snapshot, {
      email: ANNA.email,
      touchpoints: [...log, late],
      decisions: [],
      versions,
      until: T0 + 6 * DAY,
      changedFrom: late.occurredAt,
    })
    assert.equal(next.resumed, false)
    assert.equal(next.firstSeq, 1)
    assert.deepEqual(
      next.transitions.map((transition) => [transition.to, transition.at]),
      [['mql', late.occurredAt]],
    )
  })

  test('a late event goes on from the latest checkpoint before it, not from the start', () => {
    const versions = versionsOf(agreement)
    // A page view a day for 30 days: checkpoints after 10, 20 and 30 touchpoints.
    const log = Array.from({ length: 30 }, (_, day) =>
      touchpoint('page_view', T0 + day * DAY, day === 0 ? { leadFields: ANNA } : {}),
    )
    const input = { email: ANNA.email, decisions: [], versions, until: T0 + 40 * DAY, checkpointEvery: 10 }
    const first = foldLead(EMPTY_SNAPSHOT, { ...input, touchpoints: log })
    assert.deepEqual(
      first.checkpoints.map((checkpoint) => [checkpoint.at, checkpoint.touchpoints]),
      [
        [T0 + 9 * DAY, 10],
        [T0 + 19 * DAY, 20],
        [T0 + 29 * DAY, 30],
      ],
    )
    const late = touchpoint('demo_request', T0 + 25 * DAY + HOUR)
    const next = foldLead(first.snapshot, {
      ...input,
      touchpoints: [...log, late],
      checkpoints: first.checkpoints,
      changedFrom: late.occurredAt,
    })
    assert.equal(next.fromCheckpoint, true)
    assert.equal(next.firstSeq, first.checkpoints[1]!.transitions)
    const replay = foldLead(EMPTY_SNAPSHOT, { ...input, touchpoints: [...log, late] })
    assert.deepEqual(plain(next.state), plain(replay.state))
    assert.deepEqual(plain(next.checkpoints), plain(replay.checkpoints))
    assert.deepEqual(
      plain([...replay.transitions.slice(0, next.firstSeq), ...next.transitions]),
      plain(replay.transitions),
    )
  })

  test('a snapshot taken after `until` is not used: as-of views fold from the start', () => {
    const versions = versionsOf(agreement)
    const log = [
      touchpoint('content_click', T0, { leadFields: ANNA }),
      touchpoint('demo_request', T0 + 5 * DAY),
    ]
    const now = foldLead(EMPTY_SNAPSHOT, {
      email: ANNA.email,
      touchpoints: log,
      decisions: [],
      versions,
      until: T0 + 6 * DAY,
    })
    const before = foldLead(now.snapshot, {
      email: ANNA.email,
      touchpoints: log,
      decisions: [],
      versions,
      until: T0 + DAY,
    })
    assert.equal(before.resumed, false)
    assert.equal(before.state?.stage, 'lead')
    assert.deepEqual(
      plain(before),
      plain(replayLead({ email: ANNA.email, touchpoints: log, decisions: [], versions, until: T0 + DAY })),
    )
  })
})
