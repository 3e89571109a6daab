// My work: the rep's leads by stage (waiting for accept, qualifying, SQL, open deals, sent back by me),
// each with its age, next task and a flag when it went quiet, and their open tasks beside them.
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../hooks/format.ts'
import { useAgreement, useLabel } from '../../hooks/use-agreement.ts'
import { useMyWork, type MyWork, type MyWorkItem } from '../../hooks/use-lead-work.ts'
import { Empty, ErrorMessage, Loading } from '../../components/States.tsx'
import { TaskList } from './TaskList.tsx'
import './work.css'

const SECTIONS = ['waiting', 'qualifying', 'sql', 'deals', 'recycled'] as const

export function MyWorkPage() {
  const { t } = useTranslation('work')
  const work = useMyWork()
  return (
    <section className="page my-work" aria-labelledby="my-work-title">
      <title>{`${t('title')} · Takt`}</title>
      <h1 id="my-work-title">{t('title')}</h1>
      {work.isPending ? (
        <Loading />
      ) : work.isError ? (
        <ErrorMessage error={work.error} />
      ) : (
        <MyWorkView work={work.data} />
      )}
    </section>
  )
}

function MyWorkView({ work }: { work: MyWork }) {
  const { t } = useTranslation('work')
  return (
    <>
      <p className="muted">{t('intro', { days: work.staleAfterBusinessDays })}</p>
      <div className="my-work-layout">
        <div className="my-work-sections">
          {SECTIONS.map((section) => (
            <section key={section} className="card my-work-section" aria-labelledby={`section-${section}`}>
              <h2 id={`section-${section}`}>
                {t(`sections.${section}`)} <span className="count-pill">{work.counts[section]}</span>
              </h2>
              {work.sections[section].length === 0 ? (
                <Empty>{t(`empty.${section}`)}</Empty>
              ) : (
                <ul className="work-items">
                  {work.sections[section].map((item) => (
                    <WorkItem key={item.id} item={item} />
                  ))}
                </ul>
              )}
              {section === 'waiting' && work.sections.waiting.length > 0 && (
                <p>
                  <Link to="/inbox">{t('openInbox')}</Link>
                </p>
              )}
            </section>
          ))}
        </div>
        <aside className="card my-work-tasks" aria-labelledby="my-tasks-title">
          <h2 id="my-tasks-title">
            {t('tasks.title')} <span className="count-pill">{work.tasks.length}</span>
          </h2>
          {work.tasks.length === 0 ? (
            <Empty>{t('tasks.empty')}</Empty>
          ) : (
            <TaskList tasks={work.tasks} showLead />
          )}
        </aside>
      </div>
    </>
  )
}

function WorkItem({ item }: { item: MyWorkItem }) {
  const { t } = useTranslation('work')
  const format = useFormat()
  const label = useLabel()
  const agreement = useAgreement()
  const reasonLabel = (id: string) =>
    label(agreement.data?.document.recycling?.reasons.find((reason) => reason.id === id)?.label, id)
  return (
    <li className={item.stale ? 'work-item stale' : 'work-item'} data-testid="work-item">
      <div className="work-item-head">
        <Link to={`/leads/${item.id}`} className="work-item-name">
          {item.name ?? item.email}
        </Link>
        {item.stale && (
          <span className="stale-flag" title={t('staleHint', { at: format.dateTime(item.lastWorkedAt) })}>
            {t('stale')}
          </span>
        )}
      </div>
      {item.companyName && <div className="muted">{item.companyName}</div>}
      <div className="work-item-facts muted">
        <span>{item.ageDays === 0 ? t('ageToday') : t('age', { count: item.ageDays })}</span>
        {item.deal && (
          <span>
            {t('deal', {
              amount: format.money(item.deal.amount, item.deal.currency),
              date: format.date(item.deal.expectedCloseDate),
            })}
          </span>
        )}
        {item.reason && <span>{t('reason', { reason: reasonLabel(item.reason) })}</span>}
      </div>
      {item.stage !== 'recycled' && item.stage !== 'disqualified' && (
        <div className={item.nextTask?.overdue ? 'work-item-task overdue' : 'work-item-task'}>
          {item.nextTask
            ? t('nextTask', { title: item.nextTask.title, due: format.dateTime(item.nextTask.dueAt) })
            : t('noTask')}
          {item.nextTask?.overdue && <strong> · {t('overdue')}</strong>}
        </div>
      )}
    </li>
  )
}
