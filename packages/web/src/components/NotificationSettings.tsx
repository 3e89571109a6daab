// My choice of which notifications I get, one switch per kind, saved as soon as it changes. Every
// role reaches it from the bell, since notifications are personal, not an admin setting.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/client.ts'
import type { paths } from '../api/openapi'

type Enabled =
  paths['/api/v1/me/notification-settings']['get']['responses'][200]['content']['application/json']['enabled']

const QUERY_KEY = ['notification-settings']

export function NotificationSettings(props: { onBack: () => void }) {
  const { t } = useTranslation('notifications')
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<'saved' | 'failed' | null>(null)
  const settings = useQuery({
    queryKey: QUERY_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/me/notification-settings')),
  })
  const save = useMutation({
    mutationFn: (enabled: Enabled) =>
      unwrap(api.PUT('/api/v1/me/notification-settings', { body: { enabled } })),
    // The switch moves at once; a refusal puts it back and says so.
    onMutate: (enabled) => {
      const before = queryClient.getQueryData(QUERY_KEY)
      queryClient.setQueryData(QUERY_KEY, { enabled })
      return { before }
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(QUERY_KEY, saved)
      setStatus('saved')
    },
    onError: (_error, _enabled, context) => {
      queryClient.setQueryData(QUERY_KEY, context?.before)
      setStatus('failed')
    },
  })
  const enabled = settings.data?.enabled
  const kinds = enabled ? (Object.keys(enabled) as Array<keyof Enabled>) : []

  return (
    <div className="notification-settings">
      <div className="notification-panel-head">
        <h2 id="notification-settings-title">{t('settings.title')}</h2>
        <button type="button" className="link-button" onClick={props.onBack}>
          {t('settings.back')}
        </button>
      </div>
      <p className="muted">{t('settings.hint')}</p>
      <fieldset aria-labelledby="notification-settings-title" disabled={!enabled}>
        {kinds.map((kind) => (
          <label key={kind} className="checkbox">
            <input
              type="checkbox"
              checked={enabled![kind]}
              onChange={(event) => {
                setStatus(null)
                save.mutate({ ...enabled!, [kind]: event.target.checked })
              }}
            />
            <span>{t(`settings.kinds.${kind}`)}</span>
          </label>
        ))}
      </fieldset>
      <p role="status" className={status === 'failed' ? 'error' : 'muted'}>
        {status === 'saved' ? t('settings.saved') : status === 'failed' ? t('settings.saveFailed') : ''}
      </p>
    </div>
  )
}
