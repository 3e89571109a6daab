// A rep's home: today's work (the MQLs waiting for a decision with their SLA clocks, most urgent first,
// and the SALs gone quiet) and the rep's own conversion: of the leads they own that were created in the
// last year, how far each stage got. A year, not the 90 days of the team views: one rep's leads are few
// and take weeks from MQL to deal.
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { useMyWork } from '../../hooks/use-lead-work.ts'
import { useFormat } from '../../hooks/format.ts'
import { useSession } from '../../session/session.tsx'
import { SlaBadge } from '../../components/SlaBadge.tsx'
import { periodEndingToday } from './home-figures.ts'
import { HomeCard, Loaded } from './HomeParts.tsx'
import { FunnelFigures } from './FunnelFigures.tsx'
import { useReport } from './use-home-data.ts'
import { useHomeWords } from './use-home-words.ts'

const OWN_PERIOD_DAYS = 365

export function RepHome() {
  const { t } = useTranslation('home')
  const words = useHomeWords()
  const session = useSession()
  const format = useFormat()
  // The inbox's own query: a decision taken there refreshes this list too.
  const inbox = useQuery({
    queryKey: ['inbox'],
    queryFn: () => unwrap(api.GET('/api/v1/inbox')),
    refetchInterval: 60_000,
  })
  const work = useMyWork()
  const own = useReport('funnel', {
    view: 'cohort',
    owner: session.user.id,
    ...periodEndingToday(OWN_PERIOD_DAYS, format.timeZone, new Date()),
  })
  return (
    <div className="home-grid">
      <HomeCard id="today" title={t('today.title')}>
        <h3>
          {t('today.waiting')} <span className="count-pill">{inbox.data?.items.length ?? '…'}</span>
        </h3>
        <Loaded query={inbox}>
          {({ items }) =>
            items.length === 0 ? (
              <p className="empty">{t('today.noWaiting')}</p>
            ) : (
              <>
                <ul className="home-leads" data-testid="today-waiting">
                  {items.map((item) => (
                    <li key={item.id}>
                      <Link to={`/leads/${item.id}`}>{item.name ?? item.email}</Link>
                      {item.companyName && <span className="muted"> · {item.companyName}</span>}{' '}
                      <SlaBadge sla={item.sla} />
                    </li>
                  ))}
                </ul>
                <p>
                  <Link to="/inbox">{t('today.openInbox')}</Link>
                </p>
              </>
            )
          }
        </Loaded>
        <Loaded query={work}>
          {(data) => {
            const stale = data.sections.qualifying.filter((item) => item.stale)
            return (
              <>
                <h3>
                  {t('today.stale')} <span className="count-pill">{stale.length}</span>
                </h3>
                <p className="muted home-note">
                  {t('today.staleHint', { days: data.staleAfterBusinessDays })}
                </p>
                {stale.length === 0 ? (
                  <p className="empty">{t('today.noStale')}</p>
                ) : (
                  <ul className="home-leads" data-testid="today-stale">
                    {stale.map((item) => (
                      <li key={item.id}>
                        <Link to={`/leads/${item.id}`}>{item.name ?? item.email}</Link>
                        {item.companyName && <span className="muted"> · {item.companyName}</span>}{' '}
                        <span className="muted">{t('today.age', { count: item.ageDays })}</span>
                      </li>
                    ))}
                  </ul>
                )}
                <p>
                  <Link to="/work">{t('today.openWork')}</Link>
                </p>
              </>
            )
          }}
        </Loaded>
      </HomeCard>
      <HomeCard id="own" title={t('own.title')}>
        <Loaded query={own}>
          {(report) => (
            <>
              <p className="muted home-note">
                {t('funnel.introRep', {
                  from: words.day(report.period.from),
                  to: words.day(report.period.to),
                })}
              </p>
              <FunnelFigures report={report} words={words} fromStage="mql" />
            </>
          )}
        </Loaded>
      </HomeCard>
    </div>
  )
}
