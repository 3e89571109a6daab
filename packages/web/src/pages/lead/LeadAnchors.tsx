// Jump links to the lead page's parts (work, history, scores, prediction, next content, timeline): a long
// page on a phone is one tap from each part instead of a long scroll.
import { useTranslation } from 'react-i18next'

export function LeadAnchors({
  working,
  outlook,
}: {
  working: boolean
  /** whether the page shows the prediction and the next content */
  outlook: { prediction: boolean; content: boolean }
}) {
  const { t } = useTranslation('work')
  const parts = [
    ...(working ? [['work', 'activity-title'] as const] : []),
    ['history', 'history-title'] as const,
    ['scores', 'scores-title'] as const,
    ...(outlook.prediction ? [['prediction', 'prediction-title'] as const] : []),
    ...(outlook.content ? [['content', 'next-content-title'] as const] : []),
    ['timeline', 'timeline-title'] as const,
  ]
  return (
    <nav className="lead-anchors" aria-label={t('header.sections')}>
      {parts.map(([part, target]) => (
        <a key={part} href={`#${target}`}>
          {t(`header.anchors.${part}`)}
        </a>
      ))}
    </nav>
  )
}
