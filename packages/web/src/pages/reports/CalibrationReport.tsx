// Score calibration: per score, the rate to SQL and to customer by band (the agreement's thresholds or
// deciles) as paired bars; a calibrated score has rising bars, and the screen says whether it has.
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { bandRange, isRising } from './report-figures.ts'
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

type Calibration = ReportOf<'calibration'>
type Score = Calibration['scores'][number]
type Kind = 'bands' | 'deciles'

export function CalibrationReport({ report, words }: { report: Calibration; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const [kind, setKind] = useState<Kind>('bands')
  return (
    <>
      <p className="muted">
        {t('calibration.meta', {
          leads: words.count(report.leads),
          version: report.thresholdsVersion ?? '–',
        })}
      </p>
      <div className="report-switch" role="group" aria-label={t('calibration.kind')}>
        {(['bands', 'deciles'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={kind === option} onClick={() => setKind(option)}>
            {t(`calibration.${option}`)}
          </button>
        ))}
      </div>
      {report.scores.map((score) => (
        <ScoreSection key={score.score} score={score} kind={kind} words={words} />
      ))}
    </>
  )
}

function ScoreSection({ score, kind, words }: { score: Score; kind: Kind; words: ReportWords }) {
  const { t } = useTranslation('reports')
  const id = useId()
  const noteId = `${id}-note`
  const title = t(`calibration.score.${score.score}`)
  const number = (value: number) => words.format.decimal(value) ?? String(value)
  const rangeOf = (band: Score['bands'][number]) =>
    bandRange(band, number, {
      below: (max) => t('calibration.below', { max }),
      atLeast: (min) => t('calibration.atLeast', { min }),
    })
  const bands = score[kind]
  const rows = bands.map((band) => ({
    label: kind === 'deciles' ? t('calibration.decile', { band: band.band }) : rangeOf(band),
    sqlRate: band.sqlRate,
    customerRate: band.customerRate,
  }))
  const rising = isRising(bands)
  return (
    <section className="report-section" aria-labelledby={`${id}-title`} data-score={score.score}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ChartFrame
        title={`${title}: ${t(`calibration.${kind}`)}`}
        description={t('calibration.chartText')}
        testId="report-chart"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#e3e8ee" vertical={false} />
            <XAxis dataKey="label" interval={0} tick={AXIS_TICK} />
            <YAxis
              domain={[0, 'auto']}
              tickFormatter={(value: number) => words.format.axisShare(value)}
              tick={AXIS_TICK}
              width={56}
            />
            <Tooltip
              formatter={(value, name) => [words.share(value === null ? null : Number(value)), name]}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar
              dataKey="sqlRate"
              name={t('calibration.sqlRate')}
              fill={SERIES_COLOURS[0]}
              isAnimationActive={false}
            />
            <Bar
              dataKey="customerRate"
              name={t('calibration.customerRate')}
              fill={SERIES_COLOURS[2]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <p className={rising === false ? 'report-verdict report-verdict-warn' : 'report-verdict'}>
        {rising === null
          ? t('calibration.tooFew')
          : rising
            ? t('calibration.rising')
            : t('calibration.notRising')}
      </p>
      <ReportTable caption={`${title}: ${t(`calibration.${kind}`)}`} testId={`report-table-${score.score}`}>
        <thead>
          <tr>
            <th scope="col">{t('calibration.band')}</th>
            <th scope="col">{t('calibration.range')}</th>
            {(['leads', 'sqls', 'customers', 'sqlRate', 'customerRate'] as const).map((key) => (
              <th key={key} scope="col" className="number">
                {t(`calibration.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {bands.map((band) => (
            <tr key={band.band}>
              <th scope="row">
                {kind === 'deciles' ? t('calibration.decile', { band: band.band }) : band.band + 1}
              </th>
              <td>{rangeOf(band)}</td>
              <td className="number">
                <LeadCount value={band.leads} link={band.list} words={words} noteId={noteId} />
              </td>
              <td className="number">
                <LeadCount value={band.sqls} link={band.sqlList} words={words} noteId={noteId} />
              </td>
              <td className="number">
                <LeadCount value={band.customers} link={band.customerList} words={words} noteId={noteId} />
              </td>
              <td className="number">
                <Figure text={words.format.share(band.sqlRate)} />
              </td>
              <td className="number">
                <Figure text={words.format.share(band.customerRate)} />
              </td>
            </tr>
          ))}
        </tbody>
      </ReportTable>
      <InexactNote
        id={noteId}
        shown={anyInexact(bands.flatMap((band) => [band.sqlList, band.customerList]))}
      />
    </section>
  )
}
