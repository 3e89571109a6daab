// The score thresholds of the MQL criteria (the general ones, a source lane's own, and the way back after
// nurturing), each option with its other conditions in words so a number is never read out of context.
import { useTranslation } from 'react-i18next'
import { ConditionView } from '../ConditionView.tsx'
import { useAgreementWords } from '../use-agreement-words.ts'
import type { AgreementDocument, Condition } from '../agreement-types.ts'
import { conditionOptions, type ScoreThreshold } from './agreement-form-model.ts'
import { LIMITS } from './agreement-form-limits.ts'
import type { YamlEdit, YamlPath } from './agreement-form-edits.ts'
import { FormSection, NumberField } from './FormFields.tsx'

type Criteria = {
  key: string
  title: string | undefined
  condition: Condition
  path: YamlPath
  /** the accessible name of one threshold input */
  inputName: (words: { score: string; bound: string; option: string }) => string
  /** only the general MQL thresholds get test ids, so they stay unique */
  testIds: boolean
}

export function MqlThresholdsSection({
  document,
  edit,
}: {
  document: AgreementDocument
  edit: (change: YamlEdit) => void
}) {
  const { t } = useTranslation('agreementForm')
  const words = useAgreementWords()
  const criteria: Criteria[] = [
    {
      key: 'mql',
      title: undefined,
      condition: document.mql,
      path: ['mql'],
      inputName: (vars) => t('mql.inputName', vars),
      testIds: true,
    },
    ...(document.sources ?? []).flatMap((lane, index): Criteria[] => {
      if (!lane.mql) return []
      const name = words.label(lane.label, lane.id)
      return [
        {
          key: `lane-${lane.id}`,
          title: t('mql.lane', { lane: name }),
          condition: lane.mql,
          path: ['sources', index, 'mql'],
          inputName: (vars) => t('mql.laneInputName', { ...vars, lane: name }),
          testIds: false,
        },
      ]
    }),
    ...(document.recycling?.requalify
      ? [
          {
            key: 'requalify',
            title: t('mql.requalify'),
            condition: document.recycling.requalify,
            path: ['recycling', 'requalify'],
            inputName: (vars: { score: string; bound: string; option: string }) =>
              t('mql.requalifyInputName', vars),
            testIds: false,
          },
        ]
      : []),
  ]
  return (
    <FormSection id="mql" title={t('mql.title')} intro={t('mql.intro')}>
      {criteria.map((one) => (
        <div key={one.key} className="form-criteria">
          {one.title && <h4>{one.title}</h4>}
          <CriteriaOptions criteria={one} edit={edit} />
        </div>
      ))}
    </FormSection>
  )
}

function CriteriaOptions({ criteria, edit }: { criteria: Criteria; edit: (change: YamlEdit) => void }) {
  const { t } = useTranslation('agreementForm')
  const options = conditionOptions(criteria.condition, criteria.path)
  if (options.every((option) => option.thresholds.length === 0))
    return <p className="muted">{t('mql.none')}</p>
  return (
    <ol className="form-list">
      {options.map((option, index) => {
        const optionName = options.length > 1 ? t('mql.option', { n: index + 1 }) : t('mql.single')
        return (
          <li key={index}>
            <fieldset className="form-item">
              <legend>{optionName}</legend>
              {option.thresholds.length === 0 ? (
                <p className="muted">{t('mql.noThreshold')}</p>
              ) : (
                <div className="form-fields">
                  {option.thresholds.map((threshold) => (
                    <ThresholdField
                      key={threshold.path.join('.')}
                      threshold={threshold}
                      optionName={optionName}
                      criteria={criteria}
                      edit={edit}
                    />
                  ))}
                </div>
              )}
              {option.others.length > 0 && (
                <div className="form-others">
                  <span className="muted">{t('mql.also')}</span>
                  <ul>
                    {option.others.map((other, otherIndex) => (
                      <li key={otherIndex}>
                        <ConditionView condition={other} />
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </fieldset>
          </li>
        )
      })}
    </ol>
  )
}

function ThresholdField({
  threshold,
  optionName,
  criteria,
  edit,
}: {
  threshold: ScoreThreshold
  optionName: string
  criteria: Criteria
  edit: (change: YamlEdit) => void
}) {
  const { t } = useTranslation('agreementForm')
  const score = t(`score.${threshold.score}`)
  const bound = t(`bound.${threshold.bound}`)
  return (
    <NumberField
      label={`${score} ${bound}`}
      name={criteria.inputName({ score, bound, option: optionName })}
      value={threshold.value}
      limits={LIMITS.threshold}
      testId={criteria.testIds ? `mql-threshold-${threshold.score}-${threshold.bound}` : undefined}
      onCommit={(value) => value !== undefined && edit({ kind: 'set', path: threshold.path, value })}
    />
  )
}
