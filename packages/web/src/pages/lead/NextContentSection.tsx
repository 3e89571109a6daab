// Next best content for a lead marketing nurtures: the catalog items that move it one journey stage on,
// best first, each with where it leads and why (the topics the lead engaged with and what it read there)
// and its language; whether they may go out as nurture e-mail; and, when nothing fits, why.
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading } from '../../components/States.tsx'
import { useFormat } from '../../hooks/format.ts'
import { useContentWords } from '../reports/content-gaps/use-content-words.ts'
import {
  useNextContent,
  type NextContent,
  type Recommendation,
  type TopicInterest,
} from './use-next-content.ts'

export function NextContentSection({ leadId }: { leadId: string }) {
  const { t } = useTranslation('lead')
  const next = useNextContent(leadId)
  // Marketing's leads only (stages lead and recycled); the page asks for no others.
  if (next.data && !next.data.nurture) return null
  return (
    <section
      className="card lead-section next-content"
      aria-labelledby="next-content-title"
      data-testid="lead-next-content"
    >
      <h2 id="next-content-title">{t('nextContent.title')}</h2>
      {next.isError ? (
        <ErrorMessage error={next.error} />
      ) : next.data === undefined ? (
        <Loading rows={2} />
      ) : (
        <NextContentBody next={next.data} />
      )}
    </section>
  )
}

function NextContentBody({ next }: { next: NextContent }) {
  const { t } = useTranslation('lead')
  const content = useContentWords()
  const language = next.language
  return (
    <>
      <p
        className={next.email.allowed ? 'next-content-email allowed' : 'next-content-email blocked'}
        data-testid="next-content-email"
        data-allowed={next.email.allowed}
      >
        {t(`nextContent.email.${next.email.reason}`)}
      </p>
      <p className="muted next-content-language">
        {language.language
          ? t('nextContent.language', {
              language: content.language(language.language),
              source: t(`nextContent.languageSource.${language.source}`),
            })
          : t('nextContent.languageUnknown')}
      </p>
      {next.items.length === 0 ? (
        <p className="next-content-none" data-testid="next-content-none" data-reason={next.reason ?? ''}>
          {t(`nextContent.reason.${next.reason ?? 'no_engagement'}`)}
        </p>
      ) : (
        <ol className="next-content-list" data-testid="next-content-items">
          {next.items.map((item) => (
            <RecommendationItem key={item.contentId} item={item} />
          ))}
        </ol>
      )}
    </>
  )
}

function RecommendationItem({ item }: { item: Recommendation }) {
  const { t, i18n } = useTranslation('lead')
  const content = useContentWords()
  const moves = item.why.from
    ? t('nextContent.movesFrom', {
        from: t(`journey.${item.why.from}`),
        to: t(`journey.${item.why.movesTo}`),
      })
    : t('nextContent.movesTo', { to: t(`journey.${item.why.movesTo}`) })
  return (
    <li className={`next-content-item journey-${item.why.movesTo}`} data-content={item.contentId}>
      <div className="next-content-head">
        {item.url ? (
          <a href={item.url} target="_blank" rel="noopener noreferrer" className="next-content-title">
            {item.title}
            <span className="visually-hidden"> ({t('nextContent.newTab')})</span>
          </a>
        ) : (
          <strong className="next-content-title">{item.title}</strong>
        )}
        <span className="journey-tag" data-testid="next-content-stage">
          {moves}
        </span>
      </div>
      <p className="muted next-content-meta">
        {[
          content.kind(item.kind),
          item.language ? content.language(item.language) : t('nextContent.neutral'),
          t(`nextContent.languageFit.${item.why.language}`),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <WhyTopics topics={item.why.topics} />
      {item.closesGap.length > 0 && (
        <p className="next-content-gap" data-testid="next-content-gap">
          {t('nextContent.closesGap', {
            gap: item.closesGap.map((gap) => gap[i18n.language === 'en' ? 'en' : 'de']).join('; '),
          })}
        </p>
      )}
    </li>
  )
}

/** "Passt zu kapazitaetsplanung (4 Touchpoints, zuletzt „Kapazitätsplanung über alle Werke“) und mes (…)." */
function WhyTopics({ topics }: { topics: readonly TopicInterest[] }) {
  const { t, i18n } = useTranslation('lead')
  const format = useFormat()
  if (topics.length === 0) return null
  const list = new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', { type: 'conjunction' })
  const phrases = topics.map((topic) => {
    const last = topic.consumed[0]
    const details = [
      t('nextContent.touchpoints', { count: topic.touchpoints, number: format.number(topic.touchpoints) }),
      last?.title
        ? t('nextContent.lastRead', { title: last.title })
        : t('nextContent.lastAt', { date: format.date(topic.lastEngagedAt) }),
    ]
    return `${topic.topic} (${details.join(', ')})`
  })
  return (
    <p className="next-content-why" data-testid="next-content-why">
      {t('nextContent.why', { topics: list.format(phrases) })}
    </p>
  )
}
