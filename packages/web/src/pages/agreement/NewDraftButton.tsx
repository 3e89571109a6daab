// "Neuer Entwurf": a draft as a copy of the version in force (or, in a workspace without one, a stub to
// write the first version in), opened on its own page, where it is edited, proposed and approved.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { api, unwrap } from '../../api/client.ts'
import { useGovernanceProblem } from './version/governance-problems.ts'
import { versionKeys } from './version/use-version.ts'

// Saved with its errors (a draft may be invalid); the form and the YAML editor say what is missing.
const FIRST_DRAFT = 'name: { de: Qualifizierungsvereinbarung, en: Qualification agreement }\n'

export function NewDraftButton({ activeVersion }: { activeVersion: number | null }) {
  const { t } = useTranslation('governance')
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const problemText = useGovernanceProblem()
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        activeVersion === null
          ? api.POST('/api/v1/agreement/drafts', { body: { source: FIRST_DRAFT } })
          : api.POST('/api/v1/agreement/drafts', { body: { copyOf: activeVersion } }),
      ),
    onSuccess: async (draft) => {
      await queryClient.invalidateQueries({ queryKey: versionKeys.list })
      void navigate(`/agreement/versions/${draft.version}`)
    },
  })
  return (
    <div className="new-draft">
      <button
        type="button"
        className="primary"
        onClick={() => create.mutate()}
        disabled={create.isPending}
        aria-describedby="new-draft-help"
      >
        {create.isPending ? t('newDraft.busy') : t('newDraft.button')}
      </button>
      <p id="new-draft-help" className="muted">
        {activeVersion === null ? t('newDraft.helpFirst') : t('newDraft.help', { version: activeVersion })}
      </p>
      {create.error !== null && (
        <p className="error" role="alert">
          {problemText(create.error)}
        </p>
      )}
    </div>
  )
}
