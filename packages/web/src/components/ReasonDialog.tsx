// Asks for the reason (required) and a note (optional) before a lead leaves sales, and only then sends:
// choosing a reason alone never rejects. Modal (Escape cancels, Tab stays inside), and 1–9 pick a
// reason so the inbox stays fast from the keyboard (r, 2, Enter).
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Modal } from './Modal.tsx'

export type ReasonKind = 'reject' | 'recycle' | 'lose' | 'disqualify'
export type ReasonChoice = { id: string; label: string }

export function ReasonDialog(props: {
  kind: ReasonKind
  /** who the decision is about, for the title */
  name: string
  reasons: readonly ReasonChoice[]
  pending: boolean
  /** what the API answered, in words */
  problem: string | null
  onConfirm: (choice: { reason: string; note?: string }) => void
  onCancel: () => void
}) {
  const { t } = useTranslation('actions')
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (props.pending) return
    if (!reason) {
      setMissing(true)
      form.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus()
      return
    }
    props.onConfirm({ reason, ...(note.trim() ? { note: note.trim() } : {}) })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.target instanceof HTMLTextAreaElement || event.metaKey || event.ctrlKey || event.altKey) return
    if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      // On a radio the browser would not submit: Enter confirms wherever the user is, but in the note.
      event.preventDefault()
      form.current?.requestSubmit()
      return
    }
    if (/^[1-9]$/.test(event.key)) {
      const choice = props.reasons[Number(event.key) - 1]
      if (!choice) return
      event.preventDefault()
      setReason(choice.id)
      setMissing(false)
      form.current?.querySelector<HTMLInputElement>(`input[value="${CSS.escape(choice.id)}"]`)?.focus()
    }
  }

  return (
    <Modal
      className="reason-dialog"
      labelledBy={`${ids}-title`}
      describedBy={`${ids}-keys`}
      onCancel={props.onCancel}
      onKeyDown={onKeyDown}
    >
      <form ref={form} onSubmit={submit} noValidate>
        <h2 id={`${ids}-title`}>{t(`reasonDialog.title.${props.kind}`, { name: props.name })}</h2>
        <fieldset
          aria-invalid={missing}
          aria-describedby={missing ? `${ids}-missing` : undefined}
          aria-required="true"
        >
          <legend>{t(`reasonDialog.reason.${props.kind}`)}</legend>
          <ol className="reason-choices">
            {props.reasons.map((choice, position) => (
              <li key={choice.id}>
                <label>
                  <input
                    type="radio"
                    name={`${ids}-reason`}
                    value={choice.id}
                    checked={reason === choice.id}
                    onChange={() => {
                      setReason(choice.id)
                      setMissing(false)
                    }}
                  />
                  <span>
                    <kbd aria-hidden="true">{position + 1}</kbd> {choice.label}
                  </span>
                </label>
              </li>
            ))}
          </ol>
          {missing && (
            <p id={`${ids}-missing`} className="field-error" role="alert">
              {t('reasonDialog.reasonRequired')}
            </p>
          )}
        </fieldset>
        <label>
          {t('reasonDialog.note')}
          <textarea
            rows={2}
            maxLength={2000}
            value={note}
            placeholder={t('reasonDialog.notePlaceholder')}
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
        <p id={`${ids}-keys`} className="muted reason-keys">
          {t('reasonDialog.keys')}
        </p>
        {props.problem && (
          <p className="error" role="alert">
            {props.problem}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit" className="danger" disabled={props.pending}>
            {props.pending ? t('reasonDialog.sending') : t(`reasonDialog.confirm.${props.kind}`)}
          </button>
          <button type="button" onClick={props.onCancel}>
            {t('reasonDialog.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
