// One webhook subscription: where it sends, what, whether it is on (and why not), its signing secrets,
// and what an admin can do with it.
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../hooks/format.ts'
import { useDisabledReason, type Subscription } from './useWebhooks.ts'

export type WebhookAction = 'edit' | 'enable' | 'disable' | 'rotate' | 'delete'

export function WebhookCard({
  subscription,
  busy,
  onAction,
}: {
  subscription: Subscription
  busy: boolean
  onAction: (action: WebhookAction) => void
}) {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const disabledReason = useDisabledReason()
  const now = Date.now()
  const [current, ...previous] = subscription.secrets
  const stillSigning = previous.filter((secret) => secret.expiresAt && Date.parse(secret.expiresAt) > now)
  return (
    <li
      className={subscription.enabled ? 'card webhook-card' : 'card webhook-card is-disabled'}
      data-webhook-url={subscription.url}
    >
      <div className="webhook-head">
        <code className="webhook-url" id={`webhook-${subscription.id}-url`}>
          {subscription.url}
        </code>
        <span className={subscription.enabled ? 'badge badge-on' : 'badge badge-off'}>
          {subscription.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}
        </span>
      </div>
      {subscription.description && <p className="muted webhook-description">{subscription.description}</p>}
      {!subscription.enabled && (
        <p className="webhook-disabled-reason">
          <strong>{t('webhooks.disabledReason')}</strong> {disabledReason(subscription)}{' '}
          {t('webhooks.disabledWaiting')}
        </p>
      )}
      <dl className="facts">
        <dt>{t('webhooks.eventTypes')}</dt>
        <dd>
          {subscription.eventTypes.map((type) => (
            <span key={type} className="badge" title={type}>
              {t(`webhooks.events.${type}`, { defaultValue: type })}
            </span>
          ))}
        </dd>
        <dt>{t('webhooks.secret')}</dt>
        <dd>
          {current ? (
            <>
              <code>{current.hint}</code>{' '}
              <span className="muted">
                {t('webhooks.secretSince', { date: format.dateTime(current.createdAt) })}
              </span>
            </>
          ) : (
            '–'
          )}
          {stillSigning.map((secret) => (
            <div key={secret.hint} className="muted">
              {t('webhooks.previousSecret', { hint: secret.hint, date: format.dateTime(secret.expiresAt) })}
            </div>
          ))}
        </dd>
      </dl>
      <div className="card-actions" role="group" aria-labelledby={`webhook-${subscription.id}-url`}>
        <Link to={`/settings/webhooks/${subscription.id}`} className="button-link">
          {t('webhooks.deliveries')}
        </Link>
        <button type="button" onClick={() => onAction('edit')}>
          {t('edit')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => onAction(subscription.enabled ? 'disable' : 'enable')}
        >
          {subscription.enabled ? t('webhooks.disable') : t('webhooks.enable')}
        </button>
        <button type="button" onClick={() => onAction('rotate')}>
          {t('webhooks.rotate')}
        </button>
        <button type="button" className="danger" onClick={() => onAction('delete')}>
          {t('delete')}
        </button>
      </div>
    </li>
  )
}
