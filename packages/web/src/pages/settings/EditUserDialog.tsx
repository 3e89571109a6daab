// Changing a user: name, role, language, region and absences. Only what changed is sent. The password
// reset is a form of its own, because it signs the person out everywhere.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { useSession, type Role } from '../../session/session.tsx'
import { ErrorMessage } from '../../components/States.tsx'
import { Dialog } from './SettingsDialog.tsx'
import { Field, fieldProblems, isProblem } from './FormField.tsx'
import { AbsenceFields, checkAbsences, toAbsenceRows, toPeriods, type AbsenceRow } from './AbsenceFields.tsx'
import { LocaleSelect, MIN_PASSWORD, RegionSelect, RoleSelect } from './UserFields.tsx'
import { USERS_KEY, type User, type UserChanges } from './useUsers.ts'

export function EditUserDialog({
  user,
  onClose,
  onSaved,
}: {
  user: User
  onClose: () => void
  onSaved: (user: User) => void
}) {
  const { t } = useTranslation('settings')
  const session = useSession()
  const queryClient = useQueryClient()
  const timeZone = session.workspace.timezone
  const isSelf = user.id === session.user.id
  const [form, setForm] = useState({
    name: user.name,
    role: user.role as Role,
    locale: user.locale,
    region: user.region,
  })
  const [absences, setAbsences] = useState<AbsenceRow[]>(() => toAbsenceRows(user.outOfOffice, timeZone))
  const [problems, setProblems] = useState<Record<string, string>>({})

  const changes = (): UserChanges => {
    const periods = toPeriods(absences, timeZone)
    return {
      ...(form.name.trim() === user.name ? {} : { name: form.name.trim() }),
      ...(form.role === user.role ? {} : { role: form.role }),
      ...(form.locale === user.locale ? {} : { locale: form.locale }),
      ...(form.region === user.region ? {} : { region: form.region }),
      ...(JSON.stringify(periods) === JSON.stringify(user.outOfOffice) ? {} : { outOfOffice: periods }),
    }
  }
  const save = useMutation({
    mutationFn: (body: UserChanges) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: USERS_KEY })
      // My own name and language show in the top bar.
      if (isSelf) void queryClient.invalidateQueries({ queryKey: ['session'] })
      onSaved(saved)
    },
    onError: (error) => {
      if (isProblem(error, 409, 'LAST_ADMIN')) return setProblems({ role: t('users.errors.lastAdmin') })
      const fields = fieldProblems(error)
      setProblems(
        Object.fromEntries(
          Object.entries(fields).map(([path, message]) => [
            path,
            path === 'region'
              ? t('users.errors.region', { region: form.region })
              : path.startsWith('outOfOffice/') && path.endsWith('/until')
                ? t('users.errors.absenceOrder')
                : message,
          ]),
        ),
      )
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found: Record<string, string> = {
      ...(form.name.trim() ? {} : { name: t('form.required') }),
      ...checkAbsences(absences, {
        required: t('form.required'),
        format: t('form.dateFormat'),
        order: t('users.errors.absenceOrder'),
      }),
    }
    setProblems(found)
    if (Object.keys(found).length > 0) return
    const body = changes()
    if (Object.keys(body).length === 0) return onClose()
    save.mutate(body)
  }

  return (
    <Dialog title={t('users.editTitle', { name: user.name })} onClose={onClose} wide>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-row">
          <Field id="edit-user-name" label={t('users.name')} error={problems.name}>
            <input
              value={form.name}
              maxLength={200}
              onChange={(event) => setForm({ ...form, name: event.target.value })}
            />
          </Field>
          <Field id="edit-user-email" label={t('users.email')} hint={t('users.emailFixed')}>
            <input value={user.email} readOnly />
          </Field>
        </div>
        <div className="form-row">
          <Field
            id="edit-user-role"
            label={t('users.role')}
            hint={
              isSelf && form.role !== 'admin' ? t('users.ownRoleWarning') : t(`users.roleHints.${form.role}`)
            }
            error={problems.role}
          >
            <RoleSelect value={form.role} onChange={(role) => setForm({ ...form, role })} />
          </Field>
          <Field id="edit-user-locale" label={t('users.language')}>
            <LocaleSelect value={form.locale} onChange={(locale) => setForm({ ...form, locale })} />
          </Field>
        </div>
        <Field
          id="edit-user-region"
          label={t('users.region')}
          hint={t('users.regionHint')}
          error={problems.region}
        >
          <RegionSelect value={form.region} onChange={(region) => setForm({ ...form, region })} />
        </Field>
        <AbsenceFields rows={absences} onChange={setAbsences} errors={problems} />
        {save.isError && Object.keys(problems).length === 0 && <ErrorMessage error={save.error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('save')}
          </button>
        </div>
      </form>
      <PasswordReset user={user} />
    </Dialog>
  )
}

function PasswordReset({ user }: { user: User }) {
  const { t } = useTranslation('settings')
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string | undefined>()
  const reset = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/users/{id}/password', { params: { path: { id: user.id } }, body: { password } }),
      ),
    onSuccess: () => setPassword(''),
    onError: (error) =>
      setProblem(
        fieldProblems(error).password ? t('users.errors.password', { count: MIN_PASSWORD }) : undefined,
      ),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (password.length < MIN_PASSWORD) return setProblem(t('users.errors.password', { count: MIN_PASSWORD }))
    setProblem(undefined)
    reset.mutate()
  }
  return (
    <form className="form password-reset" onSubmit={submit} noValidate>
      <h3>{t('users.resetTitle')}</h3>
      <div className="form-row align-start">
        <Field
          id="reset-password"
          label={t('users.newPassword')}
          hint={t('users.resetHint', { count: MIN_PASSWORD })}
          error={problem}
        >
          <input
            type="text"
            value={password}
            maxLength={200}
            autoComplete="new-password"
            spellCheck={false}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <button type="submit" className="field-button" disabled={reset.isPending}>
          {t('users.resetPassword')}
        </button>
      </div>
      <p className="notice" role="status" aria-live="polite">
        {reset.isSuccess ? t('users.resetDone', { name: user.name }) : ''}
      </p>
      {reset.isError && !problem && <ErrorMessage error={reset.error} />}
    </form>
  )
}
