// Placeholder until the screen is built.
import { useTranslation } from 'react-i18next'

export function SettingsPage() {
  const { t } = useTranslation('settings')
  return (
    <section className="page">
      <h1>{t('title')}</h1>
    </section>
  )
}
