import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { agreementCodes, codeLabel, textIn } from './agreement-labels.ts'
import { parseAgreement, validateAgreement, type AgreementIssue } from './parse-agreement.ts'

const DEMO = readFileSync(new URL('./fixtures/dach-production-planning.yaml', import.meta.url), 'utf8')
const STARTER = readFileSync(new URL('./fixtures/b2b-starter.yaml', import.meta.url), 'utf8')

// The smallest agreement that uses a few codes: an industry, a source, a content id and a track.
const BASE = `
name: Labels
fit:
  rules:
    - id: industry
      when: { field: company.industry, in: [maschinenbau, automotive_zulieferer] }
      points: 20
engagement:
  halfLifeDays: 30
  rules:
    - id: pricing
      when: { type: page_view, contentId: pricing, source: website }
      points: 10
mql: { score: fit, gte: 20 }
recycling:
  coolDownDays: 30
  reasons:
    - { id: no_budget, label: { de: Kein Budget, en: No budget }, action: nurture, track: roi }
`

function parsedWith(extra: string) {
  return parseAgreement(BASE + extra)
}

function issuesOf(extra: string): Pick<AgreementIssue, 'path' | 'code' | 'params'>[] {
  const result = parsedWith(extra)
  assert.ok(!result.ok, 'expected issues')
  return result.errors.map(({ path, code, params }) => ({ path, code, params }))
}

describe('agreement texts in two languages', () => {
  const ACCEPTED: [name: string, text: string][] = [
    ['plain strings, as every agreement before labels', BASE],
    [
      'a name and description in both languages',
      BASE.replace('name: Labels', 'name: { de: Etiketten, en: Labels }') +
        'description: { de: Wer passt, en: Who fits }\n',
    ],
    [
      'labels as plain text or in both languages',
      BASE +
        'labels:\n  maschinenbau: Maschinenbau\n' +
        '  automotive_zulieferer: { de: Automobilzulieferer, en: Automotive suppliers }\n',
    ],
    [
      'labels for sources, content ids, tracks and field names',
      BASE +
        'labels:\n  website: { de: Website, en: Website }\n  pricing: { de: Preisseite, en: Pricing page }\n' +
        '  roi: { de: ROI-Strecke, en: ROI track }\n  company.industry: { de: Branche, en: Industry }\n',
    ],
  ]
  for (const [name, text] of ACCEPTED) {
    test(`accepts ${name}`, () => {
      const result = parseAgreement(text)
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors))
    })
  }

  test('accepts the demo and starter agreements', () => {
    for (const text of [DEMO, STARTER]) {
      const result = parseAgreement(text)
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors))
    }
  })

  const REJECTED: [
    name: string,
    extra: string,
    issues: Pick<AgreementIssue, 'path' | 'code' | 'params'>[],
  ][] = [
    [
      'a language other than de and en',
      'labels:\n  maschinenbau: { de: Maschinenbau, fr: Génie mécanique }\n',
      [
        { path: '/labels/maschinenbau/en', code: 'missing_property', params: { property: 'en' } },
        {
          path: '/labels/maschinenbau/fr',
          code: 'unknown_property',
          params: { property: 'fr', allowed: ['de', 'en'] },
        },
      ],
    ],
    [
      'an empty text',
      'labels:\n  maschinenbau: { de: "", en: Mechanical engineering }\n',
      [{ path: '/labels/maschinenbau/de', code: 'empty_text', params: {} }],
    ],
    [
      'a label for a code the agreement does not use',
      'labels:\n  bakery: { de: Bäckerei, en: Bakery }\n',
      [{ path: '/labels/bakery', code: 'unknown_label_code', params: { code: 'bakery' } }],
    ],
    [
      'a misspelt code, with the code meant',
      'labels:\n  maschinenbauu: { de: Maschinenbau, en: Mechanical engineering }\n',
      [
        {
          path: '/labels/maschinenbauu',
          code: 'misspelt_label_code',
          params: { code: 'maschinenbauu', suggestion: 'maschinenbau' },
        },
      ],
    ],
  ]
  for (const [name, extra, expected] of REJECTED) {
    test(`reports ${name} at the label's path`, () => {
      assert.deepEqual(issuesOf(extra), expected)
    })
  }

  test('reports a name in one language only, and an empty description text', () => {
    const result = validateAgreement({
      ...(parseAgreement(BASE) as { document: object }).document,
      name: { de: 'Nur Deutsch' },
      description: { de: '', en: 'Who fits' },
    })
    assert.ok(!result.ok)
    assert.deepEqual(
      result.errors.map(({ path, code }) => [path, code]),
      [
        ['/name/en', 'missing_property'],
        ['/description/de', 'empty_text'],
      ],
    )
  })

  test('locates a bad label in the text by line', () => {
    const result = parsedWith('labels:\n  bakery: { de: Bäckerei, en: Bakery }\n')
    assert.ok(!result.ok)
    const line = (BASE + 'labels:\n').split('\n').length
    assert.equal(result.errors[0]!.line, line)
  })
})

describe('textIn and codeLabel', () => {
  const parsed = parseAgreement(DEMO)
  assert.ok(parsed.ok)
  const document = parsed.document

  const CASES: [code: string, de: string | undefined, en: string | undefined][] = [
    ['automotive_zulieferer', 'Automobilzulieferer', 'Automotive suppliers'],
    ['pricing', 'Preisseite', 'Pricing page'],
    ['roi', 'ROI und Wirtschaftlichkeit', 'ROI and business case'],
    // No label: the caller falls back to its catalogue, then a humanised code.
    ['kunststofftechnik', undefined, undefined],
    // Not Object.prototype's.
    ['constructor', undefined, undefined],
  ]
  for (const [code, de, en] of CASES) {
    test(`labels ${code} per language`, () => {
      assert.equal(codeLabel(document, code, 'de'), de)
      assert.equal(codeLabel(document, code, 'en'), en)
    })
  }

  test('reads a plain string the same in both languages', () => {
    const plain = { labels: { maschinenbau: 'Maschinenbau' } }
    assert.equal(codeLabel(plain, 'maschinenbau', 'de'), 'Maschinenbau')
    assert.equal(codeLabel(plain, 'maschinenbau', 'en'), 'Maschinenbau')
    assert.equal(codeLabel(undefined, 'maschinenbau', 'en'), undefined)
    assert.equal(textIn('DACH', 'en'), 'DACH')
    assert.equal(textIn(undefined, 'de'), undefined)
  })

  test('gives the demo agreement its name and description in both languages', () => {
    assert.equal(textIn(document.name, 'de'), 'Produktionsplanung DACH')
    assert.equal(textIn(document.name, 'en'), 'DACH production planning')
    assert.match(textIn(document.description, 'de')!, /^Wen wir wollen/)
  })

  test('labels the industries, sources, content ids and tracks the demo agreement uses', () => {
    const codes = agreementCodes(document)
    assert.ok(codes.has('competitor'), 'disqualification reasons are codes too (the catalogue words these)')
    for (const code of ['elektrotechnik', 'sdr_list', 'careers', 'roi', 'owner']) {
      assert.ok(codes.has(code), code)
      assert.ok(codeLabel(document, code, 'de'), code)
    }
  })
})
