// Users and roles: who works in the workspace, with which role, language, region and absences. Adding,
// changing and disabling; the workspace always keeps one active admin (the server refuses otherwise).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { useSession } from '../../session/session.tsx'
import { useFormat } from '../../hooks/format.ts'
import { QueryStates } from '../../components/States.tsx'
import { SettingsTable } from './SettingsTable.tsx'
import { ConfirmDialog } from './SettingsDialog.tsx'
import { NoticeLine, type Notice } from './Notice.tsx'
import { isProblem } from './FormField.tsx'
import { AddUserDialog } from './AddUserDialog.tsx'
import { EditUserDialog } from './EditUserDialog.tsx'
import { lastDayOf } from './AbsenceFields.tsx'
import { USERS_KEY, useUsers, type User } from './useUsers.ts'

export function UsersSettings() {
  const { t } = useTranslation('settings')
  const session = useSession()
  const queryClient = useQueryClient()
  const users = useUsers()
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<User | null>(null)
  const [disabling, setDisabling] = useState<User | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)

  const problemText = (error: unknown) =>
    isProblem(error, 409, 'LAST_ADMIN') ? t('users.errors.lastAdmin') : (error as Error).message
  const toggle = useMutation({
    mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { disabled } })),
    onSuccess: (user) => {
      setDisabling(null)
      setNotice({
        kind: 'ok',
        text: t(user.disabled ? 'users.disabled' : 'users.enabled', { name: user.name }),
      })
    },
    onError: (error, { disabled }) => {
      // A refused disable shows in its confirmation dialog; a refused enable here.
      if (!disabled) setNotice({ kind: 'error', text: problemText(error) })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  })

  return (
    <section className="settings-screen" aria-labelledby="users-title">
      <div className="screen-head">
        <div>
          <h2 id="users-title">{t('users.title')}</h2>
          <p className="muted">{t('users.intro')}</p>
        </div>
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('users.add')}
        </button>
      </div>
      <NoticeLine notice={notice} />
      <QueryStates query={users} rows={6} empty={t('users.empty')}>
        {(data) => (
          <SettingsTable
            testId="users-table"
            columns={[
              t('users.name'),
              t('users.role'),
              t('users.language'),
              t('users.region'),
              t('users.absence'),
              t('users.status'),
            ]}
            actions
          >
            {data.map((user) => (
              <tr key={user.id} className={user.disabled ? 'is-disabled' : undefined}>
                <td>
                  <strong>{user.name}</strong>
                  {user.id === session.user.id && <span className="muted"> · {t('users.you')}</span>}
                  <div className="muted small">{user.email}</div>
                </td>
                <td>{t(`common:roles.${user.role}`)}</td>
                <td>{t(`users.languages.${user.locale}`)}</td>
                <td>
                  {user.region ? t(`users.regions.${user.region}`, { defaultValue: user.region }) : '–'}
                </td>
                <td>
                  <Absence user={user} timeZone={session.workspace.timezone} />
                </td>
                <td>
                  <span className={user.disabled ? 'badge badge-off' : 'badge badge-on'}>
                    {user.disabled ? t('users.statusDisabled') : t('users.statusActive')}
                  </span>
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    onClick={() => setEditing(user)}
                    aria-label={t('users.editLabel', { name: user.name })}
                  >
                    {t('edit')}
                  </button>
                  {user.disabled ? (
                    <button
                      type="button"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate({ user, disabled: false })}
                      aria-label={t('users.enableLabel', { name: user.name })}
                    >
                      {t('users.enable')}
                    </button>
                  ) : (
                    user.id !== session.user.id && (
                      <button
                        type="button"
                        onClick={() => {
                          toggle.reset()
                          setDisabling(user)
                        }}
                        aria-label={t('users.disableLabel', { name: user.name })}
                      >
                        {t('users.disable')}
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </SettingsTable>
        )}
      </QueryStates>
      {adding && (
        <AddUserDialog
          onClose={() => setAdding(false)}
          onAdded={(user) => {
            setAdding(false)
            setNotice({ kind: 'ok', text: t('users.added', { name: user.name }) })
          }}
        />
      )}
      {editing && (
        <EditUserDialog
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={(user) => {
            setEditing(null)
            setNotice({ kind: 'ok', text: t('users.saved', { name: user.name }) })
          }}
        />
      )}
      {disabling && (
        <ConfirmDialog
          title={t('users.disableTitle', { name: disabling.name })}
          confirmLabel={t('users.disable')}
          pending={toggle.isPending}
          error={toggle.isError ? problemText(toggle.error) : null}
          onConfirm={() => toggle.mutate({ user: disabling, disabled: true })}
          onClose={() => setDisabling(null)}
        >
          <p>{t('users.disableText', { name: disabling.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

/** The absence now or the next one: what a manager wants to know at a glance. */
function Absence({ user, timeZone }: { user: User; timeZone: string }) {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const now = Date.now()
  const upcoming = user.outOfOffice
    .filter((period) => Date.parse(period.until) > now)
    .toSorted((a, b) => Date.parse(a.from) - Date.parse(b.from))[0]
  if (!upcoming) return <span className="muted">–</span>
  const until = format.date(`${lastDayOf(upcoming.until, timeZone)}T12:00:00Z`)
  return Date.parse(upcoming.from) <= now ? (
    <span className="badge badge-warn">{t('users.absentUntil', { date: until })}</span>
  ) : (
    <span>{t('users.absentFrom', { from: format.date(upcoming.from), until })}</span>
  )
}
