// Both models measured on the test rows (every fifth lead, which neither learned from): ROC AUC, average
// precision, Brier score, log loss and training time, the chosen one marked; beneath, why it was chosen
// (its log loss in 3-fold cross-validation on the training rows) and what each measure means.
import { useTranslation } from 'react-i18next'
import { ReportTable } from '../reports/ReportParts.tsx'
import { modelChoice, type Figures } from './model-figures.ts'
import type { ModelWords } from './use-model-words.ts'

const MEASURES = ['rocAuc', 'averagePrecision', 'brier', 'logLoss'] as const

export function ModelComparison({ figures, words }: { figures: Figures; words: ModelWords }) {
  const { t } = useTranslation('model')
  const choice = modelChoice(figures)
  const crossValidated = new Map(figures.crossValidation.map((entry) => [entry.name, entry.logLoss]))
  return (
    <section className="report-section" aria-labelledby="model-compare-title">
      <h3 id="model-compare-title">{t('compare.title')}</h3>
      <ReportTable caption={t('compare.title')} testId="model-compare">
        <thead>
          <tr>
            <th scope="col">{t('compare.model')}</th>
            {MEASURES.map((measure) => (
              <th key={measure} scope="col" className="number">
                {t(`compare.${measure}`)}
              </th>
            ))}
            <th scope="col" className="number">
              {t('compare.cvLogLoss')}
            </th>
            <th scope="col" className="number">
              {t('compare.trainSeconds')}
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.models.map((model) => (
            <tr key={model.name} data-model={model.name} data-chosen={model.name === figures.chosen}>
              <th scope="row">
                {words.modelName(model.name)}
                {model.name === figures.chosen && (
                  <>
                    {' '}
                    <span className="badge model-chosen">{t('compare.chosen')}</span>
                  </>
                )}
              </th>
              {MEASURES.map((measure) => (
                <td key={measure} className="number" data-figure={measure}>
                  {words.measure(model[measure])}
                </td>
              ))}
              <td className="number" data-figure="cvLogLoss">
                {crossValidated.has(model.name) ? words.measure(crossValidated.get(model.name)!) : '–'}
              </td>
              <td className="number" data-figure="trainSeconds">
                {words.seconds(model.trainSeconds)}
              </td>
            </tr>
          ))}
        </tbody>
      </ReportTable>
      <p className="model-why" data-testid="model-why">
        {choice
          ? t('compare.why', {
              chosen: words.modelName(choice.chosen),
              other: words.modelName(choice.other),
              chosenLogLoss: words.measure(choice.chosenLogLoss),
              otherLogLoss: words.measure(choice.otherLogLoss),
            })
          : t('compare.whyOne', { chosen: words.modelName(figures.chosen) })}
      </p>
      <details className="report-details model-help">
        <summary>{t('compare.help.title')}</summary>
        <dl>
          {[...MEASURES, 'cvLogLoss' as const].map((measure) => (
            <div key={measure}>
              <dt>{t(`compare.${measure}`)}</dt>
              <dd>{t(`compare.help.${measure}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  )
}
