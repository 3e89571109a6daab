// Where leads come from, who gets them and how fast sales must answer.
import { useTranslation } from 'react-i18next'
import { ConditionView } from './ConditionView.tsx'
import { Section } from './Section.tsx'
import { useAgreementWords } from './use-agreement-words.ts'
import type { AgreementDocument } from './agreement-types.ts'

export function SourcesSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const lanes = document.sources ?? []
  if (lanes.length === 0) return null
  return (
    <Section id="sources" title={t('sources.title')} intro={t('sources.intro')}>
      <div className="lanes">
        {lanes.map((lane) => (
          <div key={lane.id} className="lane">
            <h3>
              {words.label(lane.label, lane.id)}
              {document.defaultSource === lane.id && (
                <span className="badge" title={t('sources.defaultHint')}>
                  {t('sources.default')}
                </span>
              )}
            </h3>
            <dl className="facts">
              <dt>{t('sources.sources')}</dt>
              <dd>{words.and(lane.sources.map(words.source))}</dd>
              <dt>{t('sources.entry')}</dt>
              <dd>
                {lane.entryStage === 'sal'
                  ? t('sources.entrySal', {
                      property: lane.ownerProperty ? words.property(lane.ownerProperty) : '–',
                    })
                  : t('sources.entryLead')}
              </dd>
              <dt>{t('sources.lawfulBasis')}</dt>
              <dd>{t(`sources.basis.${lane.lawfulBasis ?? 'legitimate_interest'}`)}</dd>
              {(['email', 'phone'] as const).map((channel) =>
                lane.channels?.[channel] ? (
                  <Fact key={channel} term={t(`sources.channel.${channel}`)}>
                    {t(`sources.requires.${lane.channels[channel]}`)}
                  </Fact>
                ) : null,
              )}
              {lane.emailNurture && (
                <Fact term={t('sources.emailNurture')}>{t(`sources.nurture.${lane.emailNurture}`)}</Fact>
              )}
              <dt>{t('sources.mql')}</dt>
              <dd>{lane.mql ? <ConditionView condition={lane.mql} /> : t('sources.mqlGeneral')}</dd>
            </dl>
          </div>
        ))}
      </div>
    </Section>
  )
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  )
}

export function RoutingSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const routing = document.routing
  if (!routing) return null
  const fallback = routing.teams.find((team) => team.id === routing.fallbackTeam)
  return (
    <Section id="routing" title={t('routing.title')} intro={t('routing.intro')}>
      <ol className="steps">
        {routing.accountOwnerFirst && <li>{t('routing.accountOwnerFirst')}</li>}
        <li>{t('routing.territory')}</li>
        <li>
          {fallback
            ? t('routing.fallback', { team: words.label(fallback.label, fallback.id) })
            : t('routing.noFallback')}
        </li>
        <li>
          {routing.maxOpenLeadsPerRep === undefined
            ? t('routing.noCapacity')
            : t('routing.capacity', { n: words.format.number(routing.maxOpenLeadsPerRep) })}
        </li>
      </ol>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('routing.team')}</th>
              <th scope="col">{t('routing.area')}</th>
              <th scope="col">{t('routing.members')}</th>
              <th scope="col">{t('routing.teamLead')}</th>
            </tr>
          </thead>
          <tbody>
            {routing.teams.map((team) => (
              <tr key={team.id}>
                <th scope="row">{words.label(team.label, team.id)}</th>
                <td>
                  {team.territory ? <ConditionView condition={team.territory} /> : t('routing.anywhere')}
                </td>
                <td>
                  <ul className="plain">
                    {team.members.map((member) => (
                      <li key={member}>{member}</li>
                    ))}
                  </ul>
                </td>
                <td>{team.lead ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  )
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export function SlaSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const sla = document.sla
  if (!sla) return null
  const hours = sla.businessHours
  const days = WEEKDAYS.filter((day) => hours.days.includes(day))
  const consecutive =
    days.length > 2 && WEEKDAYS.indexOf(days.at(-1)!) - WEEKDAYS.indexOf(days[0]!) === days.length - 1
  const dayText = consecutive
    ? `${t(`weekday.${days[0]!}`)}–${t(`weekday.${days.at(-1)!}`)}`
    : words.and(days.map((day) => t(`weekday.${day}`)))
  const holidays = hours.holidays
  return (
    <Section
      id="sla"
      title={t('sla.title')}
      intro={t('sla.intro', { hours: words.hours(sla.acceptWithinBusinessHours) })}
    >
      <dl className="facts">
        <dt>{t('sla.businessHours')}</dt>
        <dd>{t('sla.hours', { days: dayText, start: hours.start, end: hours.end, zone: hours.timezone })}</dd>
        <dt>{t('sla.stale')}</dt>
        <dd>{t('sla.staleAfter', { days: words.format.number(sla.staleAfterBusinessDays ?? 5) })}</dd>
        <dt>{t('sla.holidays')}</dt>
        <dd>
          {holidays === undefined
            ? t('sla.noHolidays')
            : Array.isArray(holidays)
              ? words.and(holidays.map((date) => words.format.date(`${date}T12:00:00Z`)))
              : holidays.region
                ? t('sla.holidaysRegion', {
                    country: words.region(holidays.country),
                    region: holidays.region,
                  })
                : t('sla.holidaysCountry', { country: words.region(holidays.country) })}
        </dd>
      </dl>
      <h3>{t('sla.onBreach')}</h3>
      {sla.onBreach.length === 0 ? (
        <p className="muted">{t('sla.noBreachSteps')}</p>
      ) : (
        <ol className="steps">
          {sla.onBreach.map((step, index) => (
            <li key={index}>
              <strong>{t('sla.after', { hours: words.hours(step.afterBusinessHours) })}</strong>{' '}
              {step.action === 'notify'
                ? t(`sla.notify.${step.notify ?? 'owner'}`)
                : step.action === 'reassign'
                  ? t('sla.reassign')
                  : t('sla.returnToMarketing', {
                      reason: words.label(
                        document.recycling?.reasons.find((reason) => reason.id === step.reason)?.label,
                        step.reason ?? '–',
                      ),
                    })}
            </li>
          ))}
        </ol>
      )}
    </Section>
  )
}
