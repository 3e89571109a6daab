// An installation without any workspace: nobody can sign in yet, so instead of a sign-in form that can
// only fail, this page says how the operator creates the first workspace on the server. It offers no
// form of its own: whoever reached the page first would otherwise own the installation.
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'

const INIT_COMMAND = `takt init --workspace acme --name "Acme GmbH" \\
  --admin-email you@acme.example \\
  --admin-password-file ./admin-password`

const BOOTSTRAP_VARIABLES = `TAKT_BOOTSTRAP_WORKSPACE=acme
TAKT_BOOTSTRAP_WORKSPACE_NAME="Acme GmbH"
TAKT_BOOTSTRAP_ADMIN_EMAIL=you@acme.example
TAKT_BOOTSTRAP_ADMIN_PASSWORD=…
takt serve --no-demo`

export function FirstRunPage({ onCheckAgain, checking }: { onCheckAgain: () => void; checking: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="sign-in">
      <section className="card sign-in-card first-run" aria-labelledby="first-run-title">
        <div className="sign-in-head">
          <h1 id="first-run-title">{t('firstRun.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('firstRun.intro')}</p>
        <h2>{t('firstRun.cliTitle')}</h2>
        <p className="muted">{t('firstRun.cliText')}</p>
        <pre>
          <code>{INIT_COMMAND}</code>
        </pre>
        <h2>{t('firstRun.variablesTitle')}</h2>
        <p className="muted">{t('firstRun.variablesText')}</p>
        <pre>
          <code>{BOOTSTRAP_VARIABLES}</code>
        </pre>
        <p className="muted">{t('firstRun.afterwards')}</p>
        <p className="muted">{t('firstRun.demo')}</p>
        <button type="button" className="primary" onClick={onCheckAgain} disabled={checking}>
          {checking ? t('firstRun.checking') : t('firstRun.checkAgain')}
        </button>
      </section>
    </div>
  )
}
