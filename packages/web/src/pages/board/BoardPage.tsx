// Placeholder until the screen is built.
import { useTranslation } from 'react-i18next'

export function BoardPage() {
  const { t } = useTranslation('board')
  return (
    <section className="page">
      <h1>{t('title')}</h1>
    </section>
  )
}
