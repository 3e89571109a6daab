// Why a step is not possible now, under the buttons, each line tied to its button (aria-describedby).
import { useTranslation } from 'react-i18next'
import type { ActionState } from './version-actions.ts'

export function BlockedReasons({ actions }: { actions: readonly ActionState[] }) {
  const { t } = useTranslation('governance')
  const blocked = actions.filter((action) => action.blocked)
  if (blocked.length === 0) return null
  return (
    <ul className="action-blocked muted">
      {blocked.map(({ action, blocked: reason }) => (
        <li key={action} id={`blocked-${action}`}>
          {t(`action.${action}`)}: {t(`blocked.${reason}`)}
        </li>
      ))}
    </ul>
  )
}
