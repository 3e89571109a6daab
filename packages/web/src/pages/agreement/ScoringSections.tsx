// Who the lead is, what it does, what rules it out, and when marketing hands it over.
import { useTranslation } from 'react-i18next'
import { ConditionView } from './ConditionView.tsx'
import { Points, Section } from './Section.tsx'
import { useAgreementWords, type AgreementWords } from './use-agreement-words.ts'
import type { AgreementDocument, EngagementRule } from './agreement-types.ts'

export function FitSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  return (
    <Section id="fit" title={t('fit.title')} intro={t('fit.intro')}>
      {document.fit.rules.length === 0 ? (
        <p className="muted">{t('fit.none')}</p>
      ) : (
        <ul className="rules">
          {document.fit.rules.map((rule) => (
            <li key={rule.id} className="rule">
              <p>
                <strong>{words.label(rule.label, rule.id)}</strong>:{' '}
                <Points value={rule.points} text={words.points(rule.points)} />
              </p>
              <div className="rule-when">
                <span className="muted">{t('rule.when')}</span> <ConditionView condition={rule.when} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}

export function EngagementSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const halfLife = document.engagement.halfLifeDays
  return (
    <Section
      id="engagement"
      title={t('engagement.title')}
      intro={
        halfLife === null
          ? t('engagement.introNoDecay')
          : t('engagement.intro', { halfLife: words.days(halfLife) })
      }
    >
      <ul className="rules">
        {document.engagement.rules.map((rule) => (
          <li key={rule.id} className="rule">
            <p>
              <strong>{words.label(rule.label, '') || words.match(rule.when)}</strong>:{' '}
              <Points value={rule.points} text={words.points(rule.points)} />
              {engagementDetails(rule, halfLife, words).map((detail) => `, ${detail}`)}
              {rule.handRaiser && (
                <>
                  {' '}
                  <span className="badge hand-raiser" title={t('engagement.handRaiserHint')}>
                    {t('engagement.handRaiser')}
                  </span>
                </>
              )}
            </p>
            <p className="rule-when">
              <span className="muted">{t('rule.trigger')}</span> {words.match(rule.when)}
            </p>
          </li>
        ))}
      </ul>
    </Section>
  )
}

function engagementDetails(rule: EngagementRule, defaultHalfLife: number | null, words: AgreementWords) {
  const { t } = words
  const halfLife = rule.halfLifeDays === undefined ? defaultHalfLife : rule.halfLifeDays
  const details = [
    halfLife === null ? t('engagement.noDecay') : t('engagement.halfLife', { days: words.days(halfLife) }),
  ]
  if (rule.cap) {
    const period = t(`engagement.per.${rule.cap.per}`)
    if (rule.cap.points !== undefined)
      details.push(t('engagement.capPoints', { points: words.format.number(rule.cap.points), period }))
    if (rule.cap.count !== undefined)
      details.push(t('engagement.capCount', { count: words.format.number(rule.cap.count), period }))
  }
  return details
}

export function SignalsSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const signals = Object.entries(document.signals ?? {})
  if (signals.length === 0) return null
  return (
    <Section id="signals" title={t('signals.title')} intro={t('signals.intro')}>
      <ul className="rules">
        {signals.map(([id, signal]) => (
          <li key={id} className="rule">
            <p>
              <strong>{words.label(signal.label, id)}</strong>
            </p>
            <p className="rule-when">
              <ConditionView
                condition={{
                  touchpoints: signal.touchpoints,
                  atLeast: signal.atLeast,
                  withinDays: signal.withinDays,
                }}
              />
            </p>
          </li>
        ))}
      </ul>
    </Section>
  )
}

export function DisqualifiersSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const disqualifiers = document.disqualifiers ?? []
  return (
    <Section id="disqualifiers" title={t('disqualifiers.title')} intro={t('disqualifiers.intro')}>
      {disqualifiers.length === 0 ? (
        <p className="muted">{t('disqualifiers.none')}</p>
      ) : (
        <ul className="rules">
          {disqualifiers.map((disqualifier) => (
            <li key={disqualifier.id} className="rule">
              <p>
                <strong>{words.label(disqualifier.label, disqualifier.id)}</strong>{' '}
                <span className="muted">
                  {t('disqualifiers.reason', {
                    reason: words.reason(disqualifier.reason),
                  })}
                </span>
              </p>
              <div className="rule-when">
                <span className="muted">{t('rule.when')}</span>{' '}
                <ConditionView condition={disqualifier.when} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}

export function MqlSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const recycling = document.recycling
  const lanes = (document.sources ?? []).filter((lane) => lane.mql)
  return (
    <Section id="mql" title={t('mql.title')} intro={t('mql.intro')}>
      <div className="condition-tree" data-testid="agreement-mql">
        <ConditionView condition={document.mql} />
      </div>
      {lanes.length > 0 && (
        <p className="muted">
          {t('mql.perLane', { lanes: words.and(lanes.map((lane) => words.label(lane.label, lane.id))) })}
        </p>
      )}
      {recycling && (
        <div className="mql-recycled">
          <p>{t('mql.recycled', { days: words.days(recycling.coolDownDays) })}</p>
          {recycling.handRaiserEndsCoolDown && <p>{t('notifications:agreement.handRaiserEndsCoolDown')}</p>}
          {recycling.requalify && (
            <div className="condition-tree">
              <p className="condition-op">{t('mql.requalify')}</p>
              <ConditionView condition={recycling.requalify} />
            </div>
          )}
        </div>
      )}
    </Section>
  )
}
