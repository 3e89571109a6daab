// Editing the checklist: it is judged live with the core's own rules (the same code the server runs), so
// the rep sees what is missing before saving; the server's answer (422) is shown the same way.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLabel, type AgreementDocument } from '../../hooks/use-agreement.ts'
import { CHECKLIST_FRAMEWORK_ITEMS } from '../../../../core/src/agreement/checklist-frameworks.ts'
import {
  applicableChecklists,
  checkChecklist,
} from '../../../../core/src/lifecycle/qualification-checklist.ts'
import { useProblemText } from './lead-problems.ts'
import type { ActionBody, ChecklistEvidence, ChecklistProblem, LeadDetail } from './lead-types.ts'

type Checklist = NonNullable<AgreementDocument['sql']>['checklists'][number]

export function ChecklistEditor(props: {
  lead: LeadDetail
  saved: ChecklistEvidence
  checklists: Checklist[]
  pending: boolean
  problem: string | null
  onSend: (body: Extract<ActionBody, { action: 'update_checklist' | 'qualify' }>) => void
}) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const problems = useProblemText()
  const label = useLabel()
  const [confirmed, setConfirmed] = useState<Record<string, string[]>>(props.saved.confirmed)
  const [amount, setAmount] = useState(props.saved.expectedAmount?.toString() ?? '')
  const [note, setNote] = useState('')
  const expectedAmount = amount.trim() === '' ? undefined : Number(amount)
  const amountInvalid = expectedAmount !== undefined && !(expectedAmount >= 0)
  const evidence = { confirmed, ...(expectedAmount === undefined ? {} : { expectedAmount }) }
  const gap = amountInvalid ? undefined : checkChecklist(props.checklists, evidence)
  const details = (gap?.details ?? {}) as ChecklistProblem['details']
  const applicable = applicableChecklists(props.checklists, expectedAmount ?? props.lead.state?.deal?.amount)
  const dormant = props.checklists.filter((checklist) => !applicable.includes(checklist))
  const dirty =
    JSON.stringify(normalise(confirmed)) !== JSON.stringify(normalise(props.saved.confirmed)) ||
    expectedAmount !== props.saved.expectedAmount
  const canQualify = props.lead.allowedActions.includes('qualify')

  const toggle = (checklist: string, item: string, on: boolean) =>
    setConfirmed((current) => {
      const items = new Set(current[checklist] ?? [])
      if (on) items.add(item)
      else items.delete(item)
      return { ...current, [checklist]: [...items] }
    })
  const send = (kind: 'update_checklist' | 'qualify') => {
    if (amountInvalid) return
    props.onSend({
      action: kind,
      checklist: normalise(confirmed),
      ...(expectedAmount === undefined ? {} : { expectedAmount }),
      ...(note.trim() ? { note: note.trim() } : {}),
    })
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    send('update_checklist')
  }

  return (
    <form className="checklist-editor" onSubmit={submit} noValidate aria-describedby="checklist-status">
      {applicable.map((checklist) => (
        <ChecklistFieldset
          key={checklist.id}
          checklist={checklist}
          confirmed={confirmed[checklist.id] ?? []}
          onToggle={toggle}
        />
      ))}
      {dormant.map((checklist) => (
        <p key={checklist.id} className="muted checklist-dormant">
          {t('checklist.appliesAbove', {
            checklist: label(checklist.label, checklist.id),
            amount: format.money(checklist.appliesWhen?.dealAmountAbove ?? 0),
          })}
        </p>
      ))}
      <p
        id="checklist-status"
        className={gap ? 'checklist-status missing' : 'checklist-status ok'}
        aria-live="polite"
      >
        {amountInvalid
          ? t('checklist.amountInvalid')
          : gap
            ? [t('checklist.notSatisfied'), ...problems.checklistGaps(details.missing, details.unknown)].join(
                ' ',
              )
            : canQualify
              ? t('checklist.readyToQualify')
              : t('checklist.satisfied')}
      </p>
      <label>
        {t('checklist.expectedAmount')}
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step={1000}
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          aria-invalid={amountInvalid}
          aria-describedby="checklist-amount-hint"
        />
        <span id="checklist-amount-hint" className="hint">
          {t('checklist.expectedAmountHint')}
        </span>
      </label>
      <label>
        {t('checklist.note')}
        <textarea rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <div className="form-buttons">
        <button type="submit" disabled={props.pending || (!dirty && note.trim() === '')}>
          {t('checklist.save')}
        </button>
        {canQualify && (
          // Disabled, not refused with a 422 after the click, while the checklist is not met; the
          // status above says what is missing.
          <button
            type="button"
            className="primary"
            disabled={props.pending || gap !== undefined || amountInvalid}
            aria-describedby="checklist-status"
            onClick={() => send('qualify')}
          >
            {t('checklist.qualify')}
          </button>
        )}
        <span className="muted dirty" aria-live="polite">
          {dirty ? t('checklist.unsaved') : ''}
        </span>
      </div>
      {props.problem && (
        <p className="error" role="alert">
          {props.problem}
        </p>
      )}
    </form>
  )
}

function ChecklistFieldset(props: {
  checklist: Checklist
  confirmed: string[]
  onToggle: (checklist: string, item: string, on: boolean) => void
}) {
  const { t } = useTranslation('lead')
  const label = useLabel()
  const { checklist } = props
  const items =
    checklist.framework === 'custom'
      ? (checklist.items ?? [])
      : CHECKLIST_FRAMEWORK_ITEMS[checklist.framework]
  const mandatory = checklist.mandatory ?? []
  const rule = [
    mandatory.length > 0
      ? t('checklist.mandatoryItems', {
          items: mandatory.map((id) => label(items.find((item) => item.id === id)?.label, id)).join(', '),
        })
      : null,
    checklist.minConfirmed ? t('checklist.minConfirmed', { count: checklist.minConfirmed }) : null,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <fieldset className="checklist">
      <legend>
        {label(checklist.label, checklist.framework === 'custom' ? checklist.id : checklist.framework)}
      </legend>
      {rule && <p className="muted checklist-rule">{rule}</p>}
      {items.map((item) => (
        <label key={item.id} className="check">
          <input
            type="checkbox"
            checked={props.confirmed.includes(item.id)}
            onChange={(event) => props.onToggle(checklist.id, item.id, event.target.checked)}
          />
          <span>{label(item.label, item.id)}</span>
          {mandatory.includes(item.id) && <span className="tag">{t('checklist.mandatory')}</span>}
        </label>
      ))}
    </fieldset>
  )
}

/** Confirmed items without empty lists and in a stable order, to compare and to send. */
function normalise(confirmed: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(confirmed)
      .filter(([, items]) => items.length > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([checklist, items]) => [checklist, [...items].sort()]),
  )
}
