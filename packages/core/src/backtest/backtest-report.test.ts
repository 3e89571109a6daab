import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { parseAgreement } from '../agreement/parse-agreement.ts'
import { changeOf, listChangedLeads, type ChangedLead } from './backtest-changes.ts'
import { OUTCOME_STAGES, type BacktestLead, type OutcomeStage } from './backtest-lead.ts'
import { buildBacktestReport, weeklyCapacity, type BacktestInput } from './backtest-report.ts'
import { isoWeekOf, periodBounds, type BacktestPeriod } from './backtest-weeks.ts'

const ZONE = 'Europe/Berlin'
/** An instant given as Berlin wall-clock time, e.g. berlin('2026-11-08T23:30'). */
const berlin = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis()
// Monday 2 to Sunday 15 November 2026: ISO weeks 2026-W45 and 2026-W46.
const PERIOD: BacktestPeriod = { from: '2026-11-02', to: '2026-11-15', timezone: ZONE }

type Reached = Partial<Record<'mql' | OutcomeStage, string>>
function lead(
  leadId: string,
  candidate: string | null,
  baseline: string | null,
  reached: Reached = {},
  rejection?: { at: string; reason: string },
): BacktestLead {
  const version = (at: string | null) => ({
    mqlAt: at === null ? null : berlin(at),
    explanations: at === null ? [] : [{ code: 'hand_raiser' as const, touchpointType: 'demo_request' }],
    lane: 'inbound',
    source: 'website',
  })
  const at = (stage: 'mql' | OutcomeStage) => (reached[stage] === undefined ? null : berlin(reached[stage]))
  return {
    leadId,
    candidate: version(candidate),
    baseline: version(baseline),
    actual: {
      reachedAt: {
        mql: at('mql'),
        sal: at('sal'),
        sql: at('sql'),
        opportunity: at('opportunity'),
        customer: at('customer'),
      },
      rejection: rejection ? { at: berlin(rejection.at), reason: rejection.reason } : null,
    },
  }
}

// Eight leads over two weeks. W45 is 2–8 Nov, W46 is 9–15 Nov.
//        candidate MQL     baseline MQL      really reached            real hand-off   rejected
//   a    Mon 2  10:00      Tue 3  10:00      mql sal sql               Tue 3  10:00
//   b    Thu 5  10:00      —                 mql sal                   Wed 4  10:00
//   c    Mon 9  10:00      Fri 6  10:00      mql sal sql opp customer  Mon 2  10:00
//   d    —                 Tue 10 10:00      mql                       Mon 9  10:00    no_budget
//   e    Tue 10 10:00      Wed 11 22:00      mql                       Wed 11 10:00    no_budget
//   f    —                 —                 —
//   g    Thu 12 16:00      —                 mql                       Thu 12 04:00    bad_timing
//   h    —                 —                 mql sal sql (cold lead)   Mon 2  09:00
const LEADS: BacktestLead[] = [
  lead('a', '2026-11-02T10:00', '2026-11-03T10:00', {
    mql: '2026-11-03T10:00',
    sal: '2026-11-03T12:00',
    sql: '2026-11-05T12:00',
  }),
  lead('b', '2026-11-05T10:00', null, { mql: '2026-11-04T10:00', sal: '2026-11-04T12:00' }),
  lead('c', '2026-11-09T10:00', '2026-11-06T10:00', {
    mql: '2026-11-02T10:00',
    sal: '2026-11-02T11:00',
    sql: '2026-11-03T11:00',
    opportunity: '2026-11-04T11:00',
    customer: '2026-11-12T11:00',
  }),
  lead(
    'd',
    null,
    '2026-11-10T10:00',
    { mql: '2026-11-09T10:00' },
    { at: '2026-11-09T15:00', reason: 'no_budget' },
  ),
  lead(
    'e',
    '2026-11-10T10:00',
    '2026-11-11T22:00',
    { mql: '2026-11-11T10:00' },
    { at: '2026-11-11T15:00', reason: 'no_budget' },
  ),
  lead('f', null, null),
  lead(
    'g',
    '2026-11-12T16:00',
    null,
    { mql: '2026-11-12T04:00' },
    { at: '2026-11-12T15:00', reason: 'bad_timing' },
  ),
  lead('h', null, null, { mql: '2026-11-02T09:00', sal: '2026-11-02T09:00', sql: '2026-11-06T09:00' }),
]
const INPUT: BacktestInput = {
  period: PERIOD,
  versions: { candidate: 8, baseline: 7 },
  capacityPerWeek: 2,
  leads: LEADS,
}

