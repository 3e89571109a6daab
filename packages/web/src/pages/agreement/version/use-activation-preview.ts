// What activating a version would change now: leads that become MQL at once or stop being MQL, examples,
// the load per rep after routing the new MQLs, and those no rep could take. Computed by the server on
// request (it folds every lead on), so only while the confirmation is open.
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../../api/client.ts'
import type { paths } from '../../../api/openapi'

export type ActivationPreview =
  paths['/api/v1/agreement/versions/{version}/activation-preview']['get']['responses'][200]['content']['application/json']

export function useActivationPreview(version: number, enabled: boolean) {
  return useQuery({
    queryKey: ['activation-preview', version],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/agreement/versions/{version}/activation-preview', {
          params: { path: { version } },
          signal,
        }),
      ),
    enabled,
    retry: false,
    // What activation changes moves with every touchpoint: ask again each time the dialog opens.
    staleTime: 0,
    gcTime: 0,
  })
}
