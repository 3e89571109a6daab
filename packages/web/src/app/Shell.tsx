// The frame around every signed-in screen: navigation, workspace, language, who is signed in.
import { NavLink, Outlet } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useSession, useSignOut } from '../session/session.tsx'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { NotificationsMenu } from '../components/NotificationsMenu.tsx'

export function Shell() {
  const { t } = useTranslation()
  const session = useSession()
  const signOut = useSignOut()
  const rights = can(session.user.role)
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Takt</span>
        <span className="workspace" title={t('shell.workspace')}>
          {session.workspace.name}
        </span>
        <nav aria-label={t('shell.navigation')}>
          {rights.work && <NavLink to="/inbox">{t('nav.inbox')}</NavLink>}
          <NavLink to="/board">{t('nav.board')}</NavLink>
          <NavLink to="/agreement">{t('nav.agreement')}</NavLink>
          {rights.administer && <NavLink to="/settings">{t('nav.settings')}</NavLink>}
        </nav>
        <div className="topbar-end">
          <NotificationsMenu />
          <LanguageSwitch persist />
          <span className="who" data-testid="signed-in-as">
            {session.user.name} · {t(`roles.${session.user.role}`)}
          </span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  )
}