const stages = (
  sal: number | null,
  sql: number | null,
  opportunity: number | null,
  customer: number | null,
) => ({
  sal,
  sql,
  opportunity,
  customer,
})
const close = (actual: Record<string, number | null>, expected: Record<string, number | null>) => {
  for (const [key, value] of Object.entries(expected)) {
    if (value === null) assert.equal(actual[key], null, key)
    else assert.ok(Math.abs(actual[key]! - value) < 1e-12, `${key}: ${actual[key]} ≠ ${value}`)
  }
}

describe('buildBacktestReport on a hand-computed example', () => {
  const report = buildBacktestReport(INPUT)
  const [candidate, baseline] = report.versions

  test('counts what really happened: 8 leads, reached SAL a b c h, SQL a c h, opportunity and customer c', () => {
    assert.equal(report.leads, 8)
    assert.deepEqual(report.actual.reached, { sal: 4, sql: 3, opportunity: 1, customer: 1 })
    // base rate = reached ÷ 8
    close(report.actual.baseRate, stages(0.5, 0.375, 0.125, 0.125))
    // Hand-offs: a b c h in W45, d e g in W46; f never.
    assert.equal(report.actual.handOffs, 7)
    assert.deepEqual(
      report.actual.handOffsPerWeek.map((week) => week.mqls),
      [4, 3],
    )
  })

  test('the candidate: 5 MQLs (a b in W45, c e g in W46), precision, recall and lift per stage', () => {
    assert.equal(candidate.role, 'candidate')
    assert.equal(candidate.version, 8)
    assert.equal(candidate.mqls, 5)
    assert.deepEqual(candidate.mqlsPerWeek, [
      { week: '2026-W45', starts: '2026-11-02', days: 7, mqls: 2 },
      { week: '2026-W46', starts: '2026-11-09', days: 7, mqls: 3 },
    ])
    // Capacity 2: W46 with 3 is over.
    assert.equal(candidate.weeksOverCapacity, 1)
    // Of a b c e g: SAL a b c, SQL a c, opportunity c, customer c.
    assert.deepEqual(candidate.truePositives, { sal: 3, sql: 2, opportunity: 1, customer: 1 })
    close(candidate.precision, stages(3 / 5, 2 / 5, 1 / 5, 1 / 5))
    close(candidate.recall, stages(3 / 4, 2 / 3, 1, 1))
    // lift = precision ÷ base rate: 0.6 ÷ 0.5, 0.4 ÷ 0.375, 0.2 ÷ 0.125, 0.2 ÷ 0.125
    close(candidate.lift, stages(1.2, 0.4 / 0.375, 1.6, 1.6))
    // Days vs the real hand-off: a −1, b +1, c +7, e −1, g +0.5 → sorted −1 −1 0.5 1 7 → median 0.5.
    assert.equal(candidate.medianDaysVsHandOff, 0.5)
  })

  test('the baseline: 4 MQLs (a c in W45, d e in W46), within capacity', () => {
    assert.equal(baseline.role, 'baseline')
    assert.equal(baseline.version, 7)
    assert.equal(baseline.mqls, 4)
    assert.deepEqual(
      baseline.mqlsPerWeek.map((week) => week.mqls),
      [2, 2],
    )
    assert.equal(baseline.weeksOverCapacity, 0)
    // Of a c d e: SAL a c, SQL a c, opportunity c, customer c.
    assert.deepEqual(baseline.truePositives, { sal: 2, sql: 2, opportunity: 1, customer: 1 })
    close(baseline.precision, stages(2 / 4, 2 / 4, 1 / 4, 1 / 4))
    close(baseline.recall, stages(2 / 4, 2 / 3, 1, 1))
    close(baseline.lift, stages(1, 0.5 / 0.375, 2, 2))
    // a 0, c +4, d +1, e +0.5 → sorted 0 0.5 1 4 → median (0.5 + 1) ÷ 2 = 0.75, one decimal 0.8.
    assert.equal(baseline.medianDaysVsHandOff, 0.8)
  })

  test('changed leads: b and g only under the candidate, d only under the baseline, c a week later', () => {
    assert.equal(report.changedLeads, 4)
    const changes = Object.fromEntries(LEADS.map((lead) => [lead.leadId, changeOf(lead, ZONE) ?? null]))
    assert.deepEqual(changes, {
      a: null,
      b: 'only_candidate',
      c: 'different_week',
      d: 'only_baseline',
      // e: Tuesday and Wednesday of W46
      e: null,
      f: null,
      g: 'only_candidate',
      h: null,
    })
  })

  test('rejections by reason: the candidate still sends e (no_budget) and g (bad_timing), not d', () => {
    assert.deepEqual(report.rejections, {
      rejected: 3,
      stillSent: { candidate: 2, baseline: 2 },
      byReason: [
        { reason: 'no_budget', rejected: 2, stillSent: { candidate: 1, baseline: 2 } },
        { reason: 'bad_timing', rejected: 1, stillSent: { candidate: 1, baseline: 0 } },
      ],
    })
  })

  test('the JSON the CLI prints has period, versions with mqls, mqlsPerWeek, precision and recall, changedLeads', () => {
    const json = JSON.parse(JSON.stringify(report))
    assert.deepEqual(json.period, { from: '2026-11-02', to: '2026-11-15', timezone: ZONE })
    assert.equal(json.changedLeads, 4)
    assert.deepEqual(
      json.versions.map((entry: { version: number; mqls: number }) => [entry.version, entry.mqls]),
      [
        [8, 5],
        [7, 4],
      ],
    )
    assert.deepEqual(Object.keys(json.versions[0].precision), ['sal', 'sql', 'opportunity', 'customer'])
    assert.ok(Array.isArray(json.versions[0].mqlsPerWeek))
    assert.ok('customer' in json.versions[0].recall)
  })
})

