// The agreement in force, typed by the core's own schema type (shared, not copied).
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../api/client.ts'
import type { AgreementDocument } from '../../../core/src/agreement/agreement-document.ts'

export type { AgreementDocument }
export type Label = string | { de?: string; en?: string } | undefined

export function useAgreement() {
  return useQuery({
    queryKey: ['agreement'],
    queryFn: async () => {
      const active = await unwrap(api.GET('/api/v1/agreement'))
      return { ...active, document: active.document as unknown as AgreementDocument }
    },
    staleTime: 60_000,
  })
}

/** A label in the UI's language, falling back to the other language and then the id. */
export function useLabel() {
  const { i18n } = useTranslation()
  return (label: Label, id: string) => {
    if (typeof label === 'string') return label
    const language = i18n.language === 'en' ? 'en' : 'de'
    return label?.[language] ?? label?.[language === 'de' ? 'en' : 'de'] ?? id
  }
}
