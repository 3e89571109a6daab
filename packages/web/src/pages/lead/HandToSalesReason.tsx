// Why a manager sends a held-back lead (recycled, disqualified) to sales: free text, recorded with
// the decision, since the agreement's recycling reasons describe the way out, not the way back.
import { useTranslation } from 'react-i18next'

export function HandToSalesReason(props: {
  value: string
  onChange: (value: string) => void
  error: string | undefined
}) {
  const { t } = useTranslation('notifications')
  return (
    <label>
      {t('handToSales.reason')}
      <input
        type="text"
        autoFocus
        maxLength={500}
        value={props.value}
        placeholder={t('handToSales.reasonPlaceholder')}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error !== undefined}
        aria-describedby={props.error ? 'hand-to-sales-error' : undefined}
        required
      />
      {props.error && (
        <span id="hand-to-sales-error" className="field-error">
          {props.error}
        </span>
      )}
    </label>
  )
}
