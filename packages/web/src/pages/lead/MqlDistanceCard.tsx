// What a lead short of MQL still needs under the agreement in force (the API's mqlDistance): each route
// that would make the MQL criteria hold, any one of them enough, in the UI's language. A route that needs
// the lead's fields or fit to change says no engagement alone gets it there.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import type { LeadDetail } from './lead-types.ts'

export function MqlDistanceCard({ lead }: { lead: LeadDetail }) {
  const { t, i18n } = useTranslation('lead')
  const format = useFormat()
  const distance = lead.mqlDistance
  const language = i18n.language === 'en' ? 'en' : 'de'
  return (
    <section
      className="card lead-section mql-distance"
      aria-labelledby="mql-distance-title"
      data-testid="mql-distance"
      data-met={distance.met ? 'true' : 'false'}
    >
      <h2 id="mql-distance-title">{t('mqlDistance.title')}</h2>
      {distance.coolDownUntil && (
        <p className="muted">
          {t('mqlDistance.coolDown', { date: format.dateTime(distance.coolDownUntil) })}
        </p>
      )}
      {distance.met ? (
        <p>{t(distance.coolDownUntil ? 'mqlDistance.metAfterCoolDown' : 'mqlDistance.met')}</p>
      ) : distance.routes.length === 0 ? (
        <p className="muted">{t('mqlDistance.none')}</p>
      ) : (
        <>
          <p className="muted">{t('mqlDistance.intro', { count: distance.routes.length })}</p>
          <ol className="mql-distance-routes">
            {distance.routes.map((route, index) => (
              <li key={index} data-engagement={route.engagementCanClose ? 'yes' : 'no'}>
                {route.text[language]}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
