// Who did something, as the governance screens name people: "you" for the signed-in person, the system
// for setup and API keys (no person), a neutral word when the name is not known here.
import { useTranslation } from 'react-i18next'
import { useSession } from '../../../session/session.tsx'

export function usePersonName() {
  const { t } = useTranslation('governance')
  const session = useSession()
  return (id: string | null, name: string | null | undefined) =>
    id === null
      ? t('person.system')
      : id === session.user.id
        ? t('person.you', { name: session.user.name })
        : (name ?? t('person.someone'))
}