describe('figures that cannot be computed are null, not 0', () => {
  const report = (leads: BacktestLead[], capacityPerWeek: number | null = 2) =>
    buildBacktestReport({ ...INPUT, capacityPerWeek, leads })

  test('no leads at all: every rate is null, counts are 0', () => {
    const empty = report([])
    for (const version of empty.versions) {
      assert.equal(version.mqls, 0)
      assert.deepEqual(version.precision, stages(null, null, null, null))
      assert.deepEqual(version.recall, stages(null, null, null, null))
      assert.deepEqual(version.lift, stages(null, null, null, null))
      assert.equal(version.medianDaysVsHandOff, null)
    }
    assert.deepEqual(empty.actual.baseRate, stages(null, null, null, null))
    assert.equal(empty.changedLeads, 0)
    assert.deepEqual(empty.rejections, {
      rejected: 0,
      stillSent: { candidate: 0, baseline: 0 },
      byReason: [],
    })
  })

  test('MQLs but no outcomes in the period: precision, recall and lift null; the hand-off shift still counts', () => {
    const noOutcomes = report([
      lead('x', '2026-11-03T10:00', '2026-11-03T10:00', { mql: '2026-11-04T10:00' }),
      lead('y', '2026-11-05T10:00', null),
    ])
    const [candidate] = noOutcomes.versions
    assert.equal(candidate.mqls, 2)
    assert.deepEqual(candidate.precision, stages(null, null, null, null))
    assert.deepEqual(candidate.recall, stages(null, null, null, null))
    assert.deepEqual(candidate.lift, stages(null, null, null, null))
    // x only: Tue 10:00 vs Wed 10:00 → −1 day
    assert.equal(candidate.medianDaysVsHandOff, -1)
    assert.deepEqual(noOutcomes.actual.baseRate, stages(0, 0, 0, 0))
  })

  test('a version with no MQLs: precision and lift null, recall a real 0 of the leads that converted', () => {
    const [candidate] = report([lead('x', null, '2026-11-03T10:00', { sal: '2026-11-04T10:00' })]).versions
    assert.equal(candidate.mqls, 0)
    assert.deepEqual(candidate.precision, stages(null, null, null, null))
    // SAL reached by 1 lead, 0 of them MQL: recall 0; no lead reached SQL and beyond: null.
    assert.deepEqual(candidate.recall, stages(0, null, null, null))
    assert.deepEqual(candidate.lift, stages(null, null, null, null))
  })

  test('no real hand-offs: the median shift is null', () => {
    const [candidate] = report([lead('x', '2026-11-03T10:00', null)]).versions
    assert.equal(candidate.medianDaysVsHandOff, null)
  })

  test('no capacity: no week is judged over it', () => {
    const [candidate] = report(LEADS, null).versions
    assert.equal(candidate.weeksOverCapacity, null)
  })

  test('an MQL outside the period or a lead given twice is a programmer mistake', () => {
    assert.throws(() => report([lead('x', '2026-11-16T00:00', null)]), /outside the period/)
    assert.throws(() => report([lead('x', null, null), lead('x', null, null)]), /twice/)
  })
})

