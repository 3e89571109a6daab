// For admins: everything stored about the person as a JSON download (DSGVO Art. 15/20), and erasure
// (Art. 17) behind a confirmation that asks for the person's e-mail address, since it cannot be undone.
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { ErrorMessage } from '../../components/States.tsx'
import { leadName, type LeadDetail, type OnDone } from './lead-types.ts'
import '../work/work.css'

export function PrivacyActions({ lead, onDone }: { lead: LeadDetail; onDone: OnDone }) {
  const { t } = useTranslation('work')
  const [confirming, setConfirming] = useState(false)
  const exporting = useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/leads/{id}/export', { params: { path: { id: lead.id } } })),
    onSuccess: (data) => {
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
      const link = document.createElement('a')
      link.href = url
      link.download = `takt-lead-${lead.id}.json`
      link.click()
      URL.revokeObjectURL(url)
      onDone(t('privacy.exported'))
    },
  })
  return (
    <section className="card lead-section privacy-actions" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('privacy.title')}</h2>
      <div className="privacy-buttons">
        <button type="button" onClick={() => exporting.mutate()} disabled={exporting.isPending}>
          {exporting.isPending ? t('privacy.exporting') : t('privacy.export')}
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('privacy.erase')}
        </button>
      </div>
      {exporting.isError && <ErrorMessage error={exporting.error} />}
      {confirming && <EraseDialog lead={lead} onClose={() => setConfirming(false)} onDone={onDone} />}
    </section>
  )
}

function EraseDialog({ lead, onClose, onDone }: { lead: LeadDetail; onClose: () => void; onDone: OnDone }) {
  const { t } = useTranslation('work')
  const ref = useRef<HTMLDialogElement>(null)
  const id = useId()
  const queryClient = useQueryClient()
  const [typed, setTyped] = useState('')
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    ref.current?.showModal()
    return () => opener?.focus()
  }, [])
  const erase = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/leads/{id}/erasure', { params: { path: { id: lead.id } } })),
    onSuccess: async () => {
      await Promise.all(
        [['lead', lead.id], ['activities', lead.id], ['tasks'], ['leads'], ['pipeline']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      )
      onClose()
      onDone(t('privacy.erased'))
    },
  })
  const matches = typed.trim().toLowerCase() === lead.email.toLowerCase()
  return (
    <dialog
      ref={ref}
      className="work-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <h2 id={`${id}-title`}>{t('privacy.eraseTitle')}</h2>
      <p>{t('privacy.eraseText', { name: leadName(lead) })}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (matches) erase.mutate()
        }}
      >
        <label>
          {t('privacy.eraseConfirmLabel')}
          <input
            value={typed}
            autoComplete="off"
            spellCheck={false}
            placeholder={lead.email}
            onChange={(event) => setTyped(event.target.value)}
          />
        </label>
        {erase.isError && <ErrorMessage error={erase.error} />}
        <div className="work-dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('privacy.cancel')}
          </button>
          <button type="submit" className="danger" disabled={!matches || erase.isPending}>
            {erase.isPending ? t('privacy.erasing') : t('privacy.eraseConfirm')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
