// The content-gaps report's reads: its period, kept in the URL as every report keeps it, and the report
// for it (GET /reports/content-gaps), with the period spelled out from the workspace's today.
import { useCallback, useContext, useMemo } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { api, unwrap } from '../../../api/client.ts'
import { WorkspaceTimeZone } from '../../../hooks/format.ts'
import {
  periodDays,
  readReportPeriod,
  todayIn,
  writeReportFilters,
  type ReportPeriod,
} from '../report-query.ts'

export function useReportPeriod() {
  const [params, setParams] = useSearchParams()
  const period = useMemo(() => readReportPeriod(params), [params])
  // Replacing, not pushing: each choice is not a step the back button should retrace.
  const update = useCallback(
    (next: ReportPeriod) => setParams(writeReportFilters({ period: next }), { replace: true }),
    [setParams],
  )
  return { period, update }
}

export function useContentGaps(period: ReportPeriod) {
  const timeZone = useContext(WorkspaceTimeZone)
  const query = periodDays(period, todayIn(timeZone, new Date()))
  return useQuery({
    queryKey: ['report', 'content-gaps', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/content-gaps', { params: { query } })),
    placeholderData: keepPreviousData,
  })
}
