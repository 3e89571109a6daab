// What the lead did and what sales did with it, newest first; touchpoints coloured by buyer-journey stage. Colour is never the only cue: each
// entry names its stage with a marker (○ ◐ ●), and the strip above rises with the stage, oldest to newest.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadLabels } from './lead-labels.ts'
import type { JourneyStage, LeadDetail, Touchpoint } from './lead-types.ts'
import { useActivities, type Activity } from '../../hooks/use-lead-work.ts'
import { ActivityEntry } from './ActivityEntry.tsx'

const JOURNEY: readonly JourneyStage[] = ['orientation', 'consideration', 'decision']
const MARKER: Record<JourneyStage | 'none', string> = {
  orientation: '○',
  consideration: '◐',
  decision: '●',
  none: '·',
}
const FIRST_ROWS = 12

type Entry = { at: string; touchpoint: Touchpoint } | { at: string; activity: Activity }
type Show = 'all' | 'sales' | 'marketing'

/**
 * Marketing's touchpoints and sales' logged activities in one story, newest first; `activities: 'hide'`
 * for a past state (`?asOf=`), which activities do not replay.
 */
export function TouchpointTimeline({ lead, activities }: { lead: LeadDetail; activities: 'show' | 'hide' }) {
  const { t } = useTranslation('lead')
  const [all, setAll] = useState(false)
  const [show, setShow] = useState<Show>('all')
  const logged = useActivities(lead.id, activities === 'show')
  const touchpoints = lead.timeline
  const entries: Entry[] = [
    ...(show === 'sales' ? [] : touchpoints.map((touchpoint) => ({ at: touchpoint.occurredAt, touchpoint }))),
    ...(show === 'marketing'
      ? []
      : (logged.data ?? []).map((activity) => ({ at: activity.occurredAt, activity }))),
  ].sort((a, b) => b.at.localeCompare(a.at))
  const shown = all ? entries : entries.slice(0, FIRST_ROWS)
  const hasActivities = (logged.data?.length ?? 0) > 0
  return (
    <section className="card lead-section" id="lead-timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title', { count: touchpoints.length })}</h2>
      {hasActivities && <TimelineFilter show={show} onShow={setShow} />}
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <>
          {show !== 'sales' && touchpoints.length > 0 && (
            <>
              <JourneyLegend touchpoints={touchpoints} />
              <JourneyStrip touchpoints={touchpoints} />
            </>
          )}
          <ol className="timeline">
            {shown.map((entry) =>
              'touchpoint' in entry ? (
                <TimelineEntry key={entry.touchpoint.id} touchpoint={entry.touchpoint} />
              ) : (
                <ActivityEntry key={entry.activity.id} activity={entry.activity} />
              ),
            )}
          </ol>
          {entries.length > FIRST_ROWS && (
            <button
              type="button"
              className="link-button show-all"
              aria-expanded={all}
              onClick={() => setAll(!all)}
            >
              {all ? t('timeline.showFewer') : t('timeline.showAll', { count: entries.length })}
            </button>
          )}
        </>
      )}
    </section>
  )
}

function TimelineFilter({ show, onShow }: { show: Show; onShow: (show: Show) => void }) {
  const { t } = useTranslation()
  return (
    <div className="timeline-filter" role="group" aria-label={t('work:timeline.filter')}>
      {(['all', 'sales', 'marketing'] as const).map((option) => (
        <button key={option} type="button" aria-pressed={show === option} onClick={() => onShow(option)}>
          {t(`work:timeline.${option}`)}
        </button>
      ))}
    </div>
  )
}

/** The legend doubles as the count per stage. */
function JourneyLegend({ touchpoints }: { touchpoints: Touchpoint[] }) {
  const { t } = useTranslation('lead')
  const count = (stage: JourneyStage | null) =>
    touchpoints.filter((touchpoint) => touchpoint.journeyStage === stage).length
  return (
    <ul className="journey-legend" aria-label={t('timeline.legend')}>
      {[...JOURNEY, null].map((stage) => (
        <li key={stage ?? 'none'} className={`journey-${stage ?? 'none'}`}>
          <span className="journey-swatch" aria-hidden="true">
            {MARKER[stage ?? 'none']}
          </span>
          {stage ? t(`journey.${stage}`) : t('journey.none')} <span className="count">{count(stage)}</span>
        </li>
      ))}
    </ul>
  )
}

/** Oldest to newest, each touchpoint a bar as high as its journey stage: the shift toward decision shows. */
function JourneyStrip({ touchpoints }: { touchpoints: Touchpoint[] }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const chronological = [...touchpoints].reverse()
  const first = chronological[0]
  const last = chronological.at(-1)
  return (
    <figure className="journey-strip-figure">
      <div className="journey-strip" aria-hidden="true">
        {chronological.map((touchpoint) => (
          <span
            key={touchpoint.id}
            className={`journey-bar journey-${touchpoint.journeyStage ?? 'none'}`}
            title={`${format.date(touchpoint.occurredAt)} · ${touchpoint.journeyStage ? t(`journey.${touchpoint.journeyStage}`) : t('journey.none')}`}
          />
        ))}
      </div>
      <figcaption className="muted">
        {t('timeline.strip', { from: format.date(first?.occurredAt), to: format.date(last?.occurredAt) })}
      </figcaption>
    </figure>
  )
}

function TimelineEntry({ touchpoint }: { touchpoint: Touchpoint }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  const stage = touchpoint.journeyStage ?? 'none'
  const properties = Object.entries(touchpoint.properties ?? {})
  return (
    <li className={`timeline-entry journey-${stage}`}>
      <span className="journey-tag">
        <span aria-hidden="true">{MARKER[stage]} </span>
        {touchpoint.journeyStage ? t(`journey.${touchpoint.journeyStage}`) : t('journey.none')}
      </span>
      <div className="timeline-body">
        <div className="timeline-head">
          <strong>{labels.eventType(touchpoint.type)}</strong>
          <time dateTime={touchpoint.occurredAt}>{format.dateTime(touchpoint.occurredAt)}</time>
        </div>
        {touchpoint.contentTitle && <div>{touchpoint.contentTitle}</div>}
        <div className="muted timeline-meta">
          {[
            touchpoint.source ? t('timeline.source', { source: labels.source(touchpoint.source) }) : null,
            touchpoint.points !== 0
              ? t('timeline.points', { points: format.number(touchpoint.points) })
              : t('timeline.noPoints'),
            ...properties.map(([key, value]) => labels.property(key, value)),
          ]
            .filter(Boolean)
            .join(' · ')}
        </div>
      </div>
    </li>
  )
}
