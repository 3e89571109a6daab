// Activities, tasks and My work: the queries and the changes, each change refreshing every view that
// shows what it touched (the lead, its timeline, my tasks, the navigation badge).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/client.ts'
import type { paths } from '../api/openapi'

export type Activity =
  paths['/api/v1/leads/{id}/activities']['get']['responses'][200]['content']['application/json']['items'][number]
export type ActivityBody = NonNullable<
  paths['/api/v1/leads/{id}/activities']['post']['requestBody']
>['content']['application/json']
export type Task =
  paths['/api/v1/tasks']['get']['responses'][200]['content']['application/json']['items'][number]
export type MyWork = paths['/api/v1/my-work']['get']['responses'][200]['content']['application/json']
export type MyWorkItem = MyWork['sections']['waiting'][number]

const WORK_KEYS = [['activities'], ['tasks'], ['my-work'], ['lead'], ['inbox']] as const

function useRefreshWork() {
  const queryClient = useQueryClient()
  return () => Promise.all(WORK_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey })))
}

export function useActivities(leadId: string, enabled = true) {
  return useQuery({
    queryKey: ['activities', leadId],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/leads/{id}/activities', { params: { path: { id: leadId } } }))).items,
    enabled,
  })
}

export function useLeadTasks(leadId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['tasks', 'lead', leadId],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/tasks', { params: { query: { leadId, status: 'all', owner: 'all' } } })))
        .items,
  })
}

export function useMyWork(enabled = true) {
  return useQuery({
    queryKey: ['my-work'],
    queryFn: () => unwrap(api.GET('/api/v1/my-work')),
    refetchInterval: 60_000,
    enabled,
  })
}

export function useLogActivity(leadId: string) {
  const refresh = useRefreshWork()
  return useMutation({
    mutationFn: (body: ActivityBody) =>
      unwrap(api.POST('/api/v1/leads/{id}/activities', { params: { path: { id: leadId } }, body })),
    onSettled: refresh,
  })
}

export function useCreateTask() {
  const refresh = useRefreshWork()
  return useMutation({
    mutationFn: (body: { leadId: string; title: string; dueAt: string; ownerId?: string }) =>
      unwrap(api.POST('/api/v1/tasks', { body })),
    onSettled: refresh,
  })
}

export function useSetTaskDone() {
  const refresh = useRefreshWork()
  return useMutation({
    mutationFn: (input: { id: string; done: boolean }) =>
      unwrap(
        api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: input.id } }, body: { done: input.done } }),
      ),
    onSettled: refresh,
  })
}
