// The backtest runs of a version and what can be done with them: start, cancel, read a report, page the
// changed leads. Runs that are still working are polled, so progress moves without a reload.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiProblem, unwrap } from '../../../api/client.ts'
import { isRunWorking, runsOfVersion } from './backtest-run-state.ts'
import type { BacktestReport, BacktestRun, LeadChange } from './backtest-types.ts'

const POLL_MS = 1_500
// A version is backtested a few times, not hundreds: its newest runs are enough to follow.
const RUNS_PAGE = 100
const CHANGED_LEADS_PAGE = 20
// The comparison offers the workspace's newest runs, 50 at a time, older ones on request.
const WORKSPACE_RUNS_PAGE = 50

export function useBacktestRuns(version: number) {
  return useQuery({
    queryKey: ['backtests', version],
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/backtests', { params: { query: { limit: RUNS_PAGE, version } } }),
      )
      return runsOfVersion(page.items, version)
    },
    refetchInterval: (query) => (query.state.data?.some((run) => isRunWorking(run.status)) ? POLL_MS : false),
  })
}

/** A completed run's report; it never changes once stored. */
export function useBacktestReport(id: string) {
  return useQuery({
    queryKey: ['backtest', id],
    queryFn: async () => {
      const run = await unwrap(api.GET('/api/v1/backtests/{id}', { params: { path: { id } } }))
      // The generated type lists `versions` as an array; the core's tuple (candidate, baseline) is the same data.
      return run.report as BacktestReport | null
    },
    staleTime: Infinity,
  })
}

/** The workspace's runs of every version and of documents given as text, newest first, a page at a time. */
export function useWorkspaceRuns() {
  return useInfiniteQuery({
    queryKey: ['backtests', 'workspace'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/backtests', {
          params: { query: { limit: WORKSPACE_RUNS_PAGE, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  })
}

/** One run with its report, by id (a linked comparison may name a run no list page holds). */
export function useBacktestRun(id: string | null) {
  return useQuery({
    queryKey: ['backtest-run', id],
    queryFn: async () => {
      const run = await unwrap(api.GET('/api/v1/backtests/{id}', { params: { path: { id: id! } } }))
      return { ...run, report: run.report as BacktestReport | null }
    },
    enabled: id !== null,
    // An unknown or malformed id answers 404 or 400; asking again will not change that.
    retry: (count, error) => count < 1 && !(error instanceof ApiProblem),
    refetchInterval: (query) => (query.state.data && isRunWorking(query.state.data.status) ? POLL_MS : false),
  })
}

export type StartBacktest = { from: string; to: string; against: 'active' | number }

export function useStartBacktest(version: number, onStarted: (run: BacktestRun) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (asked: StartBacktest) =>
      unwrap(api.POST('/api/v1/backtests', { body: { candidate: { version }, ...asked } })),
    onSuccess: async (run) => {
      onStarted(run)
      await queryClient.invalidateQueries({ queryKey: ['backtests'] })
    },
  })
}

export function useCancelBacktest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/backtests/{id}/cancel', { params: { path: { id } } })),
    // A run that finished meanwhile answers 409; the list shows how it ended either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['backtests'] }),
  })
}

export function useChangedLeads(id: string, change: LeadChange | undefined) {
  return useInfiniteQuery({
    queryKey: ['backtest-changed-leads', id, change ?? 'all'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/backtests/{id}/changed-leads', {
          params: {
            path: { id },
            query: {
              limit: CHANGED_LEADS_PAGE,
              ...(pageParam ? { after: pageParam } : {}),
              ...(change ? { change } : {}),
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
    staleTime: Infinity,
  })
}

/** A changed lead's name and e-mail; the changed-leads page carries only ids. Shares the lead page's cache. */
export function useLeadSummary(id: string) {
  return useQuery({
    queryKey: ['lead', id, 'now'],
    queryFn: () => unwrap(api.GET('/api/v1/leads/{id}', { params: { path: { id } } })),
    staleTime: 60_000,
    // 404: erased, or not the caller's to see; asking again will not change that.
    retry: (count, error) => count < 1 && !(error instanceof ApiProblem),
  })
}
