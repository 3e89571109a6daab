// Acceptance and rejection reasons: the period's decisions (accepted against rejected) and the Pareto of
// rejection reasons, bars by count with the cumulative share as a line, the table beneath. Reasons are
// worded from the agreement's labels. The reasons report carries no lead lists: a rejected lead is back
// in nurturing, so its numbers open the leads there.
import { useTranslation } from 'react-i18next'
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { useAgreement } from '../../hooks/use-agreement.ts'
import { paretoOf, type Acceptance, type FunnelReport, type ReasonsReport } from './home-figures.ts'
import { FigureLink, InexactNote } from './HomeParts.tsx'
import type { HomeWords } from './use-home-words.ts'

const RECYCLED = { stage: ['recycled'] }

export function ReasonsPareto({
  acceptance,
  flow,
  reasons,
  words,
}: {
  acceptance: Acceptance
  flow: FunnelReport
  reasons: ReasonsReport
  words: HomeWords
}) {
  const { t } = useTranslation('home')
  const agreement = useAgreement()
  const labels = agreement.data?.document.recycling?.reasons ?? []
  const reasonName = (id: string) => words.label(labels.find((reason) => reason.id === id)?.label, id)
  const rejected = paretoOf(reasons, 'rejected')
  const rows = rejected.reasons.map((reason) => ({ ...reason, name: reasonName(reason.reason) }))
  const acceptedLink = flow.stages.find((stage) => stage.stage === 'sal')!.leads
  return (
    <>
      <p className="muted home-note">{t('reasons.decisionsHint')}</p>
      <dl className="home-figures" data-testid="acceptance">
        <div data-figure="accepted">
          <dt>{t('reasons.accepted')}</dt>
          <dd>
            <FigureLink query={acceptedLink.query} exact={acceptedLink.exact}>
              {words.count(acceptance.accepted)}
            </FigureLink>
          </dd>
        </div>
        <div data-figure="rejected">
          <dt>{t('reasons.rejected')}</dt>
          <dd>
            <FigureLink query={RECYCLED} exact={false}>
              {words.count(acceptance.rejected)}
            </FigureLink>
          </dd>
        </div>
        <div data-figure="acceptance">
          <dt>{t('reasons.acceptance')}</dt>
          <dd>{words.share(acceptance.share)}</dd>
        </div>
      </dl>
      {rows.length === 0 ? (
        <p className="empty">{t('reasons.empty')}</p>
      ) : (
        <>
          <figure className="home-chart" data-testid="reasons-chart">
            <figcaption className="visually-hidden">{t('reasons.chart')}</figcaption>
            <ResponsiveContainer width="100%" height={280}>
              <ComposedChart data={rows} margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
                <CartesianGrid stroke="#e3e8ee" vertical={false} />
                {/* Slanted, so long names ("Falscher Ansprechpartner") stay apart on a phone. */}
                <XAxis
                  dataKey="name"
                  interval={0}
                  angle={-30}
                  textAnchor="end"
                  height={72}
                  tick={{ fontSize: 11, fill: '#57606a' }}
                />
                <YAxis
                  yAxisId="count"
                  allowDecimals={false}
                  tickFormatter={(value: number) => words.count(value)}
                  tick={{ fontSize: 12, fill: '#57606a' }}
                  width={48}
                />
                <YAxis
                  yAxisId="share"
                  orientation="right"
                  domain={[0, 1]}
                  tickFormatter={(value: number) => words.share(value)}
                  tick={{ fontSize: 12, fill: '#57606a' }}
                  width={48}
                />
                <Tooltip
                  formatter={(value, name, item) => [
                    item.dataKey === 'cumulativeShare'
                      ? words.share(Number(value))
                      : words.count(Number(value)),
                    name,
                  ]}
                />
                <Legend
                  wrapperStyle={{ fontSize: 13 }}
                  itemSorter={(item) => (item.dataKey === 'count' ? 0 : 1)}
                />
                <Bar
                  yAxisId="count"
                  dataKey="count"
                  name={t('reasons.count')}
                  fill="#0b5cad"
                  isAnimationActive={false}
                />
                <Line
                  yAxisId="share"
                  dataKey="cumulativeShare"
                  name={t('reasons.cumulative')}
                  stroke="#c11f2d"
                  strokeWidth={2}
                  isAnimationActive={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </figure>
          <div className="table-scroll">
            <table className="table home-table" data-testid="reasons-table">
              <caption className="visually-hidden">{t('reasons.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reasons.reason')}</th>
                  <th scope="col" className="number">
                    {t('reasons.count')}
                  </th>
                  <th scope="col" className="number">
                    {t('reasons.share')}
                  </th>
                  <th scope="col" className="number">
                    {t('reasons.cumulative')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.reason} data-reason={row.reason}>
                    <th scope="row">{row.name}</th>
                    <td className="number" data-figure="count">
                      <FigureLink query={RECYCLED} exact={false}>
                        {words.count(row.count)}
                      </FigureLink>
                    </td>
                    <td className="number">{words.share(row.share)}</td>
                    <td className="number">{words.share(row.cumulativeShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="muted home-note">
        {t('reasons.others', {
          sentBack: words.count(paretoOf(reasons, 'sent_back').total),
          lost: words.count(paretoOf(reasons, 'lost').total),
        })}
      </p>
      <InexactNote />
    </>
  )
}
