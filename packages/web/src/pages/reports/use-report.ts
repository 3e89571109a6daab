// A report's reads: the report itself for the filters in the URL (GET /reports/{name}), and what its
// filters offer (agreement versions, reps). The period is spelled out from the workspace's today, so the
// screen, its CSV and a copied link all ask for the same days.
import { useCallback, useContext, useMemo } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { api, unwrap } from '../../api/client.ts'
import { WorkspaceTimeZone } from '../../hooks/format.ts'
import {
  readReportFilters,
  reportApiQuery,
  todayIn,
  writeReportFilters,
  type Report,
  type ReportFilters,
  type ReportName,
} from './report-query.ts'

export function useReportFilters(name: ReportName) {
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => readReportFilters(name, params), [name, params])
  // Replacing, not pushing: each choice is not a step the back button should retrace.
  const update = useCallback(
    (change: Partial<ReportFilters>) =>
      setParams(
        (current) => {
          const next: ReportFilters = { ...readReportFilters(name, current), ...change }
          for (const key of Object.keys(change) as Array<keyof ReportFilters>) {
            if (change[key] === undefined) delete next[key]
          }
          return writeReportFilters(next)
        },
        { replace: true },
      ),
    [name, setParams],
  )
  return { filters, update }
}

export function useReport(name: ReportName, filters: ReportFilters) {
  const timeZone = useContext(WorkspaceTimeZone)
  const query = reportApiQuery(filters, todayIn(timeZone, new Date()))
  const report = useQuery({
    queryKey: ['report', name, query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/{name}', { params: { path: { name }, query } })),
    placeholderData: keepPreviousData,
  })
  // A report of another name answers while the new one loads: never shown as this one.
  const data = report.data?.name === name ? (report.data as Report) : undefined
  return { ...report, data, query }
}

export function useAgreementVersions() {
  return useQuery({
    queryKey: ['agreement-versions'],
    queryFn: () => unwrap(api.GET('/api/v1/agreement/versions')),
    staleTime: 60_000,
  })
}

export function useReps() {
  return useQuery({ queryKey: ['reps'], queryFn: () => unwrap(api.GET('/api/v1/reps')) })
}
