// Background jobs, newest first: what runs, what waits, what failed with which error and how often it
// was tried. A failed job can be run again and an unfinished one cancelled. On a narrow screen each job
// is a card (the table's cells carry their column's name).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useFormat } from '../../hooks/format.ts'
import { QueryStates } from '../../components/States.tsx'
import { SettingsTable } from './SettingsTable.tsx'
import { NoticeLine, type Notice } from './Notice.tsx'
import { JOB_STATES, useJobCommand, useJobs, type Job } from './useJobs.ts'

const UNFINISHED = new Set<Job['state']>(['created', 'retry', 'active'])

export function JobsSettings() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const [search, setSearch] = useSearchParams()
  const state = JOB_STATES.find((known) => known === search.get('state'))
  const [notice, setNotice] = useState<Notice | null>(null)
  const jobs = useJobs(state)
  const retry = useJobCommand('retry', setNotice)
  const cancel = useJobCommand('cancel', setNotice)
  const queueName = (job: Job) => t(`jobs.queues.${job.queue}`, { defaultValue: job.queue })
  const columns = {
    job: t('jobs.job'),
    state: t('jobs.state'),
    attempts: t('jobs.attempts'),
    progress: t('jobs.progress'),
    error: t('jobs.error'),
    created: t('jobs.createdAt'),
    finished: t('jobs.finishedAt'),
  }

  return (
    <section className="settings-screen" aria-labelledby="jobs-title">
      <div className="screen-head">
        <div>
          <h2 id="jobs-title">{t('jobs.title')}</h2>
          <p className="muted">{t('jobs.intro')}</p>
        </div>
        <div className="field inline-field">
          <label htmlFor="job-state">{t('jobs.filter')}</label>
          <select
            id="job-state"
            value={state ?? ''}
            onChange={(event) =>
              setSearch(event.target.value ? { state: event.target.value } : {}, { replace: true })
            }
          >
            <option value="">{t('jobs.allStates')}</option>
            {JOB_STATES.map((option) => (
              <option key={option} value={option}>
                {t(`jobs.states.${option}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <NoticeLine notice={notice} />
      <QueryStates query={jobs} rows={6} empty={state ? t('jobs.emptyFiltered') : t('jobs.empty')}>
        {(items) => (
          <div className="jobs-list">
            <SettingsTable testId="jobs-table" columns={Object.values(columns)} actions>
              {items.map((job) => (
                <tr key={job.id} className="job-row" data-state={job.state}>
                  <td data-label={columns.job}>
                    <strong>{queueName(job)}</strong>
                    {job.note && <span className="muted small job-note">{job.note}</span>}
                  </td>
                  <td data-label={columns.state}>
                    <span className={`badge job-${job.state}`}>{t(`jobs.states.${job.state}`)}</span>
                    {job.retryCount > 0 && (
                      <span className="badge badge-warn">{t('jobs.retried', { count: job.retryCount })}</span>
                    )}
                  </td>
                  <td data-label={columns.attempts} className="nowrap">
                    {t('jobs.attemptsOf', {
                      done: format.number(job.retryCount + (job.startedAt ? 1 : 0)),
                      limit: format.number(job.retryLimit + 1),
                    })}
                  </td>
                  <td data-label={columns.progress}>
                    {job.progress === null ? (
                      '–'
                    ) : (
                      <progress
                        max={1}
                        value={job.progress}
                        aria-label={t('jobs.progressOf', { job: queueName(job) })}
                        title={`${format.number(job.progress * 100)} %`}
                      />
                    )}
                  </td>
                  <td data-label={columns.error} className="last-answer">
                    {job.error ? <span className="job-error">{job.error}</span> : '–'}
                  </td>
                  <td data-label={columns.created} className="nowrap">
                    {format.dateTime(job.createdAt)}
                    {job.startAfter > job.createdAt && job.state === 'created' && (
                      <span className="muted small job-note">
                        {t('jobs.startsAt', { time: format.dateTime(job.startAfter) })}
                      </span>
                    )}
                  </td>
                  <td data-label={columns.finished} className="nowrap">
                    {format.dateTime(job.completedAt)}
                  </td>
                  <td className="row-actions">
                    {job.state === 'failed' && (
                      <button
                        type="button"
                        disabled={retry.isPending}
                        aria-label={t('jobs.retryLabel', { job: queueName(job) })}
                        onClick={() => retry.mutate(job.id)}
                      >
                        {t('jobs.retry')}
                      </button>
                    )}
                    {UNFINISHED.has(job.state) && (
                      <button
                        type="button"
                        disabled={cancel.isPending}
                        aria-label={t('jobs.cancelLabel', { job: queueName(job) })}
                        onClick={() => cancel.mutate(job.id)}
                      >
                        {t('jobs.cancel')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </SettingsTable>
          </div>
        )}
      </QueryStates>
    </section>
  )
}
