// Adding a user: name, e-mail, role, language and an initial password the admin passes on.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import type { Role } from '../../session/session.tsx'
import { Dialog } from './SettingsDialog.tsx'
import { Field, fieldProblems, isProblem } from './FormField.tsx'
import { LocaleSelect, MIN_PASSWORD, RoleSelect } from './UserFields.tsx'
import { ErrorMessage } from '../../components/States.tsx'
import { USERS_KEY, type User } from './useUsers.ts'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function AddUserDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (user: User) => void }) {
  const { t } = useTranslation('settings')
  const queryClient = useQueryClient()
  const [form, setForm] = useState({
    name: '',
    email: '',
    role: 'sales' as Role,
    locale: 'de' as 'de' | 'en',
    password: '',
  })
  const [problems, setProblems] = useState<Record<string, string>>({})
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/users', { body: { ...form, name: form.name.trim() } })),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: USERS_KEY })
      onAdded(user)
    },
    onError: (error) => {
      if (isProblem(error, 409, 'USER_EXISTS')) return setProblems({ email: t('users.errors.exists') })
      const fields = fieldProblems(error)
      setProblems({
        ...fields,
        ...(fields.email ? { email: t('users.errors.email') } : {}),
        ...(fields.password ? { password: t('users.errors.password', { count: MIN_PASSWORD }) } : {}),
      })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found: Record<string, string> = {}
    if (!form.name.trim()) found.name = t('form.required')
    if (!EMAIL.test(form.email.trim())) found.email = t('users.errors.email')
    if (form.password.length < MIN_PASSWORD)
      found.password = t('users.errors.password', { count: MIN_PASSWORD })
    setProblems(found)
    if (Object.keys(found).length === 0) add.mutate()
  }
  const suggest = () => {
    // 18 characters from an alphabet without look-alikes (0/O, 1/l/I), easy to pass on.
    const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
    const bytes = crypto.getRandomValues(new Uint8Array(18))
    setForm({ ...form, password: Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('') })
  }
  return (
    <Dialog title={t('users.addTitle')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <Field id="user-name" label={t('users.name')} error={problems.name}>
          <input
            value={form.name}
            maxLength={200}
            autoComplete="off"
            onChange={(event) => setForm({ ...form, name: event.target.value })}
          />
        </Field>
        <Field id="user-email" label={t('users.email')} error={problems.email}>
          <input
            type="email"
            value={form.email}
            maxLength={254}
            autoComplete="off"
            onChange={(event) => setForm({ ...form, email: event.target.value })}
          />
        </Field>
        <div className="form-row">
          <Field
            id="user-role"
            label={t('users.role')}
            hint={t(`users.roleHints.${form.role}`)}
            error={problems.role}
          >
            <RoleSelect value={form.role} onChange={(role) => setForm({ ...form, role })} />
          </Field>
          <Field id="user-locale" label={t('users.language')}>
            <LocaleSelect value={form.locale} onChange={(locale) => setForm({ ...form, locale })} />
          </Field>
        </div>
        <Field
          id="user-password"
          label={t('users.initialPassword')}
          hint={t('users.initialPasswordHint', { count: MIN_PASSWORD })}
          error={problems.password}
        >
          <input
            type="text"
            value={form.password}
            maxLength={200}
            autoComplete="new-password"
            spellCheck={false}
            onChange={(event) => setForm({ ...form, password: event.target.value })}
          />
        </Field>
        <button type="button" className="link-button align-start" onClick={suggest}>
          {t('users.suggestPassword')}
        </button>
        {add.isError && Object.keys(problems).length === 0 && <ErrorMessage error={add.error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={add.isPending}>
            {t('users.add')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
