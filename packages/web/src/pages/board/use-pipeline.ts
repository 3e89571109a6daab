// The board's two reads: counts per stage (GET /pipeline) and the list, page by page (GET /leads),
// under the same filters. While new filters load, the previous answer stays on screen.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import type { paths } from '../../api/openapi'
import { countFiltersOf, type BoardFilters } from './use-board-filters.ts'

export type Pipeline = paths['/api/v1/pipeline']['get']['responses'][200]['content']['application/json']
export type BoardLead =
  paths['/api/v1/leads']['get']['responses'][200]['content']['application/json']['items'][number]

export const PAGE_SIZE = 50

export function usePipelineCounts(filters: BoardFilters) {
  const query = countFiltersOf(filters)
  return useQuery({
    queryKey: ['pipeline', query],
    queryFn: () => unwrap(api.GET('/api/v1/pipeline', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  })
}

export function usePipelineLeads(filters: BoardFilters) {
  const query = {
    ...countFiltersOf(filters),
    ...(filters.stage.length > 0 ? { stage: filters.stage } : {}),
    sort: filters.sort,
    order: filters.order,
    limit: PAGE_SIZE,
  }
  return useInfiniteQuery({
    queryKey: ['pipeline-leads', query],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/leads', {
          params: { query: pageParam ? { ...query, cursor: pageParam } : query },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  })
}
