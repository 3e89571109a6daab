// One version's data for its page: the version as the app reads versions (names in both languages), its
// governance (state, approvals, errors, every review step) and the workspace's approval setting.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../api/client.ts'
import type { paths } from '../../../api/openapi'

export type Governed =
  paths['/api/v1/agreement/versions/{version}/reviews']['get']['responses'][200]['content']['application/json']
export type GovernedVersion = Governed['version']

export const versionKeys = {
  version: (version: number) => ['agreement-version', version] as const,
  reviews: (version: number) => ['agreement-reviews', version] as const,
  diff: (version: number) => ['agreement-diff', version] as const,
  list: ['agreement-versions'] as const,
  governance: ['governance-settings'] as const,
}

export function useVersion(version: number) {
  return useQuery({
    queryKey: versionKeys.version(version),
    queryFn: () => unwrap(api.GET('/api/v1/agreement/versions/{version}', { params: { path: { version } } })),
  })
}

export function useReviews(version: number) {
  return useQuery({
    queryKey: versionKeys.reviews(version),
    queryFn: () =>
      unwrap(api.GET('/api/v1/agreement/versions/{version}/reviews', { params: { path: { version } } })),
  })
}

export function useGovernanceSettings() {
  return useQuery({
    queryKey: versionKeys.governance,
    queryFn: () => unwrap(api.GET('/api/v1/settings/governance')),
    staleTime: 60_000,
  })
}

/** After a step: this version, the list and (when something went live) everything that depends on it. */
export function useRefreshAfterStep() {
  const queryClient = useQueryClient()
  return async (version: number, wentLive: boolean) => {
    if (wentLive) {
      // Every lead was re-scored under the new version: refresh everything, not only these screens.
      await queryClient.invalidateQueries()
      return
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: versionKeys.version(version) }),
      queryClient.invalidateQueries({ queryKey: versionKeys.reviews(version) }),
      queryClient.invalidateQueries({ queryKey: versionKeys.diff(version) }),
      queryClient.invalidateQueries({ queryKey: versionKeys.list }),
    ])
  }
}

/** The draft text as YAML, as the old editor sent it: the server locates errors by line only for text. */
export function saveDraftText(version: number, source: string) {
  return unwrap(
    api.PUT('/api/v1/agreement/versions/{version}', {
      params: { path: { version } },
      body: source,
      bodySerializer: (body) => body as string,
      headers: { 'Content-Type': 'application/yaml' },
    }),
  )
}
