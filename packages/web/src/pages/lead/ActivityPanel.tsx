// The rep's working panel on a lead: log a call (with its outcome), e-mail, meeting or note, with an
// optional follow-up task, and the lead's tasks with a one-click "done". Shown to people who work leads.
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { DateInput } from '../../components/DateInput.tsx'
import { ErrorMessage } from '../../components/States.tsx'
import { ISO_DATE } from '../../components/date-entry.ts'
import { useCreateTask, useLeadTasks, useLogActivity, type ActivityBody } from '../../hooks/use-lead-work.ts'
import { TaskList } from '../work/TaskList.tsx'
import type { LeadDetail, OnDone } from './lead-types.ts'
import '../work/work.css'

const KINDS = ['call', 'email', 'meeting', 'note'] as const
const OUTCOMES = ['reached', 'no_answer', 'voicemail', 'busy', 'wrong_number'] as const
type Kind = (typeof KINDS)[number]
type Outcome = (typeof OUTCOMES)[number]

/** A due day becomes 09:00 that day in the browser's time zone: the start of a working day. */
function dueAtOf(day: string): string {
  return new Date(`${day}T09:00:00`).toISOString()
}

function tomorrow(): string {
  const date = new Date(Date.now() + 86_400_000)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}

export function ActivityPanel({ lead, onDone }: { lead: LeadDetail; onDone: OnDone }) {
  const { t } = useTranslation('work')
  const tasks = useLeadTasks(lead.id)
  const open = (tasks.data ?? []).filter((task) => task.doneAt === null)
  const done = (tasks.data ?? []).filter((task) => task.doneAt !== null).slice(0, 5)
  return (
    <section className="card lead-section activity-panel" id="lead-work" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('activity.title')}</h2>
      <ActivityForm lead={lead} onDone={onDone} />
      <h3>{t('leadTasks.title')}</h3>
      {tasks.isError && <ErrorMessage error={tasks.error} />}
      {open.length + done.length === 0 ? (
        <p className="muted">{t('leadTasks.empty')}</p>
      ) : (
        <TaskList tasks={[...open, ...done]} showLead={false} />
      )}
      <AddTask leadId={lead.id} />
    </section>
  )
}

function ActivityForm({ lead, onDone }: { lead: LeadDetail; onDone: OnDone }) {
  const { t } = useTranslation('work')
  const id = useId()
  const log = useLogActivity(lead.id)
  const [kind, setKind] = useState<Kind>('call')
  const [outcome, setOutcome] = useState<Outcome>('reached')
  const [subject, setSubject] = useState('')
  const [body, setBody] = useState('')
  const [duration, setDuration] = useState('')
  const [followUp, setFollowUp] = useState(false)
  const [taskTitle, setTaskTitle] = useState('')
  const [due, setDue] = useState(tomorrow)
  const dueInvalid = followUp && !ISO_DATE.test(due)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (dueInvalid) return
    const minutes = Number.parseInt(duration, 10)
    const request: ActivityBody = {
      kind,
      ...(kind === 'call' ? { outcome } : {}),
      ...(subject.trim() && kind !== 'call' && kind !== 'note' ? { subject: subject.trim() } : {}),
      ...(body.trim() ? { body: body.trim() } : {}),
      ...(Number.isFinite(minutes) && kind !== 'note' && kind !== 'email'
        ? { durationMinutes: minutes }
        : {}),
      ...(followUp
        ? { followUp: { title: taskTitle.trim() || t('activity.followUpDefault'), dueAt: dueAtOf(due) } }
        : {}),
    }
    log.mutate(request, {
      onSuccess: (result) => {
        const name = t(`activity.kinds.${kind}`)
        onDone(
          t(result.answeredSla ? 'activity.loggedAnswered' : 'activity.logged', { kind: name }),
          undefined,
          {
            leadId: lead.id,
            activityId: result.activity.id,
          },
        )
        setSubject('')
        setBody('')
        setDuration('')
        setFollowUp(false)
        setTaskTitle('')
      },
    })
  }

  return (
    <form className="activity-form" onSubmit={submit}>
      <fieldset className="activity-kinds">
        <legend>{t('activity.kindLabel')}</legend>
        {KINDS.map((option) => (
          <label key={option} className={option === kind ? 'kind-option selected' : 'kind-option'}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={option}
              checked={option === kind}
              onChange={() => setKind(option)}
            />
            {t(`activity.kinds.${option}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'note' && lead.stage === 'mql' && (
        <p className="muted small">{t('activity.noteAnswersNothing')}</p>
      )}
      <div className="activity-fields">
        {kind === 'call' && (
          <label>
            {t('activity.outcome')}
            <select value={outcome} onChange={(event) => setOutcome(event.target.value as Outcome)}>
              {OUTCOMES.map((option) => (
                <option key={option} value={option}>
                  {t(`activity.outcomes.${option}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {(kind === 'email' || kind === 'meeting') && (
          <label>
            {t('activity.subject')}
            <input value={subject} maxLength={300} onChange={(event) => setSubject(event.target.value)} />
          </label>
        )}
        {(kind === 'call' || kind === 'meeting') && (
          <label>
            {t('activity.durationMinutes')}
            <input
              type="number"
              min={0}
              max={1440}
              inputMode="numeric"
              value={duration}
              onChange={(event) => setDuration(event.target.value)}
            />
          </label>
        )}
      </div>
      <label className="activity-body">
        {t('activity.body')}
        <textarea
          rows={3}
          maxLength={10_000}
          placeholder={t('activity.bodyPlaceholder')}
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
      </label>
      <label className="checkbox-line">
        <input type="checkbox" checked={followUp} onChange={(event) => setFollowUp(event.target.checked)} />
        {t('activity.followUp')}
      </label>
      {followUp && (
        <div className="activity-fields">
          <label>
            {t('activity.followUpTitle')}
            <input
              value={taskTitle}
              maxLength={300}
              placeholder={t('activity.followUpDefault')}
              onChange={(event) => setTaskTitle(event.target.value)}
            />
          </label>
          <label htmlFor={`${id}-due`}>
            {t('activity.followUpDue')}
            <DateInput id={`${id}-due`} value={due} onChange={setDue} aria-invalid={dueInvalid} />
          </label>
          {dueInvalid && <p className="error">{t('activity.dueInvalid')}</p>}
        </div>
      )}
      {log.isError && <ErrorMessage error={log.error} />}
      <button type="submit" className="primary" disabled={log.isPending}>
        {log.isPending ? t('activity.saving') : t('activity.save')}
      </button>
    </form>
  )
}

function AddTask({ leadId }: { leadId: string }) {
  const { t } = useTranslation('work')
  const id = useId()
  const create = useCreateTask()
  const [title, setTitle] = useState('')
  const [due, setDue] = useState(tomorrow)
  const valid = title.trim() !== '' && ISO_DATE.test(due)
  return (
    <form
      className="add-task"
      onSubmit={(event) => {
        event.preventDefault()
        if (!valid) return
        create.mutate({ leadId, title: title.trim(), dueAt: dueAtOf(due) }, { onSuccess: () => setTitle('') })
      }}
    >
      <label>
        {t('leadTasks.newTitle')}
        <input value={title} maxLength={300} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <label htmlFor={`${id}-due`}>
        {t('activity.followUpDue')}
        <DateInput id={`${id}-due`} value={due} onChange={setDue} />
      </label>
      <button type="submit" disabled={!valid || create.isPending}>
        {create.isPending ? t('leadTasks.adding') : t('leadTasks.add')}
      </button>
      {create.isError && <ErrorMessage error={create.error} />}
    </form>
  )
}
