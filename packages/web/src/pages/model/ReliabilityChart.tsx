// Whether the probabilities can be taken at their word: per decile of the test rows, the mean predicted
// probability against the share that reached the target, with the diagonal where both agree. Both axes
// share one scale, so the diagonal is a diagonal; the table beneath holds the same numbers.
import { useTranslation } from 'react-i18next'
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { Empty } from '../../components/States.tsx'
import { AXIS_TICK, ChartFrame, ReportTable, SERIES_COLOURS } from '../reports/ReportParts.tsx'
import { reliabilityScale, type ReliabilityBand } from './model-figures.ts'
import type { ModelWords } from './use-model-words.ts'

export function ReliabilityChart({
  bands,
  target,
  words,
}: {
  bands: readonly ReliabilityBand[]
  target: string
  words: ModelWords
}) {
  const { t } = useTranslation('model')
  const title = t('reliability.title')
  if (bands.length === 0) {
    return (
      <section className="report-section" aria-labelledby="model-reliability-title">
        <h3 id="model-reliability-title">{title}</h3>
        <Empty>{t('reliability.empty')}</Empty>
      </section>
    )
  }
  const scale = reliabilityScale(bands)
  const ticks = Array.from({ length: Math.round(scale * 10) + 1 }, (_, index) => index / 10)
  const rows = bands.map((band) => ({ predicted: band.meanPredicted, observed: band.observedRate }))
  const diagonal = [
    { predicted: 0, diagonal: 0 },
    { predicted: scale, diagonal: scale },
  ]
  return (
    <section className="report-section" aria-labelledby="model-reliability-title">
      <h3 id="model-reliability-title">{title}</h3>
      <p className="muted">{t('reliability.intro', { target })}</p>
      <ChartFrame
        title={title}
        titleHidden
        description={t('reliability.chartText', { target })}
        testId="model-reliability-chart"
        height={320}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart margin={{ top: 8, right: 12, bottom: 16, left: -4 }}>
            <CartesianGrid stroke="#e3e8ee" />
            <XAxis
              type="number"
              dataKey="predicted"
              domain={[0, scale]}
              ticks={ticks}
              tickFormatter={(value: number) => words.axisShare(value)}
              tick={AXIS_TICK}
              label={{
                value: t('reliability.predicted'),
                position: 'insideBottom',
                offset: -10,
                fontSize: 12,
              }}
            />
            <YAxis
              type="number"
              domain={[0, scale]}
              ticks={ticks}
              tickFormatter={(value: number) => words.axisShare(value)}
              tick={AXIS_TICK}
              width={52}
            />
            <Tooltip
              labelFormatter={(value) => `${t('reliability.predicted')}: ${words.share(Number(value))}`}
              formatter={(value, name) => [words.share(Number(value)), name]}
            />
            <Legend wrapperStyle={{ fontSize: 13, paddingTop: 8 }} verticalAlign="top" />
            <Line
              data={diagonal}
              dataKey="diagonal"
              name={t('reliability.diagonal')}
              stroke="#848d97"
              strokeDasharray="5 4"
              dot={false}
              activeDot={false}
              legendType="plainline"
              isAnimationActive={false}
            />
            <Line
              data={rows}
              dataKey="observed"
              name={t('reliability.observed')}
              stroke={SERIES_COLOURS[0]}
              strokeWidth={2}
              dot={{ r: 4 }}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFrame>
      <ReportTable caption={title} testId="model-reliability">
        <thead>
          <tr>
            <th scope="col">{t('reliability.band')}</th>
            <th scope="col" className="number">
              {t('reliability.leads')}
            </th>
            <th scope="col" className="number">
              {t('reliability.range')}
            </th>
            <th scope="col" className="number">
              {t('reliability.predicted')}
            </th>
            <th scope="col" className="number">
              {t('reliability.observed')}
            </th>
          </tr>
        </thead>
        <tbody>
          {bands.map((band) => (
            <tr key={band.band} data-band={band.band}>
              <th scope="row" className="model-nowrap">
                {t('reliability.decile', { band: band.band })}
              </th>
              <td className="number" data-figure="count">
                {words.count(band.count)}
              </td>
              <td className="number" data-figure="range">
                {`${words.share(band.lowestPredicted)} – ${words.share(band.highestPredicted)}`}
              </td>
              <td className="number" data-figure="predicted">
                {words.share(band.meanPredicted)}
              </td>
              <td className="number" data-figure="observed">
                {words.share(band.observedRate)}
              </td>
            </tr>
          ))}
        </tbody>
      </ReportTable>
      <p className="report-note muted">{t('reliability.note')}</p>
    </section>
  )
}
