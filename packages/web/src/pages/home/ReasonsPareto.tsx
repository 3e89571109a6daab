// Acceptance and rejection reasons: the period's decisions (accepted against rejected) and the Pareto of
// rejection reasons, bars by count with the cumulative share as a line, the table beneath. Reasons are
// worded from the agreement's labels; each count opens the leads rejected that way in the period.
import { useTranslation } from 'react-i18next'
import { useAgreement } from '../../hooks/use-agreement.ts'
import { ParetoChart } from '../reports/ParetoChart.tsx'
import { paretoOf, type Acceptance, type FunnelReport, type ReasonsReport } from './home-figures.ts'
import { FigureLink, InexactNote } from './HomeParts.tsx'
import type { HomeWords } from './use-home-words.ts'

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
  const rows = rejected.reasons.map((reason) => ({ ...reason, label: reasonName(reason.reason) }))
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
            <FigureLink query={rejected.leads.query} exact={rejected.leads.exact}>
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
        <ParetoChart
          rows={rows}
          title={t('reasons.chart')}
          caption={t('reasons.title')}
          testId="reasons-chart"
          tableTestId="reasons-table"
          words={{ count: words.count, share: words.share, axisShare: words.share }}
          names={{ reason: t('reasons.reason'), cumulative: t('reasons.cumulative') }}
          className="home-chart"
          titleHidden
          count={(row) => (
            <FigureLink query={row.leads.query} exact={row.leads.exact}>
              {words.count(row.count)}
            </FigureLink>
          )}
        />
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
