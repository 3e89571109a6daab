// Every governance step of a version, oldest first: what happened, who, when, for which side, and the
// comment. An ordered list, read top to bottom like the history it is.
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useFormat } from '../../../hooks/format.ts'
import { Empty } from '../../../components/States.tsx'
import { compactSteps, type ReviewStep } from './review-state.ts'
import { usePersonName } from './use-person-name.ts'

const KNOWN = new Set([
  'drafted',
  'edited',
  'proposed',
  'approved',
  'changes_requested',
  'withdrawn',
  'activated',
  'retired',
])

// The server words the retirement itself ("replaced by version 4"); the UI language words it here.
function commentOf(step: ReviewStep, t: TFunction<'governance'>) {
  const replaced = step.action === 'retired' ? /^replaced by version (\d+)$/.exec(step.comment ?? '') : null
  return replaced ? t('timeline.replacedBy', { version: Number(replaced[1]) }) : step.comment
}

export function ReviewTimeline({ steps }: { steps: readonly ReviewStep[] }) {
  const { t } = useTranslation('governance')
  const format = useFormat()
  const personName = usePersonName()
  if (steps.length === 0) return <Empty>{t('timeline.empty')}</Empty>
  return (
    <ol className="review-timeline" data-testid="review-timeline">
      {compactSteps(steps).map((step, index) => {
        const who = personName(step.actorId, step.actorName)
        return (
          <li key={index} className={`review review-${step.action}`}>
            <p className="review-what">
              <strong>{KNOWN.has(step.action) ? t(`timeline.action.${step.action}`) : step.action}</strong>
              {step.side && <> · {t('timeline.forSide', { side: t(`side.${step.side}`) })}</>}
            </p>
            <p className="muted review-who">
              {who} · <time dateTime={step.at}>{format.dateTime(step.at)}</time>
            </p>
            {step.comment && <blockquote className="review-comment">{commentOf(step, t)}</blockquote>}
          </li>
        )
      })}
    </ol>
  )
}
