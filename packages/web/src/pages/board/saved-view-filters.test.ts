// A saved view and the URL it came from say the same: saving and choosing it again gives the same board.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readBoardFilters } from './use-board-filters.ts'
import { viewFiltersOf, viewParams } from './saved-view-filters.ts'

test('a view stores the filters as the API takes them, typed', () => {
  const filters = readBoardFilters(
    new URLSearchParams(
      'stage=mql,sal&owner=me&q=Kuhn&minFit=40&touchedWithinDays=30&sort=fit&order=asc&view=deals',
    ),
  )
  assert.deepEqual(viewFiltersOf(filters), {
    stage: ['mql', 'sal'],
    owner: 'me',
    q: 'Kuhn',
    minFit: 40,
    touchedWithinDays: 30,
    sort: 'fit',
    order: 'asc',
  })
})

test('choosing a view gives back the board it was saved from, in the view (table or deal board) open now', () => {
  const saved = readBoardFilters(new URLSearchParams('stage=sql&source=webinar&maxEngagement=12.5'))
  const params = viewParams(viewFiltersOf(saved), { view: 'deals' })
  assert.deepEqual(readBoardFilters(params), { ...saved, view: 'deals' })
  assert.equal(viewParams(viewFiltersOf(saved), {}).get('view'), null)
})
