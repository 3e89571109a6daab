import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  acceptanceOf,
  boardHref,
  isCapacityFarAbove,
  mainCurrency,
  paretoOf,
  periodEndingToday,
  pipelineRows,
  slaRows,
  weeklyMqlRows,
  type DealBoard,
  type FunnelReport,
  type ReasonsReport,
  type SlaReport,
} from './home-figures.ts'

const period = { from: '2026-11-04', to: '2026-11-24', timezone: 'Europe/Berlin' }
const filters = { version: null, source: null, owner: null }
const link = { query: {}, exact: false }
const entered = (mql: number) => ({ lead: 0, mql, sal: 0, sql: 0, opportunity: 0, customer: 0 })

function funnel(stages: Record<string, number>, weeks?: FunnelReport['weeks']): FunnelReport {
  return {
    name: 'funnel',
    period,
    filters,
    view: 'flow',
    by: null,
    stages: (['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'] as const).map((stage) => ({
      stage,
      entered: stages[stage] ?? 0,
      conversionFromPrevious: null,
      conversionFromFirst: null,
      medianDays: null,
      leads: link,
    })),
    exits: { recycled: 0, disqualified: 0 },
    ...(weeks ? { weeks } : {}),
  }
}

function reasons(paretos: ReasonsReport['paretos']): ReasonsReport {
  return {
    name: 'reasons',
    period,
    filters,
    by: null,
    paretos,
    recycled: {
      leads: 0,
      requalified: 0,
      reachedSql: 0,
      won: 0,
      requalifiedRate: null,
      list: { query: { entered: ['recycled'] }, exact: true },
    },
  }
}

describe('boardHref', () => {
  for (const [query, expected] of [
    [{}, '/board'],
    [{ stage: ['sql', 'opportunity', 'customer'] }, '/board?stage=sql%2Copportunity%2Ccustomer'],
    [{ stage: ['mql'], source: 'trade_fair', owner: 'u-1' }, '/board?stage=mql&source=trade_fair&owner=u-1'],
    [{ stage: [], lane: 'inbound' }, '/board?lane=inbound'],
  ] as const) {
    test(`${JSON.stringify(query)} opens ${expected}`, () => {
      assert.equal(boardHref(query), expected)
    })
  }

  test('adds the board view it is told, after the filters', () => {
    assert.equal(boardHref({ owner: 'u-2' }, { view: 'deals' }), '/board?owner=u-2&view=deals')
  })
})

describe('periodEndingToday', () => {
  test('counts back whole days from today in the workspace zone', () => {
    // 23:30 UTC on 30 Nov is already 1 Dec in Berlin.
    const now = new Date('2026-11-30T23:30:00Z')
    assert.deepEqual(periodEndingToday(1, 'Europe/Berlin', now), { from: '2026-12-01', to: '2026-12-01' })
    assert.deepEqual(periodEndingToday(90, 'Europe/Berlin', now), { from: '2026-09-03', to: '2026-12-01' })
    assert.deepEqual(periodEndingToday(365, 'UTC', now), { from: '2025-12-01', to: '2026-11-30' })
  })
})

describe('weeklyMqlRows', () => {
  test('lists every week of the period from its Monday, 0 where no MQL came, with partial ends', () => {
    // 4 Nov 2026 is a Wednesday; 24 Nov a Tuesday.
    const report = funnel({}, [
      { week: '2026-11-02', entered: entered(3) },
      { week: '2026-11-16', entered: entered(7) },
    ])
    assert.deepEqual(weeklyMqlRows(report, 10), [
      { week: '2026-11-02', mqls: 3, capacity: 10, days: 5 },
      { week: '2026-11-09', mqls: 0, capacity: 10, days: 7 },
      { week: '2026-11-16', mqls: 7, capacity: 10, days: 7 },
      { week: '2026-11-23', mqls: 0, capacity: 10, days: 2 },
    ])
  })

  test('leaves a capacity over three times the busiest week out of the chart', () => {
    const rows = (capacity: number | null) =>
      weeklyMqlRows(funnel({}, [{ week: '2026-11-09', entered: entered(5) }]), capacity)
    assert.equal(isCapacityFarAbove(rows(15)), false)
    assert.equal(isCapacityFarAbove(rows(16)), true)
    assert.equal(isCapacityFarAbove(rows(null)), false)
  })

  test('keeps a missing capacity as null', () => {
    assert.deepEqual(
      weeklyMqlRows(funnel({}, []), null).map((row) => row.capacity),
      [null, null, null, null],
    )
  })
})

