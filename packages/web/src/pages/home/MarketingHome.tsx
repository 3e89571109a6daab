// Marketing's home: the funnel of the last 90 days' leads, MQLs per week against sales' capacity, the
// quality of each source, and the hand-raisers waiting right now. Every report runs over the API's
// default period (the last 90 days in the workspace's zone).
import { useTranslation } from 'react-i18next'
import { useAgreement } from '../../hooks/use-agreement.ts'
import { weeklyCapacity } from '../../../../core/src/backtest/backtest-report.ts'
import { weeklyMqlRows } from './home-figures.ts'
import { FigureLink, HomeCard, InexactNote, Loaded } from './HomeParts.tsx'
import { FunnelFigures } from './FunnelFigures.tsx'
import { WeeklyMqls } from './WeeklyMqls.tsx'
import { SourceQuality } from './SourceQuality.tsx'
import { useReport } from './use-home-data.ts'
import { useHomeWords } from './use-home-words.ts'

// The two waiting figures differ only in the report's count and list they show.
const WAITING = [
  { figure: 'handRaisers', count: 'handRaisersCoolingDown', list: 'recycledList' },
  { figure: 'mqlsPastSla', count: 'mqlsPastSla', list: 'mqlList' },
] as const

export function MarketingHome() {
  const { t } = useTranslation('home')
  const words = useHomeWords()
  const cohort = useReport('funnel', { view: 'cohort' })
  const flow = useReport('funnel', { view: 'flow' })
  const sources = useReport('sources')
  const velocity = useReport('velocity')
  const agreement = useAgreement()
  // The capacity the backtests draw too: the routing's reps × their open-lead limit.
  const capacity = agreement.data ? weeklyCapacity(agreement.data.document.routing) : null
  const period = (report: { period: { from: string; to: string } } | undefined) =>
    report && { from: words.day(report.period.from), to: words.day(report.period.to) }
  return (
    <div className="home-grid">
      <HomeCard id="funnel" title={t('funnel.title')}>
        <Loaded query={cohort}>
          {(report) => (
            <>
              <p className="muted home-note">
                {t('funnel.intro', { from: words.day(report.period.from), to: words.day(report.period.to) })}
              </p>
              <FunnelFigures report={report} words={words} />
            </>
          )}
        </Loaded>
      </HomeCard>
      <HomeCard id="weekly" title={t('weekly.title')} period={period(flow.data)}>
        <p className="muted home-note">{t('weekly.intro')}</p>
        <Loaded query={flow}>
          {(report) =>
            agreement.isPending ? null : (
              <WeeklyMqls rows={weeklyMqlRows(report, capacity)} report={report} words={words} />
            )
          }
        </Loaded>
      </HomeCard>
      <HomeCard id="sources" title={t('sources.title')} period={period(sources.data)}>
        <Loaded query={sources}>{(report) => <SourceQuality report={report} words={words} />}</Loaded>
      </HomeCard>
      <HomeCard id="waiting" title={t('waiting.title')}>
        <p className="muted home-note">{t('waiting.hint')}</p>
        <Loaded query={velocity}>
          {(report) => (
            <>
              <dl className="home-figures">
                {WAITING.map(({ figure, count, list }) => (
                  <div key={figure} data-figure={figure}>
                    <dt>{t(`waiting.${figure}`)}</dt>
                    <dd>
                      <FigureLink query={report.waitingNow[list].query} exact={report.waitingNow[list].exact}>
                        {words.count(report.waitingNow[count])}
                      </FigureLink>
                    </dd>
                  </div>
                ))}
              </dl>
              {!(report.waitingNow.recycledList.exact && report.waitingNow.mqlList.exact) && <InexactNote />}
            </>
          )}
        </Loaded>
      </HomeCard>
    </div>
  )
}
