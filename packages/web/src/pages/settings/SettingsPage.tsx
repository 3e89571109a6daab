// Workspace settings, for admins: people and roles, API keys, webhooks, the content catalog, the
// audit log and the background jobs. Each sub-screen has its own address, so a link or reload lands
// on the same screen.
import { Navigate, NavLink, Route, Routes } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useSession } from '../../session/session.tsx'
import { UsersSettings } from './UsersSettings.tsx'
import { ApiKeysSettings } from './ApiKeysSettings.tsx'
import { WebhooksSettings } from './WebhooksSettings.tsx'
import { WebhookDeliveries } from './WebhookDeliveries.tsx'
import { WebhookDeliveryDetail } from './WebhookDeliveryDetail.tsx'
import { ContentSettings } from './ContentSettings.tsx'
import { AuditSettings } from './AuditSettings.tsx'
import { JobsSettings } from './JobsSettings.tsx'
import './settings.css'

export function SettingsPage() {
  const { t } = useTranslation('settings')
  const session = useSession()
  if (!can(session.user.role).administer) {
    return (
      <section className="page" aria-labelledby="settings-title">
        <h1 id="settings-title">{t('title')}</h1>
        <p className="error" role="alert">
          {t('common:state.forbidden')}
        </p>
      </section>
    )
  }
  return (
    <section className="page settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('title')}</h1>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('navigation')}>
          <NavLink to="/settings/users">{t('nav.users')}</NavLink>
          <NavLink to="/settings/api-keys">{t('nav.apiKeys')}</NavLink>
          <NavLink to="/settings/webhooks">{t('nav.webhooks')}</NavLink>
          <NavLink to="/settings/content">{t('nav.content')}</NavLink>
          <NavLink to="/settings/audit">{t('nav.audit')}</NavLink>
          <NavLink to="/settings/jobs">{t('nav.jobs')}</NavLink>
        </nav>
        <div className="settings-body">
          <Routes>
            <Route index element={<Navigate to="users" replace />} />
            <Route path="users" element={<UsersSettings />} />
            <Route path="api-keys" element={<ApiKeysSettings />} />
            <Route path="webhooks" element={<WebhooksSettings />} />
            <Route path="webhooks/:id" element={<WebhookDeliveries />} />
            <Route path="webhooks/:id/deliveries/:deliveryId" element={<WebhookDeliveryDetail />} />
            <Route path="content" element={<ContentSettings />} />
            <Route path="audit" element={<AuditSettings />} />
            <Route path="jobs" element={<JobsSettings />} />
            <Route path="*" element={<Navigate to="/settings/users" replace />} />
          </Routes>
        </div>
      </div>
    </section>
  )
}
