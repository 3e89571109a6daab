// German and English texts, one namespace per screen. German is written as German B2B teams speak
// (see shared/GLOSSARY.md), not translated word by word.
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { CATALOGUES, NAMESPACES, type Language } from './catalogues.ts'

export const LANGUAGES: readonly Language[] = ['de', 'en']
const STORED = 'takt.language'

export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORED)
  if (stored === 'de' || stored === 'en') return stored
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'de'
}

export async function changeLanguage(language: Language) {
  localStorage.setItem(STORED, language)
  document.documentElement.lang = language
  await i18n.changeLanguage(language)
}

void i18n.use(initReactI18next).init({
  resources: CATALOGUES,
  ns: [...NAMESPACES],
  defaultNS: 'common',
  lng: initialLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
})
document.documentElement.lang = i18n.language

export { i18n }
