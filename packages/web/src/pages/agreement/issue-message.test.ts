// Every agreement issue code the core can send has a message in both languages, and every example issue
// renders completely: no placeholder left over, every value the user wrote named.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import i18next from 'i18next'
import {
  AGREEMENT_ISSUE_CODES,
  englishMessage,
  ISSUE_TERMS,
  type AgreementIssueCode,
} from '../../../../core/src/agreement/agreement-issue-codes.ts'
import { ISSUE_EXAMPLES, ISSUE_VARIANTS } from '../../../../core/src/agreement/fixtures/issue-examples.ts'
import { issueText } from './issue-message.ts'

const LANGUAGES = ['de', 'en'] as const
const catalogue = (language: string) =>
  JSON.parse(
    readFileSync(new URL(`../../i18n/locales/${language}/agreement.json`, import.meta.url), 'utf8'),
  ) as { issue: Record<string, unknown> & { term: Record<string, Record<string, string>> } }

async function i18nFor(language: (typeof LANGUAGES)[number]) {
  const instance = i18next.createInstance()
  // As the app sets it up (i18n.ts), without the browser parts.
  await instance.init({
    resources: { [language]: { agreement: catalogue(language) } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

const examples = [
  ...Object.entries(ISSUE_EXAMPLES),
  ...Object.entries(ISSUE_VARIANTS).flatMap(([code, variants]) => variants.map((variant) => [code, variant])),
] as [AgreementIssueCode, [Record<string, string | number | readonly string[]>, string]][]

describe('agreement issue messages', () => {
  for (const language of LANGUAGES) {
    test(`${language}: every issue code and every term has a message`, () => {
      const { issue } = catalogue(language)
      const missing = AGREEMENT_ISSUE_CODES.filter(
        (code) => !(code in issue) && !(`${code}_one` in issue && `${code}_other` in issue),
      )
      assert.deepEqual(missing, [])
      for (const [name, values] of Object.entries(ISSUE_TERMS)) {
        assert.deepEqual(
          values.filter((value) => !issue.term[name]?.[value]),
          [],
          `issue.term.${name}`,
        )
      }
      // The catalogue's own keys must not shadow a code.
      assert.ok(
        !AGREEMENT_ISSUE_CODES.some((code) => code === ('term' as string) || code === ('none' as string)),
      )
    })

    test(`${language}: every example issue renders completely, naming what the user wrote`, async () => {
      const i18n = await i18nFor(language)
      for (const [code, [params]] of examples) {
        const message = englishMessage(code, params as never)
        const { text, english } = issueText({ code, params, message }, i18n)
        assert.equal(english, false, code)
        assert.doesNotMatch(text, /\{\{|\}\}|undefined|\[object|issue\./, `${code}: ${text}`)
        for (const [name, value] of Object.entries(params)) {
          if (name in ISSUE_TERMS || name === 'count') continue
          for (const item of typeof value === 'object' ? value : [value]) {
            if (typeof item === 'string')
              assert.ok(text.includes(item), `${code}: ${text} lacks ${name} ${item}`)
          }
        }
      }
    })
  }

  test('German names ids as written, in German quotes, and translates the words around them', async () => {
    const i18n = await i18nFor('de')
    const de = (code: AgreementIssueCode, params: Record<string, string | number | readonly string[]>) =>
      issueText({ code, params, message: '' }, i18n).text
    assert.equal(
      de('duplicate_id', { id: 'size_core', noun: 'fit_rule' }),
      'Doppelte ID „size_core“: Eine andere Fit-Regel verwendet sie bereits',
    )
    assert.equal(
      de('wrong_type', { expected: ['string', 'mapping_with'], keys: ['de', 'en'] }),
      'Der Wert muss ein Text oder eine Zuordnung mit de und en sein',
    )
    assert.equal(
      de('not_one_of', { allowed: ['day', 'week', 'month', 'ever'] }),
      'Erlaubt sind nur: day, week, month oder ever',
    )
    assert.equal(
      de('unknown_signal', { signal: 'decision_stage', signals: [] }),
      'Unbekanntes Signal „decision_stage“; definierte Signale: keine',
    )
    assert.equal(de('too_few_items', { count: 1 }), 'Die Liste muss mindestens 1 Eintrag enthalten')
    assert.equal(de('too_few_items', { count: 3 }), 'Die Liste muss mindestens 3 Einträge enthalten')
    assert.equal(de('number_not_less', { limit: 10.5 }), 'Der Wert muss kleiner als 10,5 sein')
  })

  test('an issue code the catalogue does not know keeps the English message', async () => {
    const i18n = await i18nFor('de')
    const issue = { code: 'brand_new_check', params: { id: 'x' }, message: "'x' is new" }
    assert.deepEqual(issueText(issue, i18n), { text: "'x' is new", english: true })
  })

  test('user values that look like i18next syntax are shown as written', async () => {
    const i18n = await i18nFor('en')
    const params = { property: '$t(issue.none) {{noun}} ns:key', suggestion: 'name' }
    assert.equal(
      issueText({ code: 'misspelt_property', params, message: '' }, i18n).text,
      "unknown property '$t(issue.none) {{noun}} ns:key'; did you mean 'name'?",
    )
  })
})
