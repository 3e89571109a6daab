// API keys for systems that send events or read data. The key itself is shown once, right after it is
// created; the list shows only its prefix. Revoking is immediate and final.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { useFormat } from '../../hooks/format.ts'
import { ErrorMessage, QueryStates } from '../../components/States.tsx'
import { SettingsTable } from './SettingsTable.tsx'
import { ConfirmDialog } from './SettingsDialog.tsx'
import { SecretOnce } from './SecretOnce.tsx'
import { NoticeLine, type Notice } from './Notice.tsx'
import { Field, fieldProblems } from './FormField.tsx'
import type { paths } from '../../api/openapi'

type ApiKey = paths['/api/v1/api-keys']['get']['responses'][200]['content']['application/json'][number]
type Scope = ApiKey['scope']
type Created = paths['/api/v1/api-keys']['post']['responses'][201]['content']['application/json']
const SCOPES: Scope[] = ['ingest', 'read', 'admin']
export const API_KEYS_KEY = ['settings', 'api-keys'] as const

export function ApiKeysSettings() {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const queryClient = useQueryClient()
  const keys = useQuery({
    queryKey: API_KEYS_KEY,
    queryFn: async () =>
      // Active keys first, newest first within each group.
      (await unwrap(api.GET('/api/v1/api-keys'))).toSorted(
        (a, b) =>
          Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
          b.createdAt.localeCompare(a.createdAt),
      ),
  })
  const [name, setName] = useState('')
  const [scope, setScope] = useState<Scope>('ingest')
  const [problems, setProblems] = useState<Record<string, string>>({})
  const [created, setCreated] = useState<Created | null>(null)
  const [revoking, setRevoking] = useState<ApiKey | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)

  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/api-keys', { body: { name: name.trim(), scope } })),
    onSuccess: (key) => {
      setCreated(key)
      setName('')
      setNotice(null)
    },
    onError: (error) => setProblems(fieldProblems(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
  })
  const revoke = useMutation({
    mutationFn: (key: ApiKey) =>
      unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: key.id } } })),
    onSuccess: (_nothing, key) => {
      setRevoking(null)
      setNotice({ kind: 'ok', text: t('apiKeys.revoked', { name: key.name }) })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return setProblems({ name: t('form.required') })
    setProblems({})
    create.mutate()
  }

  return (
    <section className="settings-screen" aria-labelledby="api-keys-title">
      <div className="screen-head">
        <div>
          <h2 id="api-keys-title">{t('apiKeys.title')}</h2>
          <p className="muted">{t('apiKeys.intro')}</p>
        </div>
      </div>
      {created && (
        <SecretOnce
          title={t('apiKeys.createdTitle', { name: created.name })}
          secret={created.key}
          onDone={() => setCreated(null)}
        >
          <p className="muted">{t('apiKeys.createdUse')}</p>
        </SecretOnce>
      )}
      <form className="card inline-form" onSubmit={submit} noValidate aria-labelledby="api-key-create-title">
        <h3 id="api-key-create-title">{t('apiKeys.create')}</h3>
        <div className="form-row align-start">
          <Field
            id="api-key-name"
            label={t('apiKeys.name')}
            hint={t('apiKeys.nameHint')}
            error={problems.name}
          >
            <input value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
          </Field>
          <Field
            id="api-key-scope"
            label={t('apiKeys.scope')}
            hint={t(`apiKeys.scopeHints.${scope}`)}
            error={problems.scope}
          >
            <select value={scope} onChange={(event) => setScope(event.target.value as Scope)}>
              {SCOPES.map((option) => (
                <option key={option} value={option}>
                  {t(`apiKeys.scopes.${option}`)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="primary field-button" disabled={create.isPending}>
            {t('apiKeys.createButton')}
          </button>
        </div>
        {create.isError && Object.keys(problems).length === 0 && <ErrorMessage error={create.error} />}
      </form>
      <NoticeLine notice={notice} />
      <QueryStates query={keys} rows={4} empty={t('apiKeys.empty')}>
        {(data) => (
          <SettingsTable
            testId="api-keys-table"
            columns={[
              t('apiKeys.name'),
              t('apiKeys.prefix'),
              t('apiKeys.scope'),
              t('apiKeys.createdAt'),
              t('apiKeys.lastUsedAt'),
              t('apiKeys.status'),
            ]}
            actions
          >
            {data.map((key) => (
              <tr key={key.id} className={key.revokedAt ? 'is-disabled' : undefined}>
                <td>
                  <strong>{key.name}</strong>
                </td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{t(`apiKeys.scopes.${key.scope}`)}</td>
                <td className="nowrap">{format.dateTime(key.createdAt)}</td>
                <td className="nowrap">
                  {key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('apiKeys.neverUsed')}
                </td>
                <td>
                  {key.revokedAt ? (
                    <>
                      <span className="badge badge-off">{t('apiKeys.revokedBadge')}</span>
                      <div className="muted small nowrap">{format.dateTime(key.revokedAt)}</div>
                    </>
                  ) : (
                    <span className="badge badge-on">{t('apiKeys.active')}</span>
                  )}
                </td>
                <td className="row-actions">
                  {!key.revokedAt && (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        revoke.reset()
                        setRevoking(key)
                      }}
                      aria-label={t('apiKeys.revokeLabel', { name: key.name })}
                    >
                      {t('apiKeys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </SettingsTable>
        )}
      </QueryStates>
      {revoking && (
        <ConfirmDialog
          title={t('apiKeys.revokeTitle', { name: revoking.name })}
          confirmLabel={t('apiKeys.revoke')}
          pending={revoke.isPending}
          error={revoke.isError ? revoke.error.message : null}
          onConfirm={() => revoke.mutate(revoking)}
          onClose={() => setRevoking(null)}
        >
          <p>{t('apiKeys.revokeText', { prefix: revoking.prefix })}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
