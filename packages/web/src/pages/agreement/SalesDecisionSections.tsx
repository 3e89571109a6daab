// What follows sales' decision: a rejected lead goes back to marketing (with a reason and a cool-down),
// a qualified one must satisfy a checklist.
import { useTranslation } from 'react-i18next'
import { CHECKLIST_FRAMEWORK_ITEMS } from '../../../../core/src/agreement/checklist-frameworks.ts'
import { Section } from './Section.tsx'
import { useAgreementWords } from './use-agreement-words.ts'
import type { AgreementDocument } from './agreement-types.ts'

export function RecyclingSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const recycling = document.recycling
  if (!recycling) return null
  return (
    <Section
      id="recycling"
      title={t('recycling.title')}
      intro={t('recycling.intro', { days: words.days(recycling.coolDownDays) })}
    >
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('recycling.reason')}</th>
              <th scope="col">{t('recycling.next')}</th>
              <th scope="col">{t('recycling.coolDown')}</th>
            </tr>
          </thead>
          <tbody>
            {recycling.reasons.map((reason) => (
              <tr key={reason.id}>
                <th scope="row">{words.label(reason.label, reason.id)}</th>
                <td>
                  {reason.action === 'nurture' && reason.track
                    ? t('recycling.action.nurtureTrack', { track: words.code(reason.track) })
                    : t(`recycling.action.${reason.action}`)}
                </td>
                <td>
                  {reason.action !== 'nurture'
                    ? '–'
                    : reason.coolDownDays === undefined
                      ? t('recycling.standard', { days: words.days(recycling.coolDownDays) })
                      : words.days(reason.coolDownDays)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  )
}

export function SqlSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const checklists = document.sql?.checklists ?? []
  if (checklists.length === 0) return null
  return (
    <Section id="sql" title={t('sql.title')} intro={t('sql.intro')}>
      <div className="lanes">
        {checklists.map((checklist) => {
          const items =
            checklist.framework === 'custom'
              ? (checklist.items ?? [])
              : CHECKLIST_FRAMEWORK_ITEMS[checklist.framework]
          const mandatory = new Set(checklist.mandatory ?? [])
          return (
            <div key={checklist.id} className="lane">
              <h3>{words.label(checklist.label, checklist.id)}</h3>
              <p>
                {checklist.appliesWhen
                  ? t('sql.appliesAbove', {
                      amount: words.format.money(checklist.appliesWhen.dealAmountAbove),
                    })
                  : t('sql.appliesAlways')}{' '}
                {checklist.minConfirmed !== undefined &&
                  t('sql.minConfirmed', {
                    n: words.format.number(checklist.minConfirmed),
                    of: words.format.number(items.length),
                  })}{' '}
                {mandatory.size > 0 && t('sql.mandatoryRule')}
              </p>
              <ul className="checklist">
                {items.map((item) => (
                  <li key={item.id} className={mandatory.has(item.id) ? 'mandatory' : undefined}>
                    {words.label(item.label, item.id)}
                    {mandatory.has(item.id) && <span className="badge">{t('sql.mandatory')}</span>}
                  </li>
                ))}
              </ul>
            </div>
          )
        })}
      </div>
    </Section>
  )
}

/** The stages an open deal moves through on the deal board, with the chance of winning in each. */
export function DealsSection({ document }: { document: AgreementDocument }) {
  const { t } = useTranslation('agreement')
  const words = useAgreementWords()
  const stages = document.deals?.stages ?? []
  if (stages.length === 0) return null
  return (
    <Section id="deals" title={t('deals.title')} intro={t('deals.intro')}>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('deals.stage')}</th>
              <th scope="col">{t('deals.probability')}</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((stage) => (
              <tr key={stage.id}>
                <th scope="row">{words.label(stage.label, stage.id)}</th>
                <td>
                  {stage.probability === undefined
                    ? t('deals.noProbability')
                    : t('deals.percent', { percent: words.format.number(stage.probability) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  )
}
