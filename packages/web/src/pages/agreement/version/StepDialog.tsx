// Confirms a governance step with a comment: required when sending a proposal back (say what should
// change), optional otherwise; an admin approving names the side. Modal: Escape cancels, Tab stays inside.
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Modal } from '../../../components/Modal.tsx'
import type { ApprovalSide } from './version-actions.ts'

export type StepChoice = { comment?: string; side?: ApprovalSide }

export function StepDialog(props: {
  step: 'approve' | 'requestChanges' | 'withdraw' | 'propose'
  version: number
  /** the sides to choose from; one side or none: nothing to choose */
  sides: readonly ApprovalSide[]
  pending: boolean
  problem: string | null
  onConfirm: (choice: StepChoice) => void
  onCancel: () => void
}) {
  const { t } = useTranslation('governance')
  const ids = useId()
  const [comment, setComment] = useState('')
  const [side, setSide] = useState<ApprovalSide | undefined>(undefined)
  const [missing, setMissing] = useState<'comment' | 'side' | null>(null)
  const required = props.step === 'requestChanges'
  const choose = props.sides.length > 1

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (props.pending) return
    if (choose && side === undefined) return setMissing('side')
    if (required && comment.trim() === '') return setMissing('comment')
    props.onConfirm({
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(choose ? { side } : {}),
    })
  }

  return (
    <Modal
      className="step-dialog"
      labelledBy={`${ids}-title`}
      describedBy={`${ids}-text`}
      onCancel={props.onCancel}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${ids}-title`}>{t(`step.${props.step}.title`, { version: props.version })}</h2>
        <p id={`${ids}-text`}>{t(`step.${props.step}.text`)}</p>
        {choose && (
          <fieldset aria-invalid={missing === 'side'} aria-required="true">
            <legend>{t('step.side')}</legend>
            <div className="side-choices">
              {props.sides.map((option) => (
                <label key={option}>
                  <input
                    type="radio"
                    name={`${ids}-side`}
                    value={option}
                    checked={side === option}
                    onChange={() => {
                      setSide(option)
                      setMissing(null)
                    }}
                  />
                  {t(`side.${option}`)}
                </label>
              ))}
            </div>
            {missing === 'side' && (
              <p className="field-error" role="alert">
                {t('step.sideRequired')}
              </p>
            )}
          </fieldset>
        )}
        <label>
          {required ? t('step.commentRequired') : t('step.comment')}
          <textarea
            rows={3}
            maxLength={4000}
            value={comment}
            required={required}
            aria-invalid={missing === 'comment'}
            aria-describedby={missing === 'comment' ? `${ids}-missing` : undefined}
            onChange={(event) => {
              setComment(event.target.value)
              setMissing(null)
            }}
          />
        </label>
        {missing === 'comment' && (
          <p id={`${ids}-missing`} className="field-error" role="alert">
            {t('step.commentMissing')}
          </p>
        )}
        {props.problem && (
          <p className="error" role="alert">
            {props.problem}
          </p>
        )}
        <div className="dialog-buttons">
          <button
            type="submit"
            className={props.step === 'withdraw' ? 'danger' : 'primary'}
            disabled={props.pending}
          >
            {props.pending ? t('step.sending') : t(`step.${props.step}.confirm`)}
          </button>
          <button type="button" onClick={props.onCancel}>
            {t('step.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
