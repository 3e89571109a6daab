// The board's URL: what a shared link says is what the board shows, and a mangled link still opens one.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  countFiltersOf,
  dayRangeOf,
  readBoardFilters,
  reportFilterOf,
  WITHOUT_REPORT_FILTER,
  writeBoardFilters,
  type BoardFilters,
} from './use-board-filters.ts'

const read = (query: string) => readBoardFilters(new URLSearchParams(query))

test('a full view survives the round trip through the URL', () => {
  const view: BoardFilters = {
    stage: ['mql', 'sal'],
    owner: 'none',
    source: 'webinar',
    q: 'Kuhn Förder',
    minFit: -5,
    maxFit: 80.5,
    minEngagement: 10,
    maxEngagement: 200,
    enteredWithinDays: 30,
    touchedWithinDays: undefined,
    sort: 'fit',
    order: 'asc',
    view: undefined,
  }
  const query = writeBoardFilters(view).toString()
  assert.equal(
    query,
    'stage=mql%2Csal&owner=none&source=webinar&q=Kuhn+F%C3%B6rder&minFit=-5&maxFit=80.5&minEngagement=10&maxEngagement=200&enteredWithinDays=30&sort=fit&order=asc',
  )
  assert.deepEqual(read(query), view)
})

test('the deal board is a view of the same filters, kept in the URL', () => {
  const deals = read('owner=me&view=deals')
  assert.equal(deals.view, 'deals')
  assert.equal(writeBoardFilters(deals).toString(), 'owner=me&view=deals')
  assert.equal(read('view=kanban').view, undefined)
})

test('the default view is an empty query', () => {
  assert.equal(writeBoardFilters(read('')).toString(), '')
  assert.equal(writeBoardFilters(read('sort=engagement&order=desc')).toString(), '')
})

test.describe('values the API would refuse are dropped, the rest kept', () => {
  const cases: Array<[string, Partial<BoardFilters>]> = [
    ['stage=mql,ripe&stage=sal', { stage: ['mql', 'sal'] }],
    ['owner=jemand', { owner: undefined }],
    ['owner=me', { owner: 'me' }],
    ['owner=0b5c2d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e', { owner: '0b5c2d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e' }],
    ['minFit=viel&maxFit=', { minFit: undefined, maxFit: undefined }],
    ['minEngagement=Infinity', { minEngagement: undefined }],
    [
      'enteredWithinDays=0&touchedWithinDays=1.5',
      { enteredWithinDays: undefined, touchedWithinDays: undefined },
    ],
    ['touchedWithinDays=14', { touchedWithinDays: 14 }],
    ['q=%20%20', { q: undefined }],
    [`q=${'x'.repeat(201)}`, { q: undefined }],
    ['sort=shoe&order=sideways', { sort: 'engagement', order: 'desc' }],
  ]
  for (const [query, expected] of cases) {
    test(query.slice(0, 60), () => {
      const filters = read(query)
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(filters[key as keyof BoardFilters], value, key)
      }
    })
  }
})

test('a report link’s stage-change filter survives the round trip and goes to the API', () => {
  const query =
    'stage=sql%2Copportunity&entered=sql&enteredFrom=2026-09-01T00%3A00%3A00%2B02%3A00' +
    '&enteredTo=2026-12-01T00%3A00%3A00%2B01%3A00&enteredOwner=0b5c2d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e' +
    '&enteredVersion=7&firstTouchFrom=2026-09-01T00%3A00%3A00Z&firstTouchTo=2026-12-01T00%3A00%3A00.000Z'
  const filters = read(query)
  assert.deepEqual(reportFilterOf(filters), {
    entered: ['sql'],
    enteredFrom: '2026-09-01T00:00:00+02:00',
    enteredTo: '2026-12-01T00:00:00+01:00',
    enteredOwner: '0b5c2d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e',
    enteredVersion: 7,
    firstTouchFrom: '2026-09-01T00:00:00Z',
    firstTouchTo: '2026-12-01T00:00:00.000Z',
  })
  assert.equal(writeBoardFilters(filters).toString(), query)
  // The counts, the list and the export ask the API with the same bounds.
  assert.deepEqual(countFiltersOf(filters).entered, ['sql'])
  assert.equal(countFiltersOf(filters).enteredVersion, 7)
})

test('a reason’s and a hand-off’s link survive the round trip', () => {
  const reason =
    'entered=recycled%2Cdisqualified&enteredFrom=2026-09-01T00%3A00%3A00Z&enteredLeaving=sal%2Csql' +
    '&enteredReason=no_budget&enteredBy=person'
  assert.deepEqual(reportFilterOf(read(reason)), {
    entered: ['recycled', 'disqualified'],
    enteredFrom: '2026-09-01T00:00:00Z',
    enteredLeaving: ['sal', 'sql'],
    enteredReason: 'no_budget',
    enteredBy: 'person',
  })
  assert.equal(writeBoardFilters(read(reason)).toString(), reason)
  const handOff =
    'handOffFrom=2026-09-01T00%3A00%3A00Z&handOffTo=2026-12-01T00%3A00%3A00Z&handOffRep=jonas%40acme.test' +
    '&handOffTeam=de_north&handOffVersion=2'
  assert.deepEqual(reportFilterOf(read(handOff)), {
    handOffFrom: '2026-09-01T00:00:00Z',
    handOffTo: '2026-12-01T00:00:00Z',
    handOffRep: 'jonas@acme.test',
    handOffTeam: 'de_north',
    handOffVersion: 2,
  })
  assert.equal(writeBoardFilters(read(handOff)).toString(), handOff)
  assert.equal(countFiltersOf(read(handOff)).handOffRep, 'jonas@acme.test')
})

