// Rejection reasons with their recycle policy (what happens next, cool-down, nurturing track); a reason
// can be added or removed. Ids of new reasons come from their German name.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAgreementWords } from '../use-agreement-words.ts'
import type { AgreementDocument } from '../agreement-types.ts'
import { newId } from './agreement-form-model.ts'
import { LIMITS, RECYCLE_ACTIONS } from './agreement-form-limits.ts'
import type { YamlEdit } from './agreement-form-edits.ts'
import { FormSection, NumberField, TextField } from './FormFields.tsx'

type Edit = (change: YamlEdit) => void
type RecycleAction = (typeof RECYCLE_ACTIONS)[number]
const TRACK = /^[a-z0-9][a-z0-9_.-]*$/

export function RejectReasonsSection({
  document,
  edit,
  readOnly,
}: {
  document: AgreementDocument
  edit: Edit
  readOnly: boolean
}) {
  const { t } = useTranslation('agreementForm')
  const words = useAgreementWords()
  const recycling = document.recycling
  if (!recycling)
    return (
      <FormSection id="reasons" title={t('recycling.title')}>
        <p className="muted">{t('recycling.missing')}</p>
      </FormSection>
    )
  const days = words.format.number(recycling.coolDownDays)
  return (
    <FormSection id="reasons" title={t('recycling.title')} intro={t('recycling.intro')}>
      <div className="form-fields">
        <NumberField
          label={t('recycling.defaultCoolDown')}
          wide
          value={recycling.coolDownDays}
          limits={LIMITS.coolDownDays}
          onCommit={(value) =>
            value !== undefined && edit({ kind: 'set', path: ['recycling', 'coolDownDays'], value })
          }
        />
      </div>
      <ul className="form-list">
        {recycling.reasons.map((reason, index) => {
          const name = words.label(reason.label, reason.id)
          const path = ['recycling', 'reasons', index] as const
          return (
            <li key={`${reason.id}-${index}`}>
              <fieldset className="form-item">
                <legend>{name}</legend>
                <div className="form-fields">
                  <label className="form-field form-choice">
                    <span>{t('recycling.action')}</span>
                    <select
                      aria-label={t('recycling.actionName', { reason: name })}
                      value={reason.action}
                      onChange={(event) =>
                        edit({ kind: 'set', path: [...path, 'action'], value: event.target.value })
                      }
                    >
                      {RECYCLE_ACTIONS.map((action) => (
                        <option key={action} value={action}>
                          {t(`recycling.actions.${action}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <NumberField
                    label={t('recycling.coolDown')}
                    name={t('recycling.coolDownName', { reason: name })}
                    value={reason.coolDownDays}
                    limits={LIMITS.coolDownDays}
                    optional
                    placeholder={t('recycling.coolDownDefault', { days })}
                    onCommit={(value) =>
                      edit(
                        value === undefined
                          ? { kind: 'delete', path: [...path, 'coolDownDays'] }
                          : { kind: 'set', path: [...path, 'coolDownDays'], value },
                      )
                    }
                  />
                  {(reason.action === 'nurture' || reason.track !== undefined) && (
                    <TextField
                      label={t('recycling.track')}
                      name={t('recycling.trackName', { reason: name })}
                      value={reason.track}
                      optional
                      parse={(text) => (TRACK.test(text.trim()) ? text.trim() : undefined)}
                      onCommit={(value) =>
                        edit(
                          value === undefined
                            ? { kind: 'delete', path: [...path, 'track'] }
                            : { kind: 'set', path: [...path, 'track'], value },
                        )
                      }
                    />
                  )}
                  {!readOnly && (
                    <button
                      type="button"
                      className="danger form-remove"
                      aria-label={t('recycling.removeName', { reason: name })}
                      disabled={recycling.reasons.length === 1}
                      title={recycling.reasons.length === 1 ? t('recycling.lastOne') : undefined}
                      onClick={() => edit({ kind: 'delete', path })}
                    >
                      {t('recycling.remove')}
                    </button>
                  )}
                </div>
              </fieldset>
            </li>
          )
        })}
      </ul>
      {!readOnly && <AddReason taken={recycling.reasons.map((reason) => reason.id)} edit={edit} />}
    </FormSection>
  )
}

function AddReason({ taken, edit }: { taken: string[]; edit: Edit }) {
  const { t } = useTranslation('agreementForm')
  const [german, setGerman] = useState('')
  const [english, setEnglish] = useState('')
  const [action, setAction] = useState<RecycleAction>('nurture')
  const de = german.trim()
  const en = english.trim()
  const id = newId(de || en, taken, 'reason')
  const add = () => {
    edit({
      kind: 'append',
      path: ['recycling', 'reasons'],
      value: { id, label: de && en ? { de, en } : de || en, action },
    })
    setGerman('')
    setEnglish('')
  }
  return (
    // A group, not a <form>: the page around the editor may be a form itself.
    <div className="form-item form-add" role="group" aria-labelledby="agreement-form-add-reason">
      <h4 id="agreement-form-add-reason">{t('recycling.add')}</h4>
      <div className="form-fields">
        <label className="form-field form-text">
          <span>{t('recycling.labelDe')}</span>
          <input value={german} onChange={(event) => setGerman(event.target.value)} lang="de" />
        </label>
        <label className="form-field form-text">
          <span>{t('recycling.labelEn')}</span>
          <input value={english} onChange={(event) => setEnglish(event.target.value)} lang="en" />
        </label>
        <label className="form-field form-choice">
          <span>{t('recycling.action')}</span>
          <select value={action} onChange={(event) => setAction(event.target.value as RecycleAction)}>
            {RECYCLE_ACTIONS.map((one) => (
              <option key={one} value={one}>
                {t(`recycling.actions.${one}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!de && !en} onClick={add}>
          {t('recycling.add')}
        </button>
      </div>
      {(de || en) && <p className="form-hint">{t('recycling.newId', { id })}</p>}
    </div>
  )
}
