// Background jobs for the Jobs view: the list (refreshed while the screen is open) and the two commands,
// with the server's refusals put into words.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../../api/client.ts'
import { isProblem } from './FormField.tsx'
import type { paths } from '../../api/openapi'
import type { Notice } from './Notice.tsx'

export type Job =
  paths['/api/v1/admin/jobs']['get']['responses'][200]['content']['application/json']['items'][number]
export type JobState = Job['state']

export const JOB_STATES = [
  'active',
  'failed',
  'retry',
  'created',
  'completed',
  'cancelled',
] as const satisfies readonly JobState[]
export const JOBS_KEY = ['settings', 'jobs'] as const
const REFRESH_MS = 5_000

export function useJobs(state: JobState | undefined) {
  return useQuery({
    queryKey: [...JOBS_KEY, state ?? 'all'],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/admin/jobs', { params: { query: { limit: 100, ...(state ? { state } : {}) } } }),
        )
      ).items,
    refetchInterval: REFRESH_MS,
  })
}

export function useJobCommand(command: 'retry' | 'cancel', onNotice: (notice: Notice) => void) {
  const { t } = useTranslation('settings')
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        command === 'retry'
          ? api.POST('/api/v1/admin/jobs/{id}/retry', { params: { path: { id } } })
          : api.POST('/api/v1/admin/jobs/{id}/cancel', { params: { path: { id } } }),
      ),
    onSuccess: () => onNotice({ kind: 'ok', text: t(`jobs.${command}Done`) }),
    onError: (error) =>
      onNotice({
        kind: 'error',
        text:
          isProblem(error, 409, 'JOB_NOT_RETRYABLE') || isProblem(error, 409, 'JOB_NOT_CANCELLABLE')
            ? t(`jobs.${command}Refused`)
            : isProblem(error, 404)
              ? t('jobs.gone')
              : error.message,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: JOBS_KEY }),
  })
}