test('a calibration band’s link survives the round trip, a malformed or reversed range is dropped', () => {
  const band =
    'firstMqlFrom=2026-09-01T00%3A00%3A00Z&firstMqlTo=2026-12-01T00%3A00%3A00Z&firstMqlVersion=3' +
    '&firstMqlFit=%5B20%2C40%29&firstMqlEngagement=%5B3.2e-8%2C%5D'
  assert.deepEqual(reportFilterOf(read(band)), {
    firstMqlFrom: '2026-09-01T00:00:00Z',
    firstMqlTo: '2026-12-01T00:00:00Z',
    firstMqlVersion: 3,
    firstMqlFit: '[20,40)',
    firstMqlEngagement: '[3.2e-8,]',
  })
  assert.equal(writeBoardFilters(read(band)).toString(), band)
  for (const range of ['[40,20]', '20,40', '[a,1]', '[1,2}']) {
    assert.equal(read(`firstMqlFit=${encodeURIComponent(range)}`).firstMqlFit, undefined, range)
  }
})

test('removing the report chip leaves the other filters', () => {
  const filters = read('source=webinar&entered=mql,sal&enteredFrom=2026-09-01T00:00:00Z')
  const without = { ...filters, ...WITHOUT_REPORT_FILTER }
  assert.equal(reportFilterOf(without), null)
  assert.equal(writeBoardFilters(without).toString(), 'source=webinar')
  assert.equal(reportFilterOf(read('source=webinar')), null)
})

test.describe('report bounds the API would refuse are dropped', () => {
  const cases: Array<[string, Partial<BoardFilters>]> = [
    // Bounds of a stage change need the stage.
    [
      'enteredFrom=2026-09-01T00:00:00Z&enteredVersion=3',
      { enteredFrom: undefined, enteredVersion: undefined },
    ],
    ['entered=ripe,sql', { entered: ['sql'] }],
    ['entered=sql&enteredFrom=2026-09-01', { enteredFrom: undefined }],
    ['entered=sql&enteredFrom=2026-09-01T00:00:00', { enteredFrom: undefined }],
    ['entered=sql&enteredTo=2026-13-01T00:00:00Z', { enteredTo: undefined }],
    [
      'entered=sql&enteredFrom=2026-12-01T00:00:00Z&enteredTo=2026-09-01T00:00:00Z',
      { enteredFrom: '2026-12-01T00:00:00Z', enteredTo: undefined },
    ],
    ['entered=sql&enteredOwner=me&enteredVersion=0', { enteredOwner: undefined, enteredVersion: undefined }],
    ['firstTouchTo=2026-09-01T00:00:00Z', { firstTouchTo: '2026-09-01T00:00:00Z', entered: undefined }],
    ['enteredLeaving=mql&enteredReason=no_budget', { enteredLeaving: undefined, enteredReason: undefined }],
    [
      'entered=recycled&enteredBy=robot&enteredLeaving=won',
      { enteredBy: undefined, enteredLeaving: undefined },
    ],
    [
      'handOffFrom=2026-12-01T00:00:00Z&handOffTo=2026-09-01T00:00:00Z&handOffVersion=-1',
      { handOffFrom: '2026-12-01T00:00:00Z', handOffTo: undefined, handOffVersion: undefined },
    ],
  ]
  for (const [query, expected] of cases) {
    test(query.slice(0, 70), () => {
      const filters = read(query)
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(filters[key as keyof BoardFilters], value, key)
      }
    })
  }
})

test('the chip words the period as calendar days in the workspace’s zone, the end excluded', () => {
  // Intl writes thin spaces around the dash; read as plain ones here.
  const plain = (range: Record<string, string>) =>
    Object.fromEntries(Object.entries(range).map(([key, text]) => [key, text.replace(/\s/g, ' ')]))
  // [1 Sep, 1 Dec) in Berlin: 1 September to 30 November.
  assert.deepEqual(
    plain(dayRangeOf('2026-08-31T22:00:00Z', '2026-11-30T23:00:00Z', 'de-DE', 'Europe/Berlin')),
    { range: '01.09. – 30.11.2026' },
  )
  // The same instants in New York still belong to 31 August and 30 November.
  assert.deepEqual(
    plain(dayRangeOf('2026-08-31T22:00:00Z', '2026-11-30T23:00:00Z', 'de-DE', 'America/New_York')),
    { range: '31.08. – 30.11.2026' },
  )
  assert.deepEqual(dayRangeOf('2026-08-31T22:00:00Z', undefined, 'de-DE', 'Europe/Berlin'), {
    from: '01.09.2026',
  })
  assert.deepEqual(dayRangeOf(undefined, '2026-12-01T00:00:00+01:00', 'de-DE', 'Europe/Berlin'), {
    to: '30.11.2026',
  })
})
