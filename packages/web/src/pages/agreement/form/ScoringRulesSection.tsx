// Points of every fit and engagement rule, the engagement half-lives and caps. A rule's name and trigger are
// shown, not edited: changing what a rule matches is the YAML mode's.
import { useTranslation } from 'react-i18next'
import { useAgreementWords } from '../use-agreement-words.ts'
import type { AgreementDocument, EngagementRule } from '../agreement-types.ts'
import { CAP_PERIODS, LIMITS } from './agreement-form-limits.ts'
import type { YamlEdit } from './agreement-form-edits.ts'
import { CheckField, FormSection, NumberField } from './FormFields.tsx'

type Edit = (change: YamlEdit) => void
// What "never decays" gives way to when it is switched off again: the starter agreement's default.
const DEFAULT_HALF_LIFE = 30

export function ScoringRulesSection({ document, edit }: { document: AgreementDocument; edit: Edit }) {
  const { t } = useTranslation('agreementForm')
  const words = useAgreementWords()
  const halfLife = document.engagement.halfLifeDays
  return (
    <FormSection id="scoring" title={t('scoring.title')} intro={t('scoring.intro')}>
      <h4>{t('scoring.fit')}</h4>
      {document.fit.rules.length === 0 && <p className="muted">{t('scoring.noRules')}</p>}
      <ul className="form-list form-list-compact">
        {document.fit.rules.map((rule, index) => {
          const name = words.label(rule.label, rule.id)
          return (
            <li key={`${rule.id}-${index}`} className="form-row">
              <strong className="form-row-name">{name}</strong>
              <div className="form-fields">
                <NumberField
                  label={t('scoring.points')}
                  name={t('scoring.pointsName', { rule: name })}
                  value={rule.points}
                  limits={LIMITS.points}
                  onCommit={(value) =>
                    value !== undefined &&
                    edit({ kind: 'set', path: ['fit', 'rules', index, 'points'], value })
                  }
                />
              </div>
            </li>
          )
        })}
      </ul>

      <h4>{t('scoring.engagement')}</h4>
      <div className="form-fields">
        <NumberField
          label={t('scoring.defaultHalfLife')}
          wide
          value={halfLife ?? undefined}
          limits={LIMITS.halfLifeDays}
          disabled={halfLife === null}
          onCommit={(value) =>
            value !== undefined && edit({ kind: 'set', path: ['engagement', 'halfLifeDays'], value })
          }
        />
        <CheckField
          label={t('scoring.noDecay')}
          checked={halfLife === null}
          onChange={(never) =>
            edit({
              kind: 'set',
              path: ['engagement', 'halfLifeDays'],
              value: never ? null : DEFAULT_HALF_LIFE,
            })
          }
        />
      </div>
      {document.engagement.rules.length === 0 && <p className="muted">{t('scoring.noRules')}</p>}
      <ul className="form-list">
        {document.engagement.rules.map((rule, index) => (
          <EngagementRuleRow
            key={`${rule.id}-${index}`}
            rule={rule}
            index={index}
            defaultHalfLife={halfLife}
            edit={edit}
          />
        ))}
      </ul>
    </FormSection>
  )
}

function EngagementRuleRow({
  rule,
  index,
  defaultHalfLife,
  edit,
}: {
  rule: EngagementRule
  index: number
  defaultHalfLife: number | null
  edit: Edit
}) {
  const { t } = useTranslation('agreementForm')
  const words = useAgreementWords()
  const name = words.label(rule.label, '') || words.match(rule.when)
  const path = ['engagement', 'rules', index] as const
  const cap = rule.cap
  // A cap needs a limit; the last one removed takes the whole cap with it.
  const setCapLimit = (limit: 'points' | 'count', value: number | undefined) => {
    if (value !== undefined)
      edit(
        cap
          ? { kind: 'set', path: [...path, 'cap', limit], value }
          : { kind: 'set', path: [...path, 'cap'], value: { [limit]: value, per: 'week' } },
      )
    else if (cap) {
      const other = limit === 'points' ? cap.count : cap.points
      edit({ kind: 'delete', path: other === undefined ? [...path, 'cap'] : [...path, 'cap', limit] })
    }
  }
  return (
    <li className="form-row">
      <strong className="form-row-name">{name}</strong>
      <div className="form-fields">
        <NumberField
          label={t('scoring.points')}
          name={t('scoring.pointsName', { rule: name })}
          value={rule.points}
          limits={LIMITS.points}
          onCommit={(value) => value !== undefined && edit({ kind: 'set', path: [...path, 'points'], value })}
        />
        <NumberField
          label={t('scoring.halfLife')}
          name={t('scoring.halfLifeName', { rule: name })}
          value={rule.halfLifeDays ?? undefined}
          limits={LIMITS.halfLifeDays}
          optional
          disabled={rule.halfLifeDays === null}
          placeholder={
            defaultHalfLife === null
              ? t('scoring.halfLifeNone')
              : t('scoring.halfLifeDefault', { days: words.format.number(defaultHalfLife) })
          }
          onCommit={(value) =>
            edit(
              value === undefined
                ? { kind: 'delete', path: [...path, 'halfLifeDays'] }
                : { kind: 'set', path: [...path, 'halfLifeDays'], value },
            )
          }
        />
        <CheckField
          label={t('scoring.ruleNoDecay')}
          name={t('scoring.ruleNoDecayName', { rule: name })}
          checked={rule.halfLifeDays === null}
          onChange={(never) =>
            edit(
              never
                ? { kind: 'set', path: [...path, 'halfLifeDays'], value: null }
                : { kind: 'delete', path: [...path, 'halfLifeDays'] },
            )
          }
        />
        <NumberField
          label={t('scoring.capPoints')}
          name={t('scoring.capPointsName', { rule: name })}
          value={cap?.points}
          limits={LIMITS.capPoints}
          optional
          onCommit={(value) => setCapLimit('points', value)}
        />
        <NumberField
          label={t('scoring.capCount')}
          name={t('scoring.capCountName', { rule: name })}
          value={cap?.count}
          limits={LIMITS.capCount}
          optional
          onCommit={(value) => setCapLimit('count', value)}
        />
        <label className="form-field form-choice">
          <span>{t('scoring.capPer')}</span>
          <select
            aria-label={t('scoring.capPerName', { rule: name })}
            value={cap?.per ?? 'week'}
            disabled={!cap}
            onChange={(event) =>
              edit({ kind: 'set', path: [...path, 'cap', 'per'], value: event.target.value })
            }
          >
            {CAP_PERIODS.map((period) => (
              <option key={period} value={period}>
                {t(`scoring.per.${period}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </li>
  )
}
