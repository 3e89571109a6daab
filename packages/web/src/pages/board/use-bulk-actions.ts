// The table's bulk actions: one request for the selected leads (POST /leads/bulk-actions), answered
// per lead. Afterwards the list and the counts are read again, since stages and owners changed.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import type { paths } from '../../api/openapi'

type BulkRequest = NonNullable<
  paths['/api/v1/leads/bulk-actions']['post']['requestBody']
>['content']['application/json']
export type BulkCommand = BulkRequest['command']
export type BulkAnswer =
  paths['/api/v1/leads/bulk-actions']['post']['responses'][200]['content']['application/json']

export function useBulkAction(onAnswer: (answer: BulkAnswer) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: BulkRequest) => unwrap(api.POST('/api/v1/leads/bulk-actions', { body: request })),
    onSuccess: (answer) => {
      onAnswer(answer)
      void queryClient.invalidateQueries({ queryKey: ['pipeline'] })
      void queryClient.invalidateQueries({ queryKey: ['pipeline-leads'] })
      void queryClient.invalidateQueries({ queryKey: ['deal-board'] })
    },
  })
}
