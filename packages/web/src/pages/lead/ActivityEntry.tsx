// One logged sales activity in the lead's timeline, beside the touchpoints: what kind, by whom, when,
// its outcome and text. After an erasure only kind and time remain, and the entry says so.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import type { Activity } from '../../hooks/use-lead-work.ts'
import '../work/work.css'

const MARKER = { call: '☎', email: '✉', meeting: '◆', note: '✎' } as const

export function ActivityEntry({ activity }: { activity: Activity }) {
  const { t } = useTranslation('work')
  const format = useFormat()
  return (
    <li className="timeline-entry activity-entry" data-testid="activity-entry">
      <span className="journey-tag activity-tag">
        <span aria-hidden="true">{MARKER[activity.kind]} </span>
        {t('timeline.sales')}
      </span>
      <div className="timeline-body">
        <div className="timeline-head">
          <strong className="activity-kind">
            {t(`activity.kinds.${activity.kind}`)}
            {activity.outcome && (
              <> · {t(`activity.outcomes.${activity.outcome}`, { defaultValue: activity.outcome })}</>
            )}
          </strong>
          <time dateTime={activity.occurredAt}>{format.dateTime(activity.occurredAt)}</time>
        </div>
        {activity.subject && <div>{activity.subject}</div>}
        {activity.body && <div className="activity-text">{activity.body}</div>}
        <div className="muted timeline-meta">
          {[
            activity.author?.name ? t('timeline.by', { name: activity.author.name }) : null,
            activity.durationMinutes ? t('timeline.minutes', { count: activity.durationMinutes }) : null,
            activity.erased ? t('timeline.erased') : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </div>
      </div>
    </li>
  )
}
