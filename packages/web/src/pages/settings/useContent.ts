// The content catalog: what marketing publishes, with its buyer-journey stage and topics. Scoring and
// next-best-content read it; events refer to items by id (contentId).
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../../api/client.ts'
import type { paths } from '../../api/openapi'

export type ContentItem =
  paths['/api/v1/content']['get']['responses'][200]['content']['application/json'][number]
export type JourneyStage = NonNullable<ContentItem['journeyStage']>
export const JOURNEY_STAGES = [
  'orientation',
  'consideration',
  'decision',
] as const satisfies readonly JourneyStage[]
export const KNOWN_KINDS = [
  'page',
  'product_page',
  'blog_post',
  'whitepaper',
  'ebook',
  'case_study',
  'webinar',
  'newsletter',
  'tool',
  'form',
] as const
export const CONTENT_KEY = ['content'] as const
export const CONTENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/

export function useContent() {
  return useQuery({
    queryKey: CONTENT_KEY,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/content'))).toSorted((a, b) => a.title.localeCompare(b.title, 'de')),
  })
}

/** A kind's name in the UI's language; kinds the UI does not know keep their id. */
export function useKindLabel() {
  const { t } = useTranslation('settings')
  return (kind: string) => t(`content.kinds.${kind}`, { defaultValue: kind })
}