describe('report weeks in the workspace time zone', () => {
  test('an MQL at Sunday 23:30 Berlin counts in that week, one at Monday 00:30 Berlin (Sunday in UTC) in the next', () => {
    assert.equal(isoWeekOf(berlin('2026-11-09T00:30'), 'UTC'), '2026-W45')
    const shifted = lead('x', '2026-11-08T23:30', '2026-11-09T00:30')
    assert.equal(changeOf(shifted, ZONE), 'different_week')
    const [candidate, baseline] = buildBacktestReport({ ...INPUT, leads: [shifted] }).versions
    assert.deepEqual(
      [candidate.mqlsPerWeek.map((week) => week.mqls), baseline.mqlsPerWeek.map((week) => week.mqls)],
      [
        [1, 0],
        [0, 1],
      ],
    )
  })
})

describe('listChangedLeads', () => {
  // Input out of order: the pages are in lead-id order whatever order the leads come in.
  const leads = [...LEADS].reverse()

  test('pages with a keyset cursor: after the last lead id of the previous page', () => {
    const ids = (page: { items: ChangedLead[] }) => page.items.map((item) => item.leadId)
    const first = listChangedLeads(leads, ZONE, { limit: 3 })
    assert.deepEqual(ids(first), ['b', 'c', 'd'])
    assert.equal(first.next, 'd')
    const second = listChangedLeads(leads, ZONE, { limit: 3, after: first.next! })
    assert.deepEqual(ids(second), ['g'])
    assert.equal(second.next, null)
    // A limit the list fills exactly has no next page.
    assert.equal(listChangedLeads(leads, ZONE, { limit: 4 }).next, null)
  })

  test('each item carries both outcomes with their weeks and explanations', () => {
    const [c] = listChangedLeads(leads, ZONE, { limit: 1, after: 'b' }).items
    assert.equal(c!.leadId, 'c')
    assert.equal(c!.change, 'different_week')
    assert.equal(c!.candidate.week, '2026-W46')
    assert.equal(c!.baseline.week, '2026-W45')
    assert.equal(c!.candidate.explanations.length, 1)
    const [d] = listChangedLeads(leads, ZONE, { limit: 1, change: 'only_baseline' }).items
    assert.deepEqual([d!.leadId, d!.candidate.week, d!.candidate.mqlAt], ['d', null, null])
  })

  test('filters by the kind of change', () => {
    const page = listChangedLeads(leads, ZONE, { limit: 10, change: 'only_candidate' })
    assert.deepEqual(
      page.items.map((item) => item.leadId),
      ['b', 'g'],
    )
  })

  test('a limit outside 1–500 throws', () => {
    for (const limit of [0, 501, 1.5])
      assert.throws(() => listChangedLeads(leads, ZONE, { limit }), /page limit/)
  })
})

describe('weeklyCapacity', () => {
  test('the demo agreement: 6 reps × 25 open leads = 150 a week', () => {
    const text = readFileSync(
      new URL('../agreement/fixtures/dach-production-planning.yaml', import.meta.url),
      'utf8',
    )
    const parsed = parseAgreement(text)
    assert.ok(parsed.ok)
    assert.equal(weeklyCapacity(parsed.document.routing), 150)
  })

  test('a rep in two teams counts once; no limit or no routing gives null', () => {
    const teams = [
      { id: 'north', members: ['jonas@x.de', 'anna@x.de'] },
      { id: 'south', members: ['Anna@x.de', 'lukas@x.de'] },
    ]
    assert.equal(weeklyCapacity({ teams, maxOpenLeadsPerRep: 10 }), 30)
    assert.equal(weeklyCapacity({ teams }), null)
    assert.equal(weeklyCapacity(undefined), null)
  })
})

