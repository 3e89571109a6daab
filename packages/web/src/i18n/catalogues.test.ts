// Both languages carry every text: a key in one catalogue and not the other fails here, as does a
// namespace file that the app does not register.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'

const LOCALES = new URL('./locales/', import.meta.url)
const namespaces = (language: string) => readdirSync(new URL(`${language}/`, LOCALES)).sort()
const read = (language: string, file: string) =>
  JSON.parse(readFileSync(new URL(`${language}/${file}`, LOCALES), 'utf8')) as Record<string, unknown>

function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  if (typeof value !== 'object' || value === null) return new Map([[prefix, value]])
  return new Map(
    Object.entries(value).flatMap(([key, child]) => [...leaves(child, prefix ? `${prefix}.${key}` : key)]),
  )
}

test('German and English have the same namespaces, all registered with the app', () => {
  assert.deepEqual(namespaces('de'), namespaces('en'))
  const registry = readFileSync(new URL('./catalogues.ts', import.meta.url), 'utf8')
  for (const file of namespaces('de')) {
    assert.ok(registry.includes(`./locales/de/${file}`) && registry.includes(`./locales/en/${file}`), file)
  }
})

for (const file of namespaces('de')) {
  test(`${file}: every key in both languages, none empty`, () => {
    const de = leaves(read('de', file))
    const en = leaves(read('en', file))
    assert.deepEqual(
      [...de.keys()].filter((key) => !en.has(key)),
      [],
      'keys missing in English',
    )
    assert.deepEqual(
      [...en.keys()].filter((key) => !de.has(key)),
      [],
      'keys missing in German',
    )
    for (const [key, value] of [...de, ...en]) {
      assert.ok(typeof value === 'string' && value.trim() !== '', `${key} is empty`)
    }
  })
}

test('every t() key the screens use exists in the catalogues', () => {
  const sources = readdirSync(new URL('../', import.meta.url), { recursive: true, encoding: 'utf8' }).filter(
    (file) =>
      file.endsWith('.tsx') ||
      (file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts')),
  )
  const missing: string[] = []
  for (const file of sources) {
    const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
    const namespace = /useTranslation\('([a-zA-Z]+)'\)/.exec(text)?.[1] ?? 'common'
    for (const match of text.matchAll(/\bt\('([a-zA-Z0-9_.:]+)'/g)) {
      const [ns, key] = match[1]!.includes(':') ? match[1]!.split(':') : [namespace, match[1]!]
      for (const language of ['de', 'en']) {
        // A namespace in camel case lives in a file in kebab case (agreementForm: agreement-form.json).
        const catalogue = leaves(
          read(language, `${ns!.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}.json`),
        )
        // A counted text is found under its plural forms (i18next: key_one, key_other).
        const plural = catalogue.has(`${key}_one`) && catalogue.has(`${key}_other`)
        if (!catalogue.has(key!) && !plural) missing.push(`${language} ${ns}:${key} (${file})`)
      }
    }
  }
  assert.deepEqual(missing, [])
})
