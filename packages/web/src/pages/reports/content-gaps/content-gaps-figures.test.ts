// The content-gaps report's rows: topics stacked by stage, the gaps leads wait at, the chart's items.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  precedingChartRows,
  pressingGapsOf,
  topicRowsOf,
  type GapTopic,
  type PrecedingItem,
} from './content-gaps-figures.ts'

const topic = (name: string, decision: number, leads: number): GapTopic => ({
  topic: name,
  inCatalog: true,
  items: { orientation: 2, consideration: 1, decision, unstaged: 0 },
  missingStages: decision === 0 ? ['decision'] : [],
  decisionGap: decision === 0,
  leads,
  touchpoints: leads * 2,
})

test('each topic is a row of its items per stage, in the report’s order', () => {
  assert.deepEqual(topicRowsOf([topic('mes', 0, 5), topic('oee', 1, 9)]), [
    { topic: 'mes', decisionGap: true, orientation: 2, consideration: 1, decision: 0, unstaged: 0 },
    { topic: 'oee', decisionGap: false, orientation: 2, consideration: 1, decision: 1, unstaged: 0 },
  ])
})

test('the pressing gaps are decision gaps leads engaged with, most leads first', () => {
  const gaps = pressingGapsOf([topic('a', 0, 3), topic('b', 1, 50), topic('c', 0, 0), topic('d', 0, 40)])
  assert.deepEqual(
    gaps.map((gap) => gap.topic),
    ['d', 'a'],
  )
})

test('the chart shows the first items with an MQL after them', () => {
  const item = (contentId: string, mqlAfter: number): PrecedingItem => ({
    contentId,
    title: contentId,
    kind: null,
    journeyStage: null,
    language: null,
    inCatalog: true,
    leads: 10,
    mqlAfter,
    mqlRate: mqlAfter / 10,
    medianDaysToMql: null,
  })
  assert.deepEqual(
    precedingChartRows([item('a', 4), item('b', 2), item('c', 0), item('d', 1)], 2).map(
      (row) => row.contentId,
    ),
    ['a', 'b'],
  )
})
