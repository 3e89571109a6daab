// People and companies matching what was typed into the command palette (GET /search), once it has two
// characters; while the next answer loads, the previous one stays.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../api/client.ts'
import type { paths } from '../api/openapi'

export type SearchAnswer = paths['/api/v1/search']['get']['responses'][200]['content']['application/json']

export const MIN_SEARCH_LENGTH = 2

export function useGlobalSearch(text: string) {
  const q = text.trim()
  return useQuery({
    queryKey: ['search', q],
    queryFn: () => unwrap(api.GET('/api/v1/search', { params: { query: { q } } })),
    enabled: q.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  })
}
