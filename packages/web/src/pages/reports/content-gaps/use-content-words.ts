// How content is named on screen: a journey stage ("Entscheidung"), a kind as the catalogue names it
// ("Case Study"), a language ("Deutsch"), and an item that left the catalogue by its id.
import { useTranslation } from 'react-i18next'
import { humanize } from '../../../i18n/humanize.ts'

export function useContentWords() {
  const { t, i18n } = useTranslation('reports')
  const languages = new Intl.DisplayNames([i18n.language === 'en' ? 'en-GB' : 'de-DE'], { type: 'language' })
  return {
    stage: (stage: string | null) => (stage ? t(`lead:journey.${stage}`) : t('lead:journey.none')),
    kind: (kind: string | null) =>
      kind ? t(`settings:content.kinds.${kind}`, { defaultValue: humanize(kind) }) : null,
    language: (code: string | null) => {
      if (!code) return t('contentGaps.neutral')
      try {
        return languages.of(code) ?? code
      } catch {
        return code
      }
    },
    title: (item: { title: string | null; contentId: string }) => item.title ?? item.contentId,
  }
}

export type ContentWords = ReturnType<typeof useContentWords>
