// One audit entry: when, who (a person, an API key or the system), what, on which target, and the change
// itself when the entry records one. Ids become names where the admin can know them.
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../hooks/format.ts'
import { actionLabelKey, AUDIT_AREAS, areaOf } from './audit-actions.ts'
import type { paths } from '../../api/openapi'

type Entry =
  paths['/api/v1/audit-log']['get']['responses'][200]['content']['application/json']['items'][number]
export type AuditNames = { users: ReadonlyMap<string, string>; keys: ReadonlyMap<string, string> }

export function AuditRow({
  entry,
  names,
  onTarget,
}: {
  entry: Entry
  names: AuditNames
  onTarget: (target: string) => void
}) {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const area = areaOf(entry.action)
  const known =
    area !== undefined &&
    (AUDIT_AREAS[area] as readonly string[]).includes(entry.action.slice(area.length + 1))
  const actorId = entry.actor.id ?? ''
  const actor =
    entry.actor.type === 'user'
      ? (names.users.get(actorId) ?? t('audit.unknownUser'))
      : entry.actor.type === 'api_key'
        ? t('audit.byKey', { name: names.keys.get(actorId) ?? actorId.slice(0, 8) })
        : t('audit.system')
  const target = entry.target
  const targetName =
    target === null
      ? null
      : area === 'user' || area === 'session'
        ? (names.users.get(target) ?? target)
        : area === 'api_key'
          ? (names.keys.get(target) ?? target)
          : target
  const hasChange = (entry.before ?? null) !== null || (entry.after ?? null) !== null
  return (
    <tr>
      <td className="nowrap">{format.dateTime(entry.at)}</td>
      <td className="nowrap">{actor}</td>
      <td>
        {known && area !== undefined ? t(actionLabelKey(area, entry.action)) : entry.action}
        <div className="muted small">
          <code>{entry.action}</code>
        </div>
      </td>
      <td className="target-cell">
        {target === null ? (
          '–'
        ) : (
          <>
            {area === 'lead' ? (
              <Link to={`/leads/${target}`}>{t('audit.lead')}</Link>
            ) : (
              <span title={target}>{targetName}</span>
            )}
            <button
              type="button"
              className="link-button small only-target"
              onClick={() => onTarget(target)}
              aria-label={t('audit.onlyTargetLabel', { target: targetName })}
            >
              {t('audit.onlyTarget')}
            </button>
          </>
        )}
      </td>
      <td>
        {hasChange ? (
          <details className="audit-change">
            <summary>{t('audit.showChange')}</summary>
            <div className="change-columns">
              <div>
                <h4>{t('audit.before')}</h4>
                <ChangeValue value={entry.before} />
              </div>
              <div>
                <h4>{t('audit.after')}</h4>
                <ChangeValue value={entry.after} />
              </div>
            </div>
          </details>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
    </tr>
  )
}

function ChangeValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <p className="muted">–</p>
  return <pre>{JSON.stringify(value, null, 2)}</pre>
}