describe('properties', () => {
  const { start, end } = periodBounds(PERIOD)
  const instant = fc.integer({ min: start, max: end - 1 })
  const maybe = fc.option(instant, { nil: null })
  const leadArbitrary = (leadId: string) =>
    fc
      .record({ candidate: maybe, baseline: maybe, handOff: maybe, depth: fc.integer({ min: 0, max: 4 }) })
      .map(({ candidate, baseline, handOff, depth }): BacktestLead => {
        // A lead that reached a stage reached the earlier ones (`depth` stages after the hand-off).
        const reachedAt = {
          mql: handOff,
          sal: null,
          sql: null,
          opportunity: null,
          customer: null,
        } as BacktestLead['actual']['reachedAt']
        if (handOff !== null) OUTCOME_STAGES.slice(0, depth).forEach((stage) => (reachedAt[stage] = handOff))
        const outcome = (mqlAt: number | null) => ({ mqlAt, explanations: [], lane: 'inbound', source: null })
        return {
          leadId,
          candidate: outcome(candidate),
          baseline: outcome(baseline),
          actual: { reachedAt, rejection: null },
        }
      })
  const leadsArbitrary = fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 40 })
    .chain((ids) => fc.tuple(...ids.map(leadArbitrary)))
  const swap = (leads: readonly BacktestLead[]) =>
    leads.map((lead) => ({ ...lead, candidate: lead.baseline, baseline: lead.candidate }))

  test('precision × MQLs is the true positives, recall is within [0, 1], weeks add up to the MQLs', () => {
    fc.assert(
      fc.property(leadsArbitrary, (leads) => {
        const report = buildBacktestReport({ ...INPUT, leads })
        for (const version of report.versions) {
          const made = leads.filter((lead) => lead[version.role].mqlAt !== null)
          assert.equal(
            version.mqlsPerWeek.reduce((sum, week) => sum + week.mqls, 0),
            version.mqls,
          )
          for (const stage of OUTCOME_STAGES) {
            const truePositives = made.filter((lead) => lead.actual.reachedAt[stage] !== null).length
            assert.equal(version.truePositives[stage], truePositives)
            const precision = version.precision[stage]
            if (precision !== null) assert.ok(Math.abs(precision * version.mqls - truePositives) < 1e-9)
            const recall = version.recall[stage]
            if (recall !== null) assert.ok(recall >= 0 && recall <= 1)
          }
        }
      }),
    )
  })

  test('swapping candidate and baseline mirrors the changed leads and the version figures', () => {
    const mirror = {
      only_candidate: 'only_baseline',
      only_baseline: 'only_candidate',
      different_week: 'different_week',
    }
    fc.assert(
      fc.property(leadsArbitrary, (leads) => {
        const page = listChangedLeads(leads, ZONE, { limit: 500 })
        const swapped = listChangedLeads(swap(leads), ZONE, { limit: 500 })
        assert.deepEqual(
          swapped.items.map((item) => [item.leadId, item.change]),
          page.items.map((item) => [item.leadId, mirror[item.change]]),
        )
        const report = buildBacktestReport({ ...INPUT, leads })
        const other = buildBacktestReport({ ...INPUT, leads: swap(leads) })
        assert.equal(other.changedLeads, report.changedLeads)
        assert.equal(report.changedLeads, page.items.length)
        const figures = ({
          mqls,
          precision,
          recall,
          medianDaysVsHandOff,
        }: (typeof report.versions)[number]) => ({
          mqls,
          precision,
          recall,
          medianDaysVsHandOff,
        })
        assert.deepEqual(figures(other.versions[0]), figures(report.versions[1]))
        assert.deepEqual(figures(other.versions[1]), figures(report.versions[0]))
      }),
    )
  })

  test('paging through all changed leads gives each once, in order', () => {
    fc.assert(
      fc.property(leadsArbitrary, fc.integer({ min: 1, max: 7 }), (leads, limit) => {
        const all = listChangedLeads(leads, ZONE, { limit: 500 }).items.map((item) => item.leadId)
        const paged: string[] = []
        let after: string | undefined
        for (let pages = 0; pages <= all.length; pages++) {
          const page = listChangedLeads(leads, ZONE, { limit, after })
          paged.push(...page.items.map((item) => item.leadId))
          if (page.next === null) break
          after = page.next
        }
        assert.deepEqual(paged, all)
        assert.deepEqual(
          all,
          [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      }),
    )
  })
})
