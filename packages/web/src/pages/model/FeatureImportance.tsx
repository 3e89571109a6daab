// The strongest factors overall: each feature's mean absolute contribution to the log-odds over the test
// rows, strongest first, as bars and as a table (the first ten; every feature on request).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Empty } from '../../components/States.tsx'
import { AXIS_TICK, ChartFrame, OneLineTick, ReportTable, SERIES_COLOURS } from '../reports/ReportParts.tsx'
import { strongestOf, type Importance } from './model-figures.ts'
import type { ModelWords } from './use-model-words.ts'

const SHOWN = 10
// Room for "Touchpoints in der Phase Abwägung" shortened a little, and for bars beside it on a phone.
const LABEL_LENGTH = 24
const LABEL_WIDTH = 175

export function FeatureImportance({
  importance,
  words,
}: {
  importance: readonly Importance[]
  words: ModelWords
}) {
  const { t } = useTranslation('model')
  const [all, setAll] = useState(false)
  const title = t('importance.title')
  const ranked = strongestOf(importance, importance.length)
  const rows = ranked.slice(0, SHOWN).map((entry) => ({
    label: words.feature(entry.feature),
    value: entry.meanAbsContribution,
  }))
  const listed = all ? ranked : ranked.slice(0, SHOWN)
  return (
    <section className="report-section" aria-labelledby="model-importance-title">
      <h3 id="model-importance-title">{title}</h3>
      <p className="muted">{t('importance.intro')}</p>
      {ranked.length === 0 ? (
        <Empty>{t('importance.empty')}</Empty>
      ) : (
        <>
          <ChartFrame
            title={title}
            titleHidden
            description={t('importance.chartText')}
            testId="model-importance-chart"
            height={40 + rows.length * 30}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
                <CartesianGrid stroke="#e3e8ee" horizontal={false} />
                <XAxis
                  type="number"
                  tickFormatter={(value: number) => words.strength(value)}
                  tick={AXIS_TICK}
                />
                <YAxis
                  type="category"
                  dataKey="label"
                  width={LABEL_WIDTH}
                  interval={0}
                  tick={(props: object) => <OneLineTick {...props} length={LABEL_LENGTH} />}
                />
                <Tooltip
                  formatter={(value) => [words.strength(Number(value)), t('importance.contribution')]}
                />
                <Bar dataKey="value" fill={SERIES_COLOURS[0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </ChartFrame>
          <ReportTable caption={title} testId="model-importance">
            <thead>
              <tr>
                <th scope="col" className="number">
                  {t('importance.rank')}
                </th>
                <th scope="col">{t('importance.feature')}</th>
                <th scope="col" className="number">
                  {t('importance.contribution')}
                </th>
              </tr>
            </thead>
            <tbody>
              {listed.map((entry, index) => (
                <tr key={entry.feature} data-feature={entry.feature}>
                  <td className="number">{words.count(index + 1)}</td>
                  <th scope="row">
                    {words.feature(entry.feature)}
                    <span className="model-feature-code">{entry.feature}</span>
                  </th>
                  <td className="number" data-figure="contribution">
                    {words.strength(entry.meanAbsContribution)}
                  </td>
                </tr>
              ))}
            </tbody>
          </ReportTable>
          {ranked.length > SHOWN && (
            <button
              type="button"
              className="link-button model-show-all"
              aria-expanded={all}
              onClick={() => setAll(!all)}
            >
              {all ? t('importance.showFewer') : t('importance.showAll', { count: ranked.length })}
            </button>
          )}
        </>
      )}
    </section>
  )
}
