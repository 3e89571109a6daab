// The SLA's hours: how long sales has to accept or reject, when a worked lead counts as stale, and after how
// many business hours each breach step runs (what the step does is shown, changed in the YAML mode).
import { useTranslation } from 'react-i18next'
import type { AgreementDocument } from '../agreement-types.ts'
import { LIMITS } from './agreement-form-limits.ts'
import type { YamlEdit } from './agreement-form-edits.ts'
import { FormSection, NumberField } from './FormFields.tsx'

type BreachStep = NonNullable<AgreementDocument['sla']>['onBreach'][number]

export function SlaSection({
  document,
  edit,
}: {
  document: AgreementDocument
  edit: (change: YamlEdit) => void
}) {
  const { t } = useTranslation('agreementForm')
  const sla = document.sla
  if (!sla)
    return (
      <FormSection id="sla" title={t('sla.title')}>
        <p className="muted">{t('sla.missing')}</p>
      </FormSection>
    )
  const stepText = (step: BreachStep) =>
    step.action === 'notify' ? t(`sla.notify.${step.notify ?? 'owner'}`) : t(`sla.${step.action}`)
  return (
    <FormSection id="sla" title={t('sla.title')}>
      <div className="form-fields">
        <NumberField
          label={t('sla.accept')}
          wide
          value={sla.acceptWithinBusinessHours}
          limits={LIMITS.acceptWithinBusinessHours}
          testId="sla-accept-hours"
          onCommit={(value) =>
            value !== undefined && edit({ kind: 'set', path: ['sla', 'acceptWithinBusinessHours'], value })
          }
        />
        <NumberField
          label={t('sla.stale')}
          wide
          value={sla.staleAfterBusinessDays}
          limits={LIMITS.staleAfterBusinessDays}
          optional
          placeholder={t('sla.staleDefault')}
          onCommit={(value) =>
            edit(
              value === undefined
                ? { kind: 'delete', path: ['sla', 'staleAfterBusinessDays'] }
                : { kind: 'set', path: ['sla', 'staleAfterBusinessDays'], value },
            )
          }
        />
      </div>
      <h4>{t('sla.breach')}</h4>
      {sla.onBreach.length === 0 ? (
        <p className="muted">{t('sla.noBreach')}</p>
      ) : (
        <ol className="form-list">
          {sla.onBreach.map((step, index) => (
            <li key={index} className="form-row">
              <span className="form-row-name">{stepText(step)}</span>
              <div className="form-fields">
                <NumberField
                  label={t('sla.breachAfter')}
                  name={t('sla.breachName', { n: index + 1, action: stepText(step) })}
                  value={step.afterBusinessHours}
                  limits={LIMITS.breachAfterBusinessHours}
                  onCommit={(value) =>
                    value !== undefined &&
                    edit({ kind: 'set', path: ['sla', 'onBreach', index, 'afterBusinessHours'], value })
                  }
                />
              </div>
            </li>
          ))}
        </ol>
      )}
    </FormSection>
  )
}
