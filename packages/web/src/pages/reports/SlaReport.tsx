// SLA compliance: hand-offs per rep as stacked bars (in time, late, missed, open), the rep table beneath,
// the whole team with the queue's system delay kept apart from the reps' own, teams and breach outcomes.
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
} from './ReportParts.tsx'

type Sla = ReportOf<'sla'>
type Compliance = Pick<
  Sla['team'],
  'handOffs' | 'inTime' | 'late' | 'missed' | 'open' | 'inTimeShare' | 'medianRepHours' | 'leads'
>
const PARTS = ['inTime', 'late', 'missed', 'open'] as const
const PART_COLOURS = { inTime: '#1a7f37', late: '#9a6700', missed: '#c11f2d', open: '#9fb3c8' }

export function SlaReport({ report, words }: { report: Sla; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const noteId = useId()
  const name = (rep: Sla['reps'][number]) => (rep.userId ? words.person(rep.userId) : rep.rep)
  const rows = report.reps.map((rep) => ({ label: name(rep), ...rep }))
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {(['handOffs', ...PARTS, 'inTimeShare', 'medianRepHours'] as const).map((key) => (
          <th key={key} scope="col" className="number">
            {t(`sla.${key}`)}
          </th>
        ))}
      </tr>
    </thead>
  )
  const cells = (figures: Compliance) => (
    <>
      <td className="number">
        <LeadCount value={figures.handOffs} link={figures.leads} words={words} noteId={noteId} />
      </td>
      {PARTS.map((key) => (
        <td key={key} className="number">
          {words.count(figures[key])}
        </td>
      ))}
      <td className="number">
        <Figure text={words.format.share(figures.inTimeShare)} />
      </td>
      <td className="number">
        <Figure text={words.format.decimal(figures.medianRepHours)} />
      </td>
    </>
  )
  return (
    <>
      <ChartFrame
        title={t('sla.chart')}
        description={t('sla.chartText')}
        testId="report-chart"
        height={Math.max(240, rows.length * 36 + 60)}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e3e8ee" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
            <YAxis type="category" dataKey="label" width={110} tick={AXIS_TICK} />
            <Tooltip formatter={(value, label) => [words.count(Number(value)), label]} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            {PARTS.map((part) => (
              <Bar
                key={part}
                dataKey={part}
                name={t(`sla.${part}`)}
                stackId="sla"
                fill={PART_COLOURS[part]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ReportTable caption={t('sla.chart')} testId="report-table">
        {head(t('sla.rep'))}
        <tbody>
          {report.reps.map((rep) => (
            <tr key={rep.userId ?? rep.rep}>
              <th scope="row">{name(rep)}</th>
              {cells(rep)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('sla.summary')}</th>
            {cells(report.team)}
          </tr>
        </tfoot>
      </ReportTable>
      <InexactNote id={noteId} shown={anyInexact([report.team.leads])} />
      <p className="muted">
        {t('sla.queue', {
          queued: words.count(report.team.queued),
          hours: words.decimal(report.team.medianQueueHours),
        })}
      </p>
      <section className="report-section">
        <h2>{t('sla.teams')}</h2>
        <ReportTable caption={t('sla.teams')} testId="report-teams">
          {head(t('sla.team'))}
          <tbody>
            {report.teams.map((team) => (
              <tr key={team.team ?? ''}>
                <th scope="row">{words.team(team.team)}</th>
                {cells(team)}
              </tr>
            ))}
          </tbody>
        </ReportTable>
      </section>
      <section className="report-section">
        <h2>{t('sla.breaches')}</h2>
        <dl className="report-figures">
          {(['notified', 'reassigned', 'returnedToMarketing'] as const).map((key) => (
            <div key={key}>
              <dt>{t(`sla.${key}`)}</dt>
              <dd>{words.count(report.breaches[key])}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  )
}
