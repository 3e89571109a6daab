// Deutsch / English. Signed in, the choice is stored on the user (PATCH /session) and follows them.
import { useTranslation } from 'react-i18next'
import { api } from '../api/client.ts'
import { changeLanguage, LANGUAGES } from '../i18n/i18n.ts'

export function LanguageSwitch({
  persist = false,
  onChoose,
}: {
  persist?: boolean
  onChoose?: (language: 'de' | 'en') => void
}) {
  const { t, i18n } = useTranslation()
  const choose = async (language: 'de' | 'en') => {
    await changeLanguage(language)
    onChoose?.(language)
    if (persist) await api.PATCH('/api/v1/session', { body: { locale: language } })
  }
  return (
    <div className="language-switch" role="group" aria-label={t('shell.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          aria-pressed={i18n.language === language}
          onClick={() => void choose(language)}
          lang={language}
        >
          {language === 'de' ? 'DE' : 'EN'}
        </button>
      ))}
    </div>
  )
}
