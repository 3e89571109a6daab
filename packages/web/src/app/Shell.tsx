// The frame around every signed-in screen: navigation, workspace, language, who is signed in. On narrow
// screens the navigation and the rest fold behind a menu button, so nothing falls off the right edge;
// the notifications stay in the bar.
import { useState } from 'react'
import { NavLink, Outlet } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useSession, useSignOut } from '../session/session.tsx'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { NotificationsMenu } from '../components/NotificationsMenu.tsx'
import { CommandPalette } from '../components/CommandPalette.tsx'
import { InboxCount, INBOX_COUNT_ID } from '../components/InboxCount.tsx'
import { MyWorkCount, MY_WORK_COUNT_ID } from '../components/MyWorkCount.tsx'
import { useRememberPlace } from '../hooks/use-return-to.ts'

export function Shell() {
  const { t } = useTranslation()
  const session = useSession()
  const signOut = useSignOut()
  const rights = can(session.user.role)
  const [menuOpen, setMenuOpen] = useState(false)
  useRememberPlace()
  const close = () => setMenuOpen(false)
  return (
    <div className="shell">
      <header className={menuOpen ? 'topbar menu-open' : 'topbar'}>
        <span className="brand">Takt</span>
        <span className="workspace" title={t('shell.workspace')}>
          {session.workspace.name}
        </span>
        <CommandPalette />
        <NotificationsMenu />
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="topbar-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <span>{t('shell.menu')}</span>
        </button>
        {/* On wide screens the menu is part of the bar (CSS); a followed link closes it on narrow ones. */}
        <div className="topbar-menu" id="topbar-menu">
          <nav aria-label={t('shell.navigation')}>
            <NavLink to="/home" onClick={close}>
              {t('home:nav')}
            </NavLink>
            {rights.work && (
              <NavLink to="/work" onClick={close} aria-describedby={MY_WORK_COUNT_ID}>
                {t('work:nav')}
                <MyWorkCount />
              </NavLink>
            )}
            {rights.work && (
              <NavLink to="/inbox" onClick={close} aria-describedby={INBOX_COUNT_ID}>
                {t('nav.inbox')}
                <InboxCount />
              </NavLink>
            )}
            <NavLink to="/board" onClick={close}>
              {t('nav.board')}
            </NavLink>
            <NavLink to="/reports" onClick={close}>
              {t('reports:nav')}
            </NavLink>
            <NavLink to="/agreement" onClick={close}>
              {t('nav.agreement')}
            </NavLink>
            {rights.administer && (
              <NavLink to="/settings" onClick={close}>
                {t('nav.settings')}
              </NavLink>
            )}
          </nav>
          <div className="topbar-end">
            <LanguageSwitch persist />
            <span className="who" data-testid="signed-in-as">
              {session.user.name} · {t(`roles.${session.user.role}`)}
            </span>
            <button type="button" className="link-button" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  )
}
