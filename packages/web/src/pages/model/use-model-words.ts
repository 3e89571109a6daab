// The words the predictive score is shown in, in the UI's language: its measures with three decimals,
// probabilities as percentages, log-odds signed, the target, the two models, a run's state, and every
// feature and its value as a marketer would name them ("Branche: Maschinenbau", not company.industry).
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadLabels } from '../lead/lead-labels.ts'
import { featureMeaning } from './model-figures.ts'

export function useModelWords() {
  const { t, i18n } = useTranslation('model')
  const format = useFormat()
  const labels = useLeadLabels()
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE'
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const measure = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 })
  const logOdds = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  })
  const strength = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const wholePercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
  const seconds = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })

  const feature = (name: string): string => {
    const meaning = featureMeaning(name)
    switch (meaning.kind) {
      case 'field':
        return t(`feature.field.${meaning.path.replace('.', '_')}`)
      case 'company':
        return t(`feature.company.${meaning.field}`, {
          defaultValue: t('feature.companyField', { field: meaning.field }),
        })
      case 'custom':
        return t('feature.custom', { field: meaning.field })
      case 'count':
        return t(`feature.count.${meaning.what}`)
      case 'type':
        return t('feature.type', { type: labels.eventType(meaning.type) })
      case 'stage':
        return t('feature.stage', {
          stage: t(`lead:journey.${meaning.stage}`, { defaultValue: meaning.stage }),
        })
      case 'days':
        return t(`feature.days.${meaning.what}`)
      case 'other':
        return meaning.name
    }
  }

  /** A feature's value for one lead, worded like the lead page words it. */
  const value = (name: string, raw: string | number | null): string => {
    if (raw === null) return t('value.missing')
    if (typeof raw === 'number') return format.number(raw)
    switch (name) {
      case 'source':
        return labels.source(raw)
      case 'company.industry':
        return labels.industry(raw)
      case 'country':
      case 'company.country':
        return labels.country(raw)
      case 'email.freeMail':
        return raw === 'yes' ? t('value.yes') : raw === 'no' ? t('value.no') : raw
      default:
        return raw
    }
  }

  return {
    locale,
    language: (i18n.language === 'en' ? 'en' : 'de') as 'de' | 'en',
    count: (value: number) => count.format(value),
    /** ROC AUC, average precision, Brier, log loss: three decimals */
    measure: (value: number) => measure.format(value),
    share: (value: number) => percent.format(value),
    axisShare: (value: number) => wholePercent.format(value),
    /** a contribution in log-odds, signed: "+0,92" */
    logOdds: (value: number) => logOdds.format(value),
    /** how strongly a feature moves the log-odds either way, unsigned: "0,92" */
    strength: (value: number) => strength.format(value),
    seconds: (value: number) => t('seconds', { value: seconds.format(value) }),
    dateTime: format.dateTime,
    date: format.date,
    target: (target: string) => t(`target.${target}`, { defaultValue: target }),
    modelName: (name: string) => t(`modelName.${name}`, { defaultValue: name }),
    status: (status: string) => t(`status.${status}`, { defaultValue: status }),
    trigger: (trigger: string) => t(`trigger.${trigger}`, { defaultValue: trigger }),
    feature,
    value,
  }
}

export type ModelWords = ReturnType<typeof useModelWords>
