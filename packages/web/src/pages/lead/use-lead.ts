// The lead as it stands (or stood at `asOf`) and the actions on it. After an action every view that shows
// the lead refetches: this page, the inbox, the team queues and the pipeline.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiProblem, unwrap } from '../../api/client.ts'
import type { ActionBody, Stage } from './lead-types.ts'

export function useLead(id: string, asOf: string | null) {
  return useQuery({
    queryKey: ['lead', id, asOf ?? 'now'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/leads/{id}', { params: { path: { id }, query: asOf ? { asOf } : {} } })),
    // A past state never changes; the present one does (SLA clock, decay, other people's actions).
    staleTime: asOf ? Infinity : 15_000,
    refetchInterval: asOf ? false : 60_000,
    // 404 means not there or not yours; asking again will not change that.
    retry: (count, error) => count < 1 && !(error instanceof ApiProblem),
  })
}

type ActionResult = { stage: Stage; decisionId: string }

/**
 * The callbacks go to the mutation itself, not to `mutate`: the form that sent an action is often gone
 * (its stage is over) by the time the answer arrives, and `mutate`'s callbacks would then never run.
 */
export function useLeadAction(
  id: string,
  on: { success: (result: ActionResult, body: ActionBody) => void; error: (error: unknown) => void },
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ActionBody) =>
      unwrap(api.POST('/api/v1/leads/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: on.success,
    onError: on.error,
    onSettled: async () => {
      // A refused action (409) also means the lead changed under us: show its present state.
      await Promise.all(
        [['lead', id], ['inbox'], ['team-queues'], ['leads'], ['pipeline']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      )
    },
  })
}
