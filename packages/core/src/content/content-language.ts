// Which language a content item is written in, and which one a lead reads. Languages are ISO 639-1
// codes in lower case ('de', 'en', 'fr', …); a catalog item without one (null) suits every reader.
import type { LeadProfile } from '../lead/lead-profile.ts'
import type { CatalogItem, ContentTouchpoint } from './next-best-content.ts'
import { isEngagement } from './topic-interest.ts'

/** An ISO 639-1 code in lower case, as the content API stores it. */
export const CONTENT_LANGUAGE_PATTERN = '^[a-z]{2}$'
const LANGUAGE = new RegExp(CONTENT_LANGUAGE_PATTERN)

/** Where the lead's language was read from, most explicit first. */
export const LANGUAGE_SOURCES = ['request', 'lead_field', 'content', 'country', 'unknown'] as const
export type LanguageSource = (typeof LANGUAGE_SOURCES)[number]

/** null with `unknown`: nothing tells, so content in every language may be offered. */
export type LeadLanguage = { language: string | null; source: LanguageSource }

// Only where one language is what a B2B reader there expects; elsewhere the country says nothing.
// Switzerland counts as German: the DACH vendors this serves write their Swiss content in German.
const LANGUAGE_OF_COUNTRY: Readonly<Record<string, string>> = {
  DE: 'de',
  AT: 'de',
  CH: 'de',
  LI: 'de',
  GB: 'en',
  IE: 'en',
  US: 'en',
  AU: 'en',
  NZ: 'en',
  FR: 'fr',
  IT: 'it',
  ES: 'es',
  NL: 'nl',
}

/** 'de', 'DE', 'de-DE' and 'de_AT' all read 'de'; anything else is no language. */
export function normalizeLanguage(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const code = value.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  return LANGUAGE.test(code) ? code : null
}

/**
 * The language to recommend content in: the one asked for, else the lead's own field
 * (`custom.language` or `custom.locale`), else the language of the content it engaged with most
 * (ties: the most recent), else its country's (person first, then company), else unknown.
 *
 * @example
 * leadLanguage({ profile: { email: 'a@b.de', country: 'AT' }, touchpoints: [], catalog: [] })
 * // { language: 'de', source: 'country' }
 */
export function leadLanguage(input: {
  requested?: string | null
  profile: Pick<LeadProfile, 'country' | 'company' | 'custom'>
  touchpoints: readonly ContentTouchpoint[]
  catalog: readonly CatalogItem[]
}): LeadLanguage {
  const requested = normalizeLanguage(input.requested)
  if (requested) return { language: requested, source: 'request' }
  const custom = input.profile.custom ?? {}
  const field = normalizeLanguage(custom.language) ?? normalizeLanguage(custom.locale)
  if (field) return { language: field, source: 'lead_field' }
  const read = languageOfConsumedContent(input.touchpoints, input.catalog)
  if (read) return { language: read, source: 'content' }
  const country = (input.profile.country ?? input.profile.company?.country)?.toUpperCase()
  const spoken = country === undefined ? undefined : LANGUAGE_OF_COUNTRY[country]
  if (spoken) return { language: spoken, source: 'country' }
  return { language: null, source: 'unknown' }
}

function languageOfConsumedContent(
  touchpoints: readonly ContentTouchpoint[],
  catalog: readonly CatalogItem[],
): string | null {
  const languageOf = new Map(catalog.map((item) => [item.id, item.language ?? null]))
  const seen = new Map<string, { count: number; lastAt: number }>()
  for (const touchpoint of touchpoints) {
    if (!isEngagement(touchpoint) || touchpoint.contentId === undefined) continue
    const language = languageOf.get(touchpoint.contentId)
    if (!language) continue
    const entry = seen.get(language) ?? { count: 0, lastAt: -Infinity }
    seen.set(language, { count: entry.count + 1, lastAt: Math.max(entry.lastAt, touchpoint.occurredAt) })
  }
  let best: [string, { count: number; lastAt: number }] | undefined
  for (const entry of seen) {
    const [, figures] = entry
    if (
      !best ||
      figures.count > best[1].count ||
      (figures.count === best[1].count && figures.lastAt > best[1].lastAt)
    )
      best = entry
  }
  return best?.[0] ?? null
}
