// Every change to the checklist, newest first: who, when, what was confirmed, and their note.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/format.ts'
import { useLeadLabels } from './lead-labels.ts'
import type { Qualification } from './lead-types.ts'

export function ChecklistHistory({ history }: { history: Qualification['history'] }) {
  const { t } = useTranslation('lead')
  const format = useFormat()
  const labels = useLeadLabels()
  return (
    <>
      <h3>{t('checklist.history')}</h3>
      {history.length === 0 ? (
        <p className="muted">{t('checklist.noHistory')}</p>
      ) : (
        <ol className="plain-list checklist-history">
          {[...history].reverse().map((change) => (
            <li key={`${change.at}-${change.kind}`}>
              <div>
                <strong>
                  {change.kind === 'qualify' ? t('checklist.qualified') : t('checklist.updated')}
                </strong>{' '}
                <span className="muted">
                  · <time dateTime={change.at}>{format.dateTime(change.at)}</time> ·{' '}
                  {change.by?.name ??
                    (change.actor === 'api_key' ? t('history.apiKey') : t('history.formerUser'))}
                </span>
              </div>
              {Object.entries(change.confirmed).map(([checklist, items]) => (
                <div key={checklist}>
                  {labels.checklist(checklist)}:{' '}
                  {items.length === 0
                    ? t('checklist.nothingConfirmed')
                    : items.map((item) => labels.checklistItem(checklist, item)).join(', ')}
                </div>
              ))}
              {change.expectedAmount !== null && (
                <div>{t('checklist.expectedAmountWas', { amount: format.money(change.expectedAmount) })}</div>
              )}
              {change.note && <blockquote className="note">{change.note}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
