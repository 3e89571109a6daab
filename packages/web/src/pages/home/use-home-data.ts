// The home pages' reads: a report of GET /reports/{name}, typed by its name, and the people the SLA
// report names. Reports refresh every few minutes: they count whole days, so a home left open stays true.
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import type { paths } from '../../api/openapi'
import type { ReportName, ReportOf } from './home-figures.ts'

export type ReportQuery = NonNullable<paths['/api/v1/reports/{name}']['get']['parameters']['query']>

export function useReport<N extends ReportName>(name: N, query: ReportQuery = {}, enabled = true) {
  return useQuery({
    queryKey: ['report', name, query],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/reports/{name}', { params: { path: { name }, query } }))) as ReportOf<N>,
    enabled,
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  })
}

/** Reps' names by user id (GET /reps, readable by everyone who reads the workspace). */
export function useRepNames() {
  return useQuery({
    queryKey: ['reps'],
    queryFn: async () =>
      new Map((await unwrap(api.GET('/api/v1/reps'))).items.map((rep) => [rep.id, rep.name] as const)),
    staleTime: 5 * 60_000,
  })
}
