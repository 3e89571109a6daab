// The deal board's reads and its one write: open deals by deal stage (GET /pipeline/deals) under the
// board's filters, and moving a deal (the same lead action the lead page uses, move_deal).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import type { paths } from '../../api/openapi'
import { countFiltersOf, type BoardFilters } from './use-board-filters.ts'

export type DealBoard =
  paths['/api/v1/pipeline/deals']['get']['responses'][200]['content']['application/json']
export type DealCard = DealBoard['deals'][number]
export type DealColumn = DealBoard['columns'][number]

export function useDealBoard(filters: BoardFilters) {
  const query = countFiltersOf(filters)
  return useQuery({
    queryKey: ['deal-board', query],
    queryFn: () => unwrap(api.GET('/api/v1/pipeline/deals', { params: { query } })),
    placeholderData: keepPreviousData,
  })
}

export function useMoveDeal() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ leadId, dealStage }: { leadId: string; dealStage: string }) =>
      unwrap(
        api.POST('/api/v1/leads/{id}/actions', {
          params: { path: { id: leadId } },
          body: { action: 'move_deal', dealStage },
        }),
      ),
    // Shown at once in its new column; the answer (or a refusal) brings the board back in line.
    onMutate: async ({ leadId, dealStage }) => {
      await queryClient.cancelQueries({ queryKey: ['deal-board'] })
      const before = queryClient.getQueriesData<DealBoard>({ queryKey: ['deal-board'] })
      queryClient.setQueriesData<DealBoard>(
        { queryKey: ['deal-board'] },
        (board) =>
          board && {
            ...board,
            deals: board.deals.map((deal) => (deal.leadId === leadId ? { ...deal, dealStage } : deal)),
          },
      )
      return { before }
    },
    onError: (_error, _move, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['deal-board'] }),
  })
}
