// The content-gaps report shaped for its charts and tables: the topics' items per journey stage as
// stacked rows, how many topics lack decision-stage content, and the content consumed before MQL, most
// MQL entries first. Pure, so tested without a browser; chart and table read the same rows.
// Spelled out with .d.ts: the node test of this file type-checks it under nodenext resolution.
import type { paths } from '../../../api/openapi.d.ts'

type Operation = paths['/api/v1/reports/content-gaps']['get']
export type ContentGaps = Operation['responses'][200]['content']['application/json']
export type ContentGapsQuery = NonNullable<Operation['parameters']['query']>
export type GapTopic = ContentGaps['topics'][number]
export type PrecedingItem = ContentGaps['precedingMql'][number]

export const STAGE_COLUMNS = ['orientation', 'consideration', 'decision', 'unstaged'] as const
export type StageColumn = (typeof STAGE_COLUMNS)[number]

export type TopicRow = { topic: string; decisionGap: boolean } & Record<StageColumn, number>

/** One row per topic with its catalog items per stage, in the report's order (decision gaps first). */
export function topicRowsOf(topics: readonly GapTopic[]): TopicRow[] {
  return topics.map((topic) => ({
    topic: topic.topic,
    decisionGap: topic.decisionGap,
    orientation: topic.items.orientation,
    consideration: topic.items.consideration,
    decision: topic.items.decision,
    unstaged: topic.items.unstaged,
  }))
}

/**
 * The topics without decision-stage content that leads engaged with in the period, most leads first:
 * where a missing case study or ROI calculator costs the most.
 */
export function pressingGapsOf(topics: readonly GapTopic[]): GapTopic[] {
  return topics.filter((topic) => topic.decisionGap && topic.leads > 0).sort((a, b) => b.leads - a.leads)
}

/**
 * The content the chart shows: the `count` items with the most MQL entries after them (the report's own
 * order), leaving out those no lead entered MQL after, which would draw no bar.
 */
export function precedingChartRows(items: readonly PrecedingItem[], count: number): PrecedingItem[] {
  return items.filter((item) => item.mqlAfter > 0).slice(0, count)
}
