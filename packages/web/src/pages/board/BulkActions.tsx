// What to do with the selected rows: hand them to a rep (managers and admins), send them back to
// nurturing with one of the agreement's reasons, or give each a follow-up task. The answer names every
// lead that could not be changed and why; those stay selected, the others are cleared.
import { useState, type FormEvent } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../../api/client.ts'
import { ErrorMessage } from '../../components/States.tsx'
import { DateInput } from '../../components/DateInput.tsx'
import { useAgreement, useLabel } from '../../hooks/use-agreement.ts'
import { useFormat } from '../../hooks/format.ts'
import { useBulkAction, type BulkAnswer, type BulkCommand } from './use-bulk-actions.ts'
import type { BoardLead } from './use-pipeline.ts'

type Mode = 'assign' | 'recycle' | 'add_task'

export function BulkActions({
  selected,
  leads,
  canAssign,
  onDone,
  onClear,
}: {
  selected: ReadonlySet<string>
  leads: BoardLead[]
  canAssign: boolean
  /** the leads that failed, to keep selected */
  onDone: (failed: string[]) => void
  onClear: () => void
}) {
  const { t } = useTranslation('board')
  const format = useFormat()
  const [mode, setMode] = useState<Mode | null>(null)
  const [answer, setAnswer] = useState<BulkAnswer | null>(null)
  const bulk = useBulkAction((result) => {
    setAnswer(result)
    setMode(null)
    onDone(result.results.filter((entry) => !entry.ok).map((entry) => entry.leadId))
  })
  const send = (command: BulkCommand) => {
    setAnswer(null)
    bulk.mutate({ leadIds: [...selected], command })
  }
  const nameOf = (leadId: string) => {
    const lead = leads.find((entry) => entry.id === leadId)
    return lead ? [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email : leadId
  }

  return (
    <>
      {selected.size > 0 && (
        <div className="board-bulk" role="region" aria-label={t('bulk.label')} data-testid="bulk-actions">
          <strong>{t('bulk.selected', { shown: format.number(selected.size) })}</strong>
          {mode === null && (
            <>
              {canAssign && (
                <button type="button" onClick={() => setMode('assign')}>
                  {t('bulk.assign')}
                </button>
              )}
              <button type="button" onClick={() => setMode('recycle')}>
                {t('bulk.recycle')}
              </button>
              <button type="button" onClick={() => setMode('add_task')}>
                {t('bulk.addTask')}
              </button>
              <button type="button" className="link-button" onClick={onClear}>
                {t('bulk.clear')}
              </button>
            </>
          )}
          {mode === 'assign' && (
            <AssignForm busy={bulk.isPending} onSend={send} onCancel={() => setMode(null)} />
          )}
          {mode === 'recycle' && (
            <RecycleForm busy={bulk.isPending} onSend={send} onCancel={() => setMode(null)} />
          )}
          {mode === 'add_task' && (
            <TaskForm busy={bulk.isPending} onSend={send} onCancel={() => setMode(null)} />
          )}
        </div>
      )}
      {bulk.isError && <ErrorMessage error={bulk.error} />}
      {answer && (
        <div className="board-bulk-result" role="status" data-testid="bulk-result">
          {t('bulk.done', { applied: answer.applied, failed: answer.failed })}
          {answer.failed > 0 && (
            <ul>
              {answer.results.map((result) =>
                result.ok ? null : (
                  <li key={result.leadId}>
                    {nameOf(result.leadId)}:{' '}
                    {t(`bulk.failure.${result.code}`, { defaultValue: result.message })}
                  </li>
                ),
              )}
            </ul>
          )}
        </div>
      )}
    </>
  )
}

type FormProps = { busy: boolean; onSend: (command: BulkCommand) => void; onCancel: () => void }

function FormButtons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation('board')
  return (
    <>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('bulk.sending') : t('bulk.apply')}
      </button>
      <button type="button" onClick={onCancel} disabled={busy}>
        {t('bulk.cancel')}
      </button>
    </>
  )
}

function AssignForm({ busy, onSend, onCancel }: FormProps) {
  const { t } = useTranslation('board')
  const [rep, setRep] = useState('')
  const reps = useQuery({ queryKey: ['reps'], queryFn: () => unwrap(api.GET('/api/v1/reps')) })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (rep) onSend({ action: 'assign', rep })
  }
  return (
    <form onSubmit={submit}>
      <label>
        <span className="visually-hidden">{t('bulk.rep')}</span>
        <select
          value={rep}
          required
          autoFocus
          onChange={(event) => setRep(event.target.value)}
          aria-label={t('bulk.rep')}
        >
          <option value="" disabled>
            {t('bulk.chooseRep')}
          </option>
          {(reps.data?.items ?? []).map((item) => (
            <option key={item.email} value={item.email}>
              {item.name}
            </option>
          ))}
        </select>
      </label>
      <FormButtons busy={busy} onCancel={onCancel} />
    </form>
  )
}

function RecycleForm({ busy, onSend, onCancel }: FormProps) {
  const { t } = useTranslation('board')
  const label = useLabel()
  const reasons = useAgreement().data?.document.recycling?.reasons ?? []
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (reason) onSend({ action: 'recycle', reason, ...(note.trim() ? { note: note.trim() } : {}) })
  }
  return (
    <form onSubmit={submit}>
      <select
        value={reason}
        required
        autoFocus
        onChange={(event) => setReason(event.target.value)}
        aria-label={t('bulk.reason')}
      >
        <option value="" disabled>
          {t('bulk.chooseReason')}
        </option>
        {reasons.map((item) => (
          <option key={item.id} value={item.id}>
            {label(item.label, item.id)}
          </option>
        ))}
      </select>
      <input
        type="text"
        value={note}
        maxLength={2000}
        placeholder={t('bulk.note')}
        aria-label={t('bulk.note')}
        onChange={(event) => setNote(event.target.value)}
      />
      <FormButtons busy={busy} onCancel={onCancel} />
    </form>
  )
}

function TaskForm({ busy, onSend, onCancel }: FormProps) {
  const { t } = useTranslation('board')
  const [title, setTitle] = useState('')
  const [due, setDue] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return
    // Due at nine in the morning of the chosen day, in the browser's time zone.
    onSend({ action: 'add_task', title: title.trim(), dueAt: new Date(`${due}T09:00`).toISOString() })
  }
  return (
    <form onSubmit={submit}>
      <input
        type="text"
        required
        autoFocus
        maxLength={300}
        value={title}
        placeholder={t('bulk.taskTitle')}
        aria-label={t('bulk.taskTitle')}
        onChange={(event) => setTitle(event.target.value)}
      />
      <DateInput value={due} onChange={setDue} aria-describedby="bulk-due-hint" />
      <span id="bulk-due-hint" className="visually-hidden">
        {t('bulk.taskDue')}
      </span>
      <FormButtons busy={busy} onCancel={onCancel} />
    </form>
  )
}
