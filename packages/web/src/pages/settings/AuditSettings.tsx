// The audit log: every change by a person or an API key, newest first, filtered by area or action, by
// who did it and by target, a page at a time.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import { QueryStates } from '../../components/States.tsx'
import { SettingsTable } from './SettingsTable.tsx'
import { useUsers } from './useUsers.ts'
import { API_KEYS_KEY } from './ApiKeysSettings.tsx'
import { AUDIT_AREAS, type AuditArea } from './audit-actions.ts'
import { AuditRow, type AuditNames } from './AuditRow.tsx'

const PAGE = 50
type Filters = { action: string; actorId: string; target: string }
const NO_FILTERS: Filters = { action: '', actorId: '', target: '' }

export function AuditSettings() {
  const { t } = useTranslation('settings')
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [targetDraft, setTargetDraft] = useState('')
  // Cursors of the pages seen so far; the last one is the page shown (undefined: the newest).
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined])
  const before = cursors.at(-1)
  const users = useUsers()
  const keys = useQuery({ queryKey: API_KEYS_KEY, queryFn: () => unwrap(api.GET('/api/v1/api-keys')) })
  const log = useQuery({
    queryKey: ['settings', 'audit-log', filters, before],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/audit-log', {
          params: {
            query: {
              limit: PAGE,
              ...(filters.action ? { action: filters.action } : {}),
              ...(filters.actorId ? { actorId: filters.actorId } : {}),
              ...(filters.target ? { target: filters.target } : {}),
              ...(before === undefined ? {} : { before }),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  })
  const apply = (next: Partial<Filters>) => {
    setFilters({ ...filters, ...next })
    setCursors([undefined])
  }
  const turn = (next: Array<number | undefined>) => {
    setCursors(next)
    document.getElementById('audit-title')?.scrollIntoView({ block: 'start' })
  }
  const submitTarget = (event: FormEvent) => {
    event.preventDefault()
    apply({ target: targetDraft.trim() })
  }
  const names: AuditNames = {
    users: new Map(users.data?.map((user) => [user.id, user.name])),
    keys: new Map(keys.data?.map((key) => [key.id, key.name])),
  }
  const filtered = filters.action || filters.actorId || filters.target

  return (
    <section className="settings-screen" aria-labelledby="audit-title">
      <div className="screen-head">
        <div>
          <h2 id="audit-title">{t('audit.title')}</h2>
          <p className="muted">{t('audit.intro')}</p>
        </div>
      </div>
      <form className="filters" role="search" onSubmit={submitTarget} aria-label={t('audit.filters')}>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select
            id="audit-action"
            value={filters.action}
            onChange={(event) => apply({ action: event.target.value })}
          >
            <option value="">{t('audit.allActions')}</option>
            {(Object.keys(AUDIT_AREAS) as AuditArea[]).map((area) => (
              <optgroup key={area} label={t(`audit.areas.${area}`)}>
                <option value={`${area}.`}>{t('audit.wholeArea', { area: t(`audit.areas.${area}`) })}</option>
                {AUDIT_AREAS[area].map((action) => (
                  <option key={action} value={`${area}.${action}`}>
                    {t(`audit.actions.${area}.${action}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t('audit.actor')}</label>
          <select
            id="audit-actor"
            value={filters.actorId}
            onChange={(event) => apply({ actorId: event.target.value })}
          >
            <option value="">{t('audit.allActors')}</option>
            <optgroup label={t('audit.people')}>
              {users.data?.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('audit.apiKeys')}>
              {keys.data?.map((key) => (
                <option key={key.id} value={key.id}>
                  {key.name}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-target">{t('audit.target')}</label>
          <input
            id="audit-target"
            value={targetDraft}
            spellCheck={false}
            placeholder={t('audit.targetPlaceholder')}
            onChange={(event) => setTargetDraft(event.target.value)}
          />
        </div>
        <button type="submit">{t('audit.apply')}</button>
        <button
          type="button"
          className="link-button"
          disabled={!filtered}
          onClick={() => {
            setTargetDraft('')
            apply(NO_FILTERS)
          }}
        >
          {t('audit.reset')}
        </button>
      </form>
      <QueryStates
        query={log}
        rows={8}
        empty={filtered ? t('audit.emptyFiltered') : t('audit.empty')}
        isEmpty={(data) => data.items.length === 0}
      >
        {(data) => (
          <>
            <SettingsTable
              testId="audit-table"
              stale={log.isPlaceholderData}
              busy={log.isFetching}
              columns={[
                t('audit.at'),
                t('audit.actor'),
                t('audit.action'),
                t('audit.target'),
                t('audit.change'),
              ]}
            >
              {data.items.map((entry) => (
                <AuditRow
                  key={entry.id}
                  entry={entry}
                  names={names}
                  onTarget={(target) => {
                    setTargetDraft(target)
                    apply({ target })
                  }}
                />
              ))}
            </SettingsTable>
            <nav className="pager" aria-label={t('audit.paging')}>
              <button type="button" disabled={cursors.length <= 1} onClick={() => turn(cursors.slice(0, -1))}>
                ← {t('audit.newer')}
              </button>
              <span className="muted">{t('audit.page', { page: cursors.length })}</span>
              <button
                type="button"
                disabled={data.nextBefore === null || log.isPlaceholderData}
                onClick={() => turn([...cursors, data.nextBefore ?? undefined])}
              >
                {t('audit.older')} →
              </button>
            </nav>
          </>
        )}
      </QueryStates>
    </section>
  )
}
