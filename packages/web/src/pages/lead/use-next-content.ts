// Next best content for a lead marketing nurtures (GET /leads/{id}/recommendations): the items one journey
// stage further on its topics, or why none fit, and whether they may go out by e-mail. Like the prediction
// it describes the lead as it is now.
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import type { paths } from '../../api/openapi'
import { retry } from './use-lead-prediction.ts'

export type NextContent =
  paths['/api/v1/leads/{id}/recommendations']['get']['responses'][200]['content']['application/json']
export type Recommendation = NextContent['items'][number]
export type TopicInterest = NextContent['topics'][number]

export function useNextContent(id: string) {
  return useQuery({
    // Under the lead's key: an action on the lead (recycle, accept) refetches it with the lead.
    queryKey: ['lead', id, 'recommendations'],
    queryFn: () => unwrap(api.GET('/api/v1/leads/{id}/recommendations', { params: { path: { id } } })),
    staleTime: 60_000,
    retry,
  })
}
