// Sign-in with workspace, e-mail and password. The workspace is remembered for the next visit. An
// installation without any workspace gets the first-run page instead.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiProblem, unwrap } from '../api/client.ts'
import { fetchSession } from '../session/session.tsx'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { FirstRunPage } from './FirstRunPage.tsx'

const LAST_WORKSPACE = 'takt.workspace'

export function SignInPage() {
  // The form shows at once; only a definite "no workspace" answer replaces it with the first-run page.
  const setup = useQuery({
    queryKey: ['setup'],
    queryFn: () => unwrap(api.GET('/api/v1/setup')),
    staleTime: Infinity,
  })
  if (setup.data?.workspaces === false) {
    return <FirstRunPage onCheckAgain={() => void setup.refetch()} checking={setup.isFetching} />
  }
  return <SignInForm />
}

function SignInForm() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [workspace, setWorkspace] = useState(
    () => new URLSearchParams(location.search).get('workspace') ?? localStorage.getItem(LAST_WORKSPACE) ?? '',
  )
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // A language picked here is the user's choice: it is saved to their profile once they are signed in.
  const [chosenLanguage, setChosenLanguage] = useState<'de' | 'en' | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setProblem(null)
    try {
      const signedIn = await unwrap(api.POST('/api/v1/session', { body: { workspace, email, password } }))
      localStorage.setItem(LAST_WORKSPACE, workspace)
      if (chosenLanguage) {
        await api.PATCH('/api/v1/session', {
          body: { locale: chosenLanguage },
          headers: { 'x-csrf-token': signedIn.csrfToken },
        })
      }
      queryClient.setQueryData(['session'], await fetchSession())
    } catch (error) {
      setProblem(describe(error))
    } finally {
      setBusy(false)
    }
  }

  const describe = (error: unknown) => {
    if (!(error instanceof ApiProblem)) return t('state.unexpected')
    if (error.status === 401) return t('signIn.wrongCredentials')
    if (error.status === 429) {
      const seconds = Number(error.body.retryAfterSeconds ?? 60)
      return t('signIn.tooManyAttempts', { seconds })
    }
    if (error.status === 400) return t('signIn.checkInput')
    return error.message
  }

  return (
    <div className="sign-in">
      <form
        className="card sign-in-card"
        onSubmit={(event) => void submit(event)}
        aria-labelledby="sign-in-title"
      >
        <div className="sign-in-head">
          <h1 id="sign-in-title">Takt</h1>
          <LanguageSwitch onChoose={setChosenLanguage} />
        </div>
        <p className="muted">{t('signIn.intro')}</p>
        <label>
          {t('signIn.workspace')}
          <input
            name="workspace"
            value={workspace}
            onChange={(event) => setWorkspace(event.target.value)}
            autoComplete="organization"
            required
          />
        </label>
        <label>
          {t('signIn.email')}
          <input
            name="email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoComplete="username"
            required
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            name="password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
    </div>
  )
}
