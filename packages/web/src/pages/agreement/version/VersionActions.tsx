// The governance steps the viewer may take on this version now, each button saying why when it is
// blocked; every step confirms in a dialog, and what the API refuses is shown in words.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { api, ApiProblem, unwrap } from '../../../api/client.ts'
import { BlockedReasons } from './BlockedReasons.tsx'
import { ActivateDialog } from './ActivateDialog.tsx'
import { StepDialog, type StepChoice } from './StepDialog.tsx'
import { useGovernanceProblem } from './governance-problems.ts'
import { useRefreshAfterStep, versionKeys } from './use-version.ts'
import type { ActionState, ApprovalSide, VersionAction } from './version-actions.ts'

type Step = 'propose' | 'approve' | 'requestChanges' | 'withdraw' | 'activate'
const PRIMARY = new Set<VersionAction>(['propose', 'approve', 'activate'])

export function VersionActions(props: {
  version: number
  actions: readonly ActionState[]
  /** the sides the viewer may still approve for */
  openSides: readonly ApprovalSide[]
  activeVersion: number | null
  singleParty: boolean
  /** why a viewer without steps has none, by the version's state */
  readerNote: 'draft' | 'inReview' | undefined
  onDone: (message: string) => void
}) {
  const { t } = useTranslation('governance')
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const refresh = useRefreshAfterStep()
  const problemText = useGovernanceProblem()
  const [open, setOpen] = useState<Step | null>(null)
  const shown = props.actions.filter((action) => action.action !== 'save')

  const step = useMutation({
    mutationFn: ({ kind, choice }: { kind: Step; choice: StepChoice }) => {
      const path = { version: props.version }
      const body = choice.comment ? { comment: choice.comment } : {}
      switch (kind) {
        case 'approve':
          return unwrap(
            api.POST('/api/v1/agreement/versions/{version}/approve', { params: { path }, body: choice }),
          )
        case 'requestChanges':
          return unwrap(
            api.POST('/api/v1/agreement/versions/{version}/request-changes', {
              params: { path },
              body: { comment: choice.comment ?? '' },
            }),
          )
        case 'propose':
          return unwrap(api.POST('/api/v1/agreement/versions/{version}/propose', { params: { path }, body }))
        case 'withdraw':
          return unwrap(api.POST('/api/v1/agreement/versions/{version}/withdraw', { params: { path }, body }))
        case 'activate':
          return unwrap(api.POST('/api/v1/agreement/versions/{version}/activate', { params: { path }, body }))
      }
    },
    onSuccess: async (_governed, { kind }) => {
      setOpen(null)
      props.onDone(t(`done.${kind}`, { version: props.version }))
      await refresh(props.version, kind === 'activate')
    },
    // Refused because the version moved on (someone approved, sent it back, activated another): the
    // dialog says so in words, and the page behind it shows where the version stands now.
    onError: async (error) => {
      if (error instanceof ApiProblem && error.status === 409) await refresh(props.version, false)
    },
  })

  const copy = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/agreement/drafts', { body: { copyOf: props.version } })),
    onSuccess: async (draft) => {
      await queryClient.invalidateQueries({ queryKey: versionKeys.list })
      void navigate(`/agreement/versions/${draft.version}`)
    },
  })

  const choose = (action: VersionAction) => {
    if (action === 'copy') return copy.mutate()
    if (action === 'save') return
    step.reset()
    setOpen(action)
  }
  const problem = step.error ? problemText(step.error) : null

  // Nothing to do here for this viewer: say who takes the next step instead of showing nothing.
  if (shown.length === 0) {
    return props.readerNote ? (
      <p className="muted" data-testid="version-reader-note">
        {t(`note.${props.readerNote}`)}
      </p>
    ) : null
  }
  return (
    <section className="card version-actions" aria-labelledby="version-actions-title">
      <h2 id="version-actions-title" className="visually-hidden">
        {t('actions')}
      </h2>
      <div className="editor-actions">
        {shown.map(({ action, blocked }) => (
          <button
            key={action}
            type="button"
            data-action={action}
            className={PRIMARY.has(action) ? 'primary' : action === 'withdraw' ? 'danger' : undefined}
            disabled={blocked !== undefined || step.isPending || copy.isPending}
            aria-describedby={blocked ? `blocked-${action}` : undefined}
            onClick={() => choose(action)}
          >
            {t(`action.${action}`)}
          </button>
        ))}
      </div>
      <BlockedReasons actions={shown} />
      {copy.error !== null && (
        <p className="error" role="alert">
          {problemText(copy.error)}
        </p>
      )}
      {open === 'activate' ? (
        <ActivateDialog
          version={props.version}
          activeVersion={props.activeVersion}
          singleParty={props.singleParty}
          busy={step.isPending}
          problem={problem}
          onConfirm={() => step.mutate({ kind: 'activate', choice: {} })}
          onCancel={() => setOpen(null)}
        />
      ) : (
        open && (
          <StepDialog
            step={open}
            version={props.version}
            sides={open === 'approve' ? props.openSides : []}
            pending={step.isPending}
            problem={problem}
            onConfirm={(choice) => step.mutate({ kind: open, choice })}
            onCancel={() => setOpen(null)}
          />
        )
      )}
    </section>
  )
}
