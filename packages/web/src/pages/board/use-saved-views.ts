// Saved views: the board's filters under a name, personal or shared with the workspace (GET/POST/PATCH/
// DELETE /views). A view holds the same parameters the board writes into its URL.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import type { SavedView, ViewFilters } from './saved-view-filters.ts'

export type { SavedView }

export function useSavedViews() {
  return useQuery({
    queryKey: ['views'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/views'))).items,
    staleTime: 60_000,
  })
}

export function useSaveView() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { name: string; shared: boolean; filters: ViewFilters }) =>
      unwrap(api.POST('/api/v1/views', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['views'] }),
  })
}

export function useDeleteView() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/views/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['views'] }),
  })
}