describe('slaRows', () => {
  const rep = (userId: string | null, handOffs: number, inTime: number, share: number | null) => ({
    rep: `${userId ?? 'gone'}@demo.test`,
    userId,
    handOffs,
    inTime,
    late: handOffs - inTime,
    missed: 0,
    open: 0,
    inTimeShare: share,
    medianRepHours: null,
    leads: { query: { handOffRep: `${userId ?? 'gone'}@demo.test` }, exact: false },
  })
  const report = (reps: SlaReport['reps']): SlaReport => ({
    name: 'sla',
    period,
    filters,
    team: {
      handOffs: 0,
      inTime: 0,
      late: 0,
      missed: 0,
      open: 0,
      inTimeShare: null,
      medianRepHours: null,
      medianQueueHours: null,
      queued: 0,
      leads: { query: {}, exact: false },
    },
    reps,
    teams: [],
    breaches: { notified: 0, reassigned: 0, returnedToMarketing: 0 },
  })

  test('puts the worst share first, names reps from the people list, and drops reps without hand-offs', () => {
    const rows = slaRows(
      report([rep('a', 4, 4, 1), rep('b', 4, 1, 0.25), rep('c', 0, 0, null), rep(null, 2, 1, 0.5)]),
      new Map([['b', 'Bea Brandt']]),
    )
    assert.deepEqual(
      rows.map((row) => [row.name, row.inTimeShare]),
      [
        ['Bea Brandt', 0.25],
        ['gone@demo.test', 0.5],
        ['a@demo.test', 1],
      ],
    )
  })
})

describe('acceptanceOf and paretoOf', () => {
  const rejected: ReasonsReport['paretos'][number] = {
    outcome: 'rejected',
    total: 4,
    reasons: [
      {
        reason: 'no_need',
        count: 4,
        share: 1,
        cumulativeShare: 1,
        leads: { query: { entered: ['recycled', 'disqualified'], enteredReason: 'no_need' }, exact: false },
      },
    ],
    leads: { query: { entered: ['recycled', 'disqualified'] }, exact: false },
  }

  test('weighs the period’s acceptances against its rejections', () => {
    assert.deepEqual(acceptanceOf(funnel({ mql: 20, sal: 12 }), reasons([rejected])), {
      accepted: 12,
      rejected: 4,
      share: 0.75,
    })
  })

  test('says null, not 0 %, when nobody decided', () => {
    assert.deepEqual(acceptanceOf(funnel({}), reasons([])), { accepted: 0, rejected: 0, share: null })
  })

  test('gives an empty Pareto for an outcome the report does not list', () => {
    assert.deepEqual(paretoOf(reasons([rejected]), 'lost'), {
      outcome: 'lost',
      total: 0,
      reasons: [],
      leads: { query: { entered: ['recycled', 'disqualified'] }, exact: false },
    })
    assert.equal(paretoOf(reasons([rejected]), 'rejected'), rejected)
  })
})

describe('pipelineRows', () => {
  const column = (id: string, count: number, totals: DealBoard['columns'][number]['totals']) => ({
    id,
    label: { de: id, en: id },
    probability: null,
    count,
    totals,
  })
  const board: DealBoard = {
    movable: true,
    columns: [
      column('discovery', 2, [{ currency: 'EUR', amount: 50_000, weighted: 5_000 }]),
      column('proposal', 2, [
        { currency: 'CHF', amount: 20_000, weighted: null },
        { currency: 'EUR', amount: 30_000, weighted: 18_000 },
      ]),
      column('negotiation', 1, [{ currency: 'CHF', amount: 10_000, weighted: null }]),
    ],
    deals: [],
    truncated: false,
  }

  test('charts the currency most of the value is in, 0 in a stage without it', () => {
    assert.equal(mainCurrency(board), 'EUR')
    assert.deepEqual(
      pipelineRows(board, 'EUR').map((row) => [row.id, row.count, row.amount, row.weighted]),
      [
        ['discovery', 2, 50_000, 5_000],
        ['proposal', 2, 30_000, 18_000],
        ['negotiation', 1, 0, null],
      ],
    )
  })

  test('falls back to EUR for an empty pipeline', () => {
    assert.equal(mainCurrency({ ...board, columns: [] }), 'EUR')
  })
})
