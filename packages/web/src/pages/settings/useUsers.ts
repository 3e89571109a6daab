// The workspace's users, shared by the users screen and the audit log (which names who did what).
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api/client.ts'
import type { paths } from '../../api/openapi'

export type User = paths['/api/v1/users']['get']['responses'][200]['content']['application/json'][number]
export type UserChanges = NonNullable<
  paths['/api/v1/users/{id}']['patch']['requestBody']
>['content']['application/json']
export const USERS_KEY = ['settings', 'users'] as const

export function useUsers() {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/users'))).toSorted((a, b) => a.name.localeCompare(b.name, 'de')),
  })
}
