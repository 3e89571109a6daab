// How much in My work needs the signed-in person now (waiting MQLs, leads gone quiet, tasks due today),
// beside "My work" in the navigation; described for screen readers as the inbox count is.
import { useTranslation } from 'react-i18next'
import { useMyWork } from '../hooks/use-lead-work.ts'

export const MY_WORK_COUNT_ID = 'my-work-count'

export function MyWorkCount() {
  const { t } = useTranslation('work')
  const work = useMyWork()
  const count = work.data?.counts.attention ?? 0
  if (count === 0) return null
  return (
    <>
      <span className="nav-count" aria-hidden="true" data-testid="my-work-count">
        {count}
      </span>
      <span id={MY_WORK_COUNT_ID} hidden>
        {t('navCount', { count })}
      </span>
    </>
  )
}
