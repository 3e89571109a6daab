// Topics by their content per journey stage, those without decision-stage content first: the stacked bars
// show where the decision segment is missing, the table names the missing stages and how many leads
// engaged with the topic in the period; the topics where leads wait for decision content are named above.
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Empty } from '../../../components/States.tsx'
import { AXIS_TICK, ChartFrame, OneLineTick, ReportTable } from '../ReportParts.tsx'
import type { ReportWords } from '../use-report-words.ts'
import { pressingGapsOf, STAGE_COLUMNS, topicRowsOf, type GapTopic } from './content-gaps-figures.ts'
import type { ContentWords } from './use-content-words.ts'

/** The timeline's journey colours (lead.css), so a stage looks the same everywhere. */
const STAGE_COLOURS = {
  orientation: '#5b8fd0',
  consideration: '#d39a12',
  decision: '#2e8b57',
  unstaged: '#aab3bc',
} as const

export function GapTopics({
  topics,
  words,
  content,
}: {
  topics: readonly GapTopic[]
  words: ReportWords
  content: ContentWords
}) {
  const { t } = useTranslation('reports')
  const title = t('contentGaps.topics.title')
  const rows = topicRowsOf(topics)
  const gaps = topics.filter((topic) => topic.decisionGap)
  const pressing = pressingGapsOf(topics)
  const stageName = (column: (typeof STAGE_COLUMNS)[number]) =>
    column === 'unstaged' ? t('contentGaps.topics.unstaged') : content.stage(column)
  return (
    <section className="report-section" aria-labelledby="gap-topics-title">
      <h2 id="gap-topics-title">{title}</h2>
      {topics.length === 0 ? (
        <Empty>{t('contentGaps.topics.empty')}</Empty>
      ) : (
        <>
          <p
            className={gaps.length > 0 ? 'report-verdict report-verdict-warn' : 'report-verdict'}
            data-testid="gap-summary"
          >
            {gaps.length === 0
              ? t('contentGaps.topics.noGaps', { topics: words.count(topics.length) })
              : t('contentGaps.topics.gaps', {
                  count: gaps.length,
                  gaps: words.count(gaps.length),
                  topics: words.count(topics.length),
                })}
            {pressing.length > 0 &&
              ` ${t('contentGaps.topics.pressing', {
                list: pressing
                  .slice(0, 3)
                  .map((topic) =>
                    t('contentGaps.topics.withLeads', {
                      topic: topic.topic,
                      leads: words.count(topic.leads),
                    }),
                  )
                  .join(', '),
              })}`}
          </p>
          <ChartFrame
            title={t('contentGaps.topics.chart')}
            description={t('contentGaps.topics.chartText')}
            testId="gap-topics-chart"
            height={70 + rows.length * 34}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
                <CartesianGrid stroke="#e3e8ee" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
                <YAxis
                  type="category"
                  dataKey="topic"
                  width={140}
                  interval={0}
                  tick={(props: object) => <OneLineTick {...props} length={20} />}
                />
                <Tooltip formatter={(value, name) => [words.count(Number(value)), name]} />
                <Legend
                  wrapperStyle={{ fontSize: 13 }}
                  itemSorter={(item) => STAGE_COLUMNS.indexOf(item.dataKey as (typeof STAGE_COLUMNS)[number])}
                />
                {STAGE_COLUMNS.map((column) => (
                  <Bar
                    key={column}
                    dataKey={column}
                    stackId="items"
                    name={stageName(column)}
                    fill={STAGE_COLOURS[column]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </ChartFrame>
          <ReportTable caption={title} testId="gap-topics">
            <thead>
              <tr>
                <th scope="col">{t('contentGaps.topics.topic')}</th>
                {STAGE_COLUMNS.map((column) => (
                  <th key={column} scope="col" className="number">
                    {stageName(column)}
                  </th>
                ))}
                <th scope="col">{t('contentGaps.topics.missing')}</th>
                <th scope="col" className="number">
                  {t('contentGaps.topics.leads')}
                </th>
                <th scope="col" className="number">
                  {t('contentGaps.topics.touchpoints')}
                </th>
              </tr>
            </thead>
            <tbody>
              {topics.map((topic) => (
                <tr key={topic.topic} data-topic={topic.topic} data-gap={topic.decisionGap}>
                  <th scope="row">
                    {topic.topic}
                    {!topic.inCatalog && (
                      <span className="gap-sub">{t('contentGaps.topics.notInCatalog')}</span>
                    )}
                  </th>
                  {STAGE_COLUMNS.map((column) => (
                    <td key={column} className="number" data-figure={column}>
                      {words.count(topic.items[column])}
                    </td>
                  ))}
                  <td data-figure="missing">
                    {topic.missingStages.length === 0
                      ? '–'
                      : topic.missingStages.map((stage) => (
                          <span
                            key={stage}
                            className={stage === 'decision' ? 'badge gap-badge-decision' : 'badge'}
                          >
                            {content.stage(stage)}
                          </span>
                        ))}
                  </td>
                  <td className="number" data-figure="leads">
                    {words.count(topic.leads)}
                  </td>
                  <td className="number" data-figure="touchpoints">
                    {words.count(topic.touchpoints)}
                  </td>
                </tr>
              ))}
            </tbody>
          </ReportTable>
        </>
      )}
    </section>
  )
}
