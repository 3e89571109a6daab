// The board's URL: what a shared link says is what the board shows, and a mangled link still opens one.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readBoardFilters, writeBoardFilters, type BoardFilters } from './use-board-filters.ts'

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
