// The lead's predicted conversion (GET /leads/{id}/prediction), from the current model. It describes the
// lead as it is now (or was at its hand-off), so the page leaves it out when it shows a past state.
import { useQuery } from '@tanstack/react-query'
import { api, ApiProblem, unwrap } from '../../api/client.ts'
import type { paths } from '../../api/openapi'

export type LeadPrediction =
  paths['/api/v1/leads/{id}/prediction']['get']['responses'][200]['content']['application/json']
export type Factor = LeadPrediction['factors']['positive'][number]

// 404 means not there or not the viewer's; asking again will not change that.
export const retry = (count: number, error: unknown) => count < 1 && !(error instanceof ApiProblem)

export function useLeadPrediction(id: string) {
  return useQuery({
    // Under the lead's key: an action on the lead refetches it with the lead (use-lead.ts).
    queryKey: ['lead', id, 'prediction'],
    queryFn: () => unwrap(api.GET('/api/v1/leads/{id}/prediction', { params: { path: { id } } })),
    staleTime: 60_000,
    retry,
  })
}
