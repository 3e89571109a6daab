// Open tasks with a one-click "done": in My work (with the lead each belongs to) and on the lead page.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../hooks/format.ts'
import { useSetTaskDone, type Task } from '../../hooks/use-lead-work.ts'
import { ErrorMessage } from '../../components/States.tsx'

export function TaskList({ tasks, showLead }: { tasks: Task[]; showLead: boolean }) {
  const { t } = useTranslation('work')
  const format = useFormat()
  const setDone = useSetTaskDone()
  const [notice, setNotice] = useState<string | null>(null)
  // Ticked at once; the list catches up when the server has answered (and unticks on a refusal).
  const [ticked, setTicked] = useState<Record<string, boolean>>({})
  const isDone = (task: Task) => ticked[task.id] ?? task.doneAt !== null
  const toggle = (task: Task) => {
    const done = !isDone(task)
    setTicked((current) => ({ ...current, [task.id]: done }))
    setDone.mutate(
      { id: task.id, done },
      {
        onSuccess: (changed) =>
          setNotice(t(changed.doneAt ? 'tasks.completed' : 'tasks.reopened', { title: changed.title })),
        onSettled: () => setTicked(({ [task.id]: _settled, ...rest }) => rest),
      },
    )
  }
  return (
    <>
      <ul className="task-list">
        {tasks.map((task) => (
          <li key={task.id} className={isDone(task) ? 'task done' : task.overdue ? 'task overdue' : 'task'}>
            <input
              type="checkbox"
              id={`task-${task.id}`}
              checked={isDone(task)}
              aria-label={t('tasks.markDone', { title: task.title })}
              onChange={() => toggle(task)}
            />
            <div className="task-text">
              <label htmlFor={`task-${task.id}`} className="task-title">
                {task.title}
              </label>
              <span className="muted">
                {task.doneAt
                  ? t('leadTasks.doneOn', { at: format.dateTime(task.doneAt) })
                  : t('tasks.due', { due: format.dateTime(task.dueAt) })}
                {task.overdue && <strong className="overdue-flag"> · {t('overdue')}</strong>}
                {!showLead && task.owner.name && <> · {t('leadTasks.owner', { name: task.owner.name })}</>}
              </span>
              {showLead && (
                <Link to={`/leads/${task.leadId}`} className="task-lead">
                  {task.lead.name ?? task.lead.email}
                  {task.lead.companyName && <span className="muted"> · {task.lead.companyName}</span>}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
      {setDone.isError && <ErrorMessage error={setDone.error} />}
      <p className="visually-hidden" role="status" aria-live="polite">
        {notice ?? ''}
      </p>
    </>
  )
}
