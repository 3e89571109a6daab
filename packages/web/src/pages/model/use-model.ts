// The predictive score's reads and its one write: the current model with the newest run (polled while a
// run is queued or running, so progress moves and the new figures appear without a reload), one version
// by number, the versions a page at a time, and starting a training run.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiProblem, unwrap } from '../../api/client.ts'
import { isRunWorking, type Target } from './model-figures.ts'

const POLL_MS = 1_500
const RUNS_PAGE = 20

export function useCurrentModel(enabled = true) {
  return useQuery({
    queryKey: ['model', 'current'],
    queryFn: () => unwrap(api.GET('/api/v1/models/current')),
    enabled,
    refetchInterval: (query) => {
      const latest = query.state.data?.latest
      return latest && isRunWorking(latest.status) ? POLL_MS : false
    },
  })
}

/** One version with its figures; a finished one never changes. */
export function useModelVersion(version: number | null) {
  return useQuery({
    queryKey: ['model', 'version', version],
    queryFn: () => unwrap(api.GET('/api/v1/models/{version}', { params: { path: { version: version! } } })),
    enabled: version !== null,
    staleTime: Infinity,
    // An unknown version answers 404; asking again will not change that.
    retry: (count, error) => count < 1 && !(error instanceof ApiProblem),
  })
}

export function useModelRuns() {
  return useInfiniteQuery({
    queryKey: ['model', 'runs'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/models', {
          params: { query: { limit: RUNS_PAGE, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
    refetchInterval: (query) =>
      query.state.data?.pages[0]?.items.some((run) => isRunWorking(run.status)) ? POLL_MS : false,
  })
}

/** Starts a run; a run already waiting is answered instead (`started: false`). */
export function useTrainModel() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (target: Target) => unwrap(api.POST('/api/v1/models', { body: { target } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['model'] }),
  })
}
