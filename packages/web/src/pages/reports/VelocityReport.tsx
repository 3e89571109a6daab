// Velocity: median and 90th percentile of the days in each stage as paired bars, the table beneath, the
// response and MQL-to-SQL times, and who is waiting right now (each count opens those leads).
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { ReportOf } from './report-query.ts'
import type { ReportWords } from './use-report-words.ts'
import {
  anyInexact,
  AXIS_TICK,
  ChartFrame,
  Figure,
  InexactNote,
  LeadCount,
  ReportTable,
  SERIES_COLOURS,
} from './ReportParts.tsx'

type Velocity = ReportOf<'velocity'>

export function VelocityReport({ report, words }: { report: Velocity; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const noteId = useId()
  const rows = report.stages.map((stage) => ({
    label: words.stage(stage.stage),
    median: stage.median,
    p90: stage.p90,
  }))
  const spread = (measure: string, figures: Velocity['mqlToSqlDays'], key: string) => (
    <tr key={key} data-row={key}>
      <th scope="row">{measure}</th>
      <td className="number">
        <LeadCount value={figures.n} link={figures.leads} words={words} noteId={noteId} />
      </td>
      <td className="number">
        <Figure text={words.format.decimal(figures.median)} />
      </td>
      <td className="number">
        <Figure text={words.format.decimal(figures.p90)} />
      </td>
    </tr>
  )
  const waiting = report.waitingNow
  return (
    <>
      <ChartFrame title={t('velocity.chart')} description={t('velocity.chartText')} testId="report-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#e3e8ee" vertical={false} />
            <XAxis dataKey="label" interval={0} tick={AXIS_TICK} />
            <YAxis tick={AXIS_TICK} width={48} />
            <Tooltip
              formatter={(value, name) => [words.decimal(value === null ? null : Number(value)), name]}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar
              dataKey="median"
              name={t('velocity.median')}
              fill={SERIES_COLOURS[0]}
              isAnimationActive={false}
            />
            <Bar dataKey="p90" name={t('velocity.p90')} fill={SERIES_COLOURS[1]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ReportTable caption={t('velocity.chart')} testId="report-table">
        <thead>
          <tr>
            <th scope="col">{t('velocity.measure')}</th>
            <th scope="col" className="number">
              {t('velocity.n')}
            </th>
            <th scope="col" className="number">
              {t('velocity.median')}
            </th>
            <th scope="col" className="number">
              {t('velocity.p90')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.stages.map((stage) =>
            spread(`${t('velocity.days')}: ${words.stageLong(stage.stage)}`, stage, stage.stage),
          )}
          {spread(t('velocity.firstResponse'), report.mqlToFirstResponseHours, 'first-response')}
          {spread(t('velocity.mqlToSql'), report.mqlToSqlDays, 'mql-to-sql')}
        </tbody>
      </ReportTable>
      <p className="muted">
        {t('velocity.unanswered', { value: words.count(report.mqlToFirstResponseHours.unanswered) })}
      </p>
      <section className="report-section">
        <h2>{t('velocity.waiting')}</h2>
        <dl className="report-figures">
          <div>
            <dt>{t('velocity.mqlsPastSla')}</dt>
            <dd>
              <LeadCount value={waiting.mqlsPastSla} link={waiting.mqlList} words={words} noteId={noteId} />
            </dd>
          </div>
          <div>
            <dt>{t('velocity.coolingDown')}</dt>
            <dd>
              <LeadCount
                value={waiting.handRaisersCoolingDown}
                link={waiting.recycledList}
                words={words}
                noteId={noteId}
              />
            </dd>
          </div>
        </dl>
        <InexactNote id={noteId} shown={anyInexact([waiting.mqlList, waiting.recycledList])} />
      </section>
    </>
  )
}
