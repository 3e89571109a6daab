// The confirmation before a new version goes live: a modal dialog (focus stays inside, Escape cancels).
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../components/States.tsx'

type Props = {
  open: boolean
  activeVersion: number
  busy: boolean
  error: unknown
  onConfirm: () => void
  onCancel: () => void
}

export function ActivateDialog({ open, activeVersion, busy, error, onConfirm, onCancel }: Props) {
  const { t } = useTranslation('agreement')
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) element.showModal()
    if (!open && element.open) element.close()
  }, [open])
  return (
    <dialog
      ref={dialog}
      className="activate-dialog"
      aria-labelledby="activate-title"
      aria-describedby="activate-text"
      onCancel={(event) => {
        event.preventDefault()
        if (!busy) onCancel()
      }}
    >
      <h2 id="activate-title">{t('activate.title')}</h2>
      <p id="activate-text">
        {activeVersion === 0 ? t('activate.textFirst') : t('activate.text', { version: activeVersion })}
      </p>
      {activeVersion > 0 && <p className="muted">{t('activate.history')}</p>}
      {error !== null && error !== undefined && <ErrorMessage error={error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy} autoFocus>
          {t('activate.cancel')}
        </button>
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {busy ? t('activate.busy') : t('activate.confirm')}
        </button>
      </div>
    </dialog>
  )
}
