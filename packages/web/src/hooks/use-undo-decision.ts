// Takes back what an action just recorded: a decision (POST …/decisions/{decisionId}/undo) or a logged
// activity (POST …/activities/{activityId}/undo). The server allows
// 60 s; the UI offers 10 s, so a shown "undo" works despite a slow network or a skewed clock.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, ApiProblem, unwrap } from '../api/client.ts'
import type { paths } from '../api/openapi'
import type { Undoable } from './undoable.ts'

export type { Undoable }

/** How long the undo button stays after an action. */
export const UNDO_SECONDS = 10

export type UndoResult =
  paths['/api/v1/leads/{id}/decisions/{decisionId}/undo']['post']['responses'][200]['content']['application/json']

const KNOWN = new Set([
  'UNDO_WINDOW_PASSED',
  'DECISION_NOT_LATEST',
  'DECISION_ALREADY_UNDONE',
  'DECISION_NOT_YOURS',
  'DECISION_NOT_FOUND',
])

export function useUndoDecision(on: {
  success: (result: { stage: UndoResult['stage'] }, undone: Undoable) => void
  error: (message: string) => void
}) {
  const { t } = useTranslation('actions')
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (undoable: Undoable): Promise<{ stage: UndoResult['stage'] }> =>
      undoable.activityId === undefined
        ? unwrap(
            api.POST('/api/v1/leads/{id}/decisions/{decisionId}/undo', {
              params: { path: { id: undoable.leadId, decisionId: undoable.decisionId } },
            }),
          )
        : unwrap(
            api.POST('/api/v1/leads/{id}/activities/{activityId}/undo', {
              params: { path: { id: undoable.leadId, activityId: undoable.activityId } },
            }),
          ),
    onSuccess: on.success,
    onError: (error) =>
      on.error(
        error instanceof ApiProblem && KNOWN.has(error.code)
          ? t(`undo.problem.${error.code}`)
          : t('undo.problem.other', { detail: (error as Error).message }),
      ),
    // Whatever the answer, every view of the lead shows what it is now.
    onSettled: async (_result, _error, { leadId }) => {
      await Promise.all(
        [
          ['lead', leadId],
          ['inbox'],
          ['team-queues'],
          ['leads'],
          ['pipeline'],
          ['activities'],
          ['my-work'],
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      )
    },
  })
}
