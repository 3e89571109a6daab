// The workspace's rule for activation, as one line: both sides approve (the default) or one party may
// activate alone. Admins switch it here after a confirmation; Settings has no place for it yet.
import { useId, useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../../api/client.ts'
import { Modal } from '../../components/Modal.tsx'
import { useGovernanceProblem } from './version/governance-problems.ts'
import { useGovernanceSettings, versionKeys } from './version/use-version.ts'

export function GovernanceSetting({ mayChange }: { mayChange: boolean }) {
  const { t } = useTranslation('governance')
  const ids = useId()
  const queryClient = useQueryClient()
  const problemText = useGovernanceProblem()
  const settings = useGovernanceSettings()
  const [confirming, setConfirming] = useState(false)
  const change = useMutation({
    mutationFn: (singlePartyActivation: boolean) =>
      unwrap(api.PUT('/api/v1/settings/governance', { body: { singlePartyActivation } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(versionKeys.governance, saved)
      setConfirming(false)
    },
  })
  if (!settings.data) return null
  const single = settings.data.singlePartyActivation

  return (
    <div className="governance-setting" data-testid="governance-setting">
      <p>
        {single ? t('setting.single') : t('setting.both')}{' '}
        {mayChange && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              change.reset()
              setConfirming(true)
            }}
          >
            {single ? t('setting.requireBoth') : t('setting.allowSingle')}
          </button>
        )}
      </p>
      {confirming && (
        <Modal
          className="setting-dialog"
          labelledBy={`${ids}-title`}
          describedBy={`${ids}-text`}
          onCancel={() => setConfirming(false)}
        >
          <h2 id={`${ids}-title`}>{single ? t('setting.requireBoth') : t('setting.allowSingle')}</h2>
          <p id={`${ids}-text`}>{single ? t('setting.requireBothText') : t('setting.allowSingleText')}</p>
          {change.error !== null && (
            <p className="error" role="alert">
              {problemText(change.error)}
            </p>
          )}
          <div className="dialog-buttons">
            <button
              type="button"
              className={single ? 'primary' : 'danger'}
              disabled={change.isPending}
              onClick={() => change.mutate(!single)}
            >
              {t('setting.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('setting.cancel')}
            </button>
          </div>
        </Modal>
      )}
    </div>
  )
}
