// What the lead did, newest first, coloured by buyer-journey stage. Colour is never the only cue: each
// entry names its stage with a marker (○ ◐ ●), and the strip above rises with the stage, oldest to newest.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadLabels } from './lead-labels.ts'
import type { JourneyStage, LeadDetail, Touchpoint } from './lead-types.ts'

const JOURNEY: readonly JourneyStage[] = ['orientation', 'consideration', 'decision']
const MARKER: Record<JourneyStage | 'none', string> = {
  orientation: '○',
  consideration: '◐',
  decision: '●',
  none: '·',
}
const FIRST_ROWS = 12

export function TouchpointTimeline({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation('lead')
  const [all, setAll] = useState(false)
  const touchpoints = lead.timeline
  const shown = all ? touchpoints : touchpoints.slice(0, FIRST_ROWS)
  return (
    <section className="card lead-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title', { count: touchpoints.length })}</h2>
      {touchpoints.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <>
          <JourneyLegend touchpoints={touchpoints} />
          <JourneyStrip touchpoints={touchpoints} />
          <ol className="timeline">
            {shown.map((touchpoint) => (
              <TimelineEntry key={touchpoint.id} touchpoint={touchpoint} />
            ))}
          </ol>
          {touchpoints.length > FIRST_ROWS && (
            <button
              type="button"
              className="link-button show-all"
              aria-expanded={all}
              onClick={() => setAll(!all)}
            >
              {all ? t('timeline.showFewer') : t('timeline.showAll', { count: touchpoints.length })}
            </button>
          )}
        </>
      )}
    </section>
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
