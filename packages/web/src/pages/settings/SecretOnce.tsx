// A secret the server shows exactly once (API key, webhook signing secret): copy it now or never.
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export function SecretOnce({
  title,
  secret,
  children,
  onDone,
}: {
  title: string
  secret: string
  children?: ReactNode
  onDone: () => void
}) {
  const { t } = useTranslation('settings')
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null)
  // Land on the secret when it appears (after its dialog closed), so nobody misses it.
  useEffect(() => input.current?.focus(), [secret])
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret)
      setCopied('copied')
    } catch {
      // No clipboard outside secure contexts (plain http): select it for Ctrl+C instead.
      input.current?.select()
      setCopied('select')
    }
  }
  return (
    <section className="secret-once" aria-labelledby="secret-once-title" data-testid="secret-once">
      <h3 id="secret-once-title">{title}</h3>
      <p className="secret-warning">
        <strong>{t('secret.warningTitle')}</strong> {t('secret.warning')}
      </p>
      <div className="secret-row">
        <label className="visually-hidden" htmlFor="secret-once-value">
          {title}
        </label>
        <input
          id="secret-once-value"
          ref={input}
          className="secret-value"
          readOnly
          value={secret}
          onFocus={(event) => event.target.select()}
          spellCheck={false}
        />
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('secret.copy')}
        </button>
      </div>
      <p className="notice" role="status" aria-live="polite">
        {copied === 'copied' ? t('secret.copied') : copied === 'select' ? t('secret.selectToCopy') : ''}
      </p>
      {children}
      <button type="button" onClick={onDone}>
        {t('secret.done')}
      </button>
    </section>
  )
}
