// The home page, by role: marketing sees the funnel and its sources, the sales manager the team's SLA,
// queue, reasons and pipeline, a rep today's work and their own conversion. Admins get both the
// marketing and the manager sections: they set up both sides, and the old landing gave them neither.
import { useTranslation } from 'react-i18next'
import { useSession, type Role } from '../../session/session.tsx'
import { MarketingHome } from './MarketingHome.tsx'
import { ManagerHome } from './ManagerHome.tsx'
import { RepHome } from './RepHome.tsx'
import './home.css'

type Section = 'marketing' | 'manager' | 'rep'

const SECTIONS: Record<Role, readonly Section[]> = {
  marketing: ['marketing'],
  sales_manager: ['manager'],
  sales: ['rep'],
  admin: ['manager', 'marketing'],
}

export function HomePage() {
  const { t } = useTranslation('home')
  const session = useSession()
  const sections = SECTIONS[session.user.role]
  return (
    <section className="page home" aria-labelledby="home-title">
      <title>{`${t('title')} · Takt`}</title>
      <h1 id="home-title">{t('title')}</h1>
      {sections.map((section) =>
        sections.length === 1 ? (
          <SectionView key={section} section={section} />
        ) : (
          <section key={section} aria-labelledby={`home-section-${section}`} className="home-section">
            <h2 id={`home-section-${section}`} className="home-section-title">
              {t(`sections.${section}`)}
            </h2>
            <SectionView section={section} />
          </section>
        ),
      )}
    </section>
  )
}

function SectionView({ section }: { section: Section }) {
  switch (section) {
    case 'marketing':
      return <MarketingHome />
    case 'manager':
      return <ManagerHome />
    case 'rep':
      return <RepHome />
  }
}
