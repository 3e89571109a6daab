import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DAY, T0 } from '../testing/core-fixtures.ts'
import type { JourneyStage } from '../agreement/agreement-document.ts'
import type { LeadStage } from '../lifecycle/lead-stage.ts'
import type { EmailNurture } from '../privacy/lead-permissions.ts'
import {
  recommendNextContent,
  type CatalogItem,
  type ContentTouchpoint,
  type NextBestContent,
  type NextBestContentInput,
  type NothingFitsReason,
} from './next-best-content.ts'
import { topicInterests } from './topic-interest.ts'
import { leadLanguage, normalizeLanguage } from './content-language.ts'

const NOW = T0 + 100 * DAY
const GERMAN = { language: 'de', source: 'country' } as const

const item = (
  id: string,
  journeyStage: JourneyStage | null,
  topics: string[],
  language: string | null = 'de',
): CatalogItem => ({ id, title: id, kind: 'page', journeyStage, topics, language, url: null })

const CATALOG: CatalogItem[] = [
  item('blog-oee', 'orientation', ['oee']),
  item('blog-mes', 'orientation', ['mes']),
  item('wp-oee', 'consideration', ['oee']),
  item('webinar-oee-en', 'consideration', ['oee'], 'en'),
  item('wp-mes', 'consideration', ['mes']),
  item('wp-oee-mes', 'consideration', ['oee', 'mes']),
  item('case-oee', 'decision', ['oee']),
  item('calculator', 'decision', ['oee', 'mes'], null),
  item('pricing', 'decision', []),
  item('about-oee', null, ['oee']),
]

/** A touchpoint `daysAgo` before NOW on a catalog item, with the item's stage and topics. */
const on = (contentId: string, daysAgo: number, type = 'content_download'): ContentTouchpoint => {
  const found = CATALOG.find((entry) => entry.id === contentId)
  return {
    type,
    occurredAt: NOW - daysAgo * DAY,
    contentId,
    ...(found?.journeyStage ? { journeyStage: found.journeyStage } : {}),
    ...(found && found.topics.length > 0 ? { topics: found.topics } : {}),
  }
}

/** Consumed before the catalog gave the item its stage and topics: the touchpoint carries neither. */
const bare = (contentId: string, daysAgo: number): ContentTouchpoint => ({
  type: 'content_download',
  occurredAt: NOW - daysAgo * DAY,
  contentId,
})

function recommend(overrides: Partial<NextBestContentInput> = {}): NextBestContent {
  return recommendNextContent({
    stage: 'lead',
    catalog: CATALOG,
    touchpoints: [],
    language: GERMAN,
    emailNurture: 'allowed',
    now: NOW,
    limit: 5,
    ...overrides,
  })
}
const ids = (result: NextBestContent) => result.items.map((entry) => entry.item.id)

describe('recommendNextContent', () => {
  test('moves a lead one journey stage forward on the topic it read about', () => {
    const result = recommend({ touchpoints: [on('blog-oee', 3)] })
    assert.equal(result.reason, null)
    assert.deepEqual(ids(result), ['wp-oee', 'wp-oee-mes'])
    const [first] = result.items
    assert.equal(first!.why.movesTo, 'consideration')
    assert.equal(first!.why.from, 'orientation')
    assert.deepEqual(
      first!.why.topics.map((topic) => [
        topic.topic,
        topic.touchpoints,
        topic.consumed.map((c) => c.contentId),
      ]),
      [['oee', 1, ['blog-oee']]],
    )
    assert.equal(first!.why.language, 'lead_language')
    assert.equal(result.journeyStage, 'orientation')
  })

  const stageCases: Array<[string, ContentTouchpoint[], string[]]> = [
    ['unstaged content on a topic leads to orientation content', [on('about-oee', 1)], ['blog-oee']],
    ['consideration leads to decision', [on('blog-oee', 9), on('wp-oee', 2)], ['case-oee', 'calculator']],
    [
      'each topic moves on from its own stage',
      [on('wp-oee', 2), on('case-oee', 1), on('blog-mes', 1)],
      ['wp-mes', 'wp-oee-mes'],
    ],
  ]
  for (const [name, touchpoints, expected] of stageCases) {
    test(`stage progression: ${name}`, () => {
      assert.deepEqual(ids(recommend({ touchpoints })), expected)
    })
  }

  test('an item spanning two topics at the same stage counts both, and outranks a one-topic item', () => {
    const result = recommend({ touchpoints: [on('blog-oee', 1), on('blog-mes', 1)] })
    assert.deepEqual(ids(result).slice(0, 1), ['wp-oee-mes'])
    assert.deepEqual(
      result.items[0]!.why.topics.map((topic) => topic.topic),
      ['mes', 'oee'],
    )
  })

  test('topic weighting: recent and repeated interest ranks first', () => {
    const recentMes = recommend({ touchpoints: [on('blog-oee', 60), on('blog-mes', 2)] })
    assert.deepEqual(ids(recentMes).slice(0, 2), ['wp-oee-mes', 'wp-mes'])
    assert.equal(recentMes.topics[0]!.topic, 'mes')
    const oftenOee = recommend({
      touchpoints: [
        on('blog-oee', 10),
        on('blog-oee', 9, 'page_view'),
        on('blog-oee', 8, 'email_click'),
        on('blog-mes', 5),
      ],
    })
    assert.equal(oftenOee.topics[0]!.topic, 'oee')
    assert.deepEqual(ids(oftenOee).slice(0, 2), ['wp-oee-mes', 'wp-oee'])
  })

  test('topic weight halves with every half-life and adds up per touchpoint', () => {
    const [oee] = topicInterests([on('blog-oee', 30), on('blog-oee', 0)], NOW, 30)
    assert.equal(oee!.weight, 1.5)
    assert.equal(oee!.touchpoints, 2)
    assert.equal(oee!.lastEngagedAt, NOW)
    assert.deepEqual(oee!.consumed, [
      { contentId: 'blog-oee', journeyStage: 'orientation', touchpoints: 2, lastAt: NOW },
    ])
  })

  test('leaves out consumed items, touchpoints after now and those that show no interest', () => {
    const result = recommend({ touchpoints: [on('blog-oee', 5), bare('wp-oee', 40)] })
    assert.deepEqual(ids(result), ['wp-oee-mes'])
    const future = recommend({ touchpoints: [on('blog-oee', 5), on('wp-oee', -1)] })
    assert.deepEqual(ids(future), ['wp-oee', 'wp-oee-mes'])
    const unsubscribed = recommend({ touchpoints: [on('blog-mes', 5, 'unsubscribe')] })
    assert.equal(unsubscribed.reason, 'no_engagement')
  })

  test('language: the lead’s own and language-neutral items; every language when it is unknown', () => {
    const touchpoints = [on('blog-oee', 5), on('wp-oee', 2)]
    assert.deepEqual(ids(recommend({ touchpoints })), ['case-oee', 'calculator'])
    const english = recommend({
      touchpoints: [on('blog-oee', 5)],
      language: { language: 'en', source: 'request' },
    })
    assert.deepEqual(ids(english), ['webinar-oee-en'])
    const unknown = recommend({
      touchpoints: [on('blog-oee', 5)],
      language: { language: null, source: 'unknown' },
    })
    assert.deepEqual(ids(unknown), ['webinar-oee-en', 'wp-oee', 'wp-oee-mes'])
    assert.equal(unknown.items[0]!.why.language, 'lead_language_unknown')
    const neutral = recommend({ touchpoints, language: { language: 'fr', source: 'country' } })
    assert.deepEqual(ids(neutral), ['calculator'])
    assert.equal(neutral.items[0]!.why.language, 'neutral')
  })

  const consentCases: Array<[EmailNurture, boolean]> = [
    ['allowed', true],
    ['blocked_no_consent', false],
    ['blocked_withdrawn', false],
    ['blocked_unsubscribed', false],
    ['blocked_by_agreement', false],
  ]
  for (const [emailNurture, allowed] of consentCases) {
    test(`consent: recommends all the same and says e-mail is ${allowed ? 'allowed' : emailNurture}`, () => {
      const result = recommend({ touchpoints: [on('blog-oee', 3)], emailNurture })
      assert.deepEqual(result.email, { allowed, reason: emailNurture })
      assert.deepEqual(ids(result), ['wp-oee', 'wp-oee-mes'])
    })
  }

  test('at most `limit` items', () => {
    const result = recommend({ touchpoints: [on('blog-oee', 3), on('blog-mes', 3)], limit: 2 })
    assert.equal(result.items.length, 2)
  })

  const nothingCases: Array<[string, Partial<NextBestContentInput>, NothingFitsReason]> = [
    ['no touchpoints yet', {}, 'no_engagement'],
    ['only content without topics', { touchpoints: [on('pricing', 1)] }, 'no_engagement'],
    [
      'every topic at decision',
      { touchpoints: [on('case-oee', 2), on('calculator', 1)] },
      'at_decision_stage',
    ],
    [
      'no next-stage content on the topic',
      {
        touchpoints: [
          { type: 'page_view', occurredAt: NOW - DAY, journeyStage: 'orientation', topics: ['lieferkette'] },
        ],
      },
      'no_content_for_next_stage',
    ],
    [
      'next-stage content only in another language',
      {
        touchpoints: [on('blog-oee', 1)],
        catalog: CATALOG.filter((entry) => entry.id !== 'wp-oee' && entry.id !== 'wp-oee-mes'),
        language: { language: 'fr', source: 'lead_field' },
      },
      'no_content_in_language',
    ],
    [
      'everything that fits consumed',
      { touchpoints: [on('blog-mes', 9), bare('wp-mes', 40), bare('wp-oee-mes', 40)] },
      'all_consumed',
    ],
  ]
  for (const [name, overrides, reason] of nothingCases) {
    test(`nothing fits: ${name} (${reason})`, () => {
      const result = recommend(overrides)
      assert.deepEqual(result.items, [])
      assert.equal(result.reason, reason)
    })
  }

  const stages: Array<[LeadStage, boolean]> = [
    ['lead', true],
    ['recycled', true],
    ['mql', false],
    ['sal', false],
    ['sql', false],
    ['opportunity', false],
    ['customer', false],
    ['disqualified', false],
  ]
  for (const [stage, nurture] of stages) {
    test(`a lead in stage ${stage} ${nurture ? 'gets' : 'gets no'} recommendations`, () => {
      const result = recommend({ stage, touchpoints: [on('blog-oee', 3)] })
      assert.equal(result.nurture, nurture)
      assert.equal(result.reason, nurture ? null : 'not_in_nurture')
      assert.equal(result.items.length > 0, nurture)
      // What it showed interest in is told either way.
      assert.deepEqual(
        result.topics.map((topic) => topic.topic),
        ['oee'],
      )
    })
  }
})

describe('leadLanguage', () => {
  const base = { touchpoints: [], catalog: CATALOG }
  const cases: Array<[string, Parameters<typeof leadLanguage>[0], ReturnType<typeof leadLanguage>]> = [
    [
      'asked for wins',
      { ...base, requested: 'EN', profile: { country: 'DE', custom: { language: 'de' } } },
      { language: 'en', source: 'request' },
    ],
    [
      'the lead’s own field (a locale)',
      { ...base, profile: { country: 'DE', custom: { locale: 'en-GB' } } },
      { language: 'en', source: 'lead_field' },
    ],
    [
      'the language of what it read, before its country',
      {
        touchpoints: [
          on('webinar-oee-en', 3),
          on('webinar-oee-en', 2),
          on('blog-oee', 1),
          on('calculator', 1),
        ],
        catalog: CATALOG,
        profile: { country: 'DE' },
      },
      { language: 'en', source: 'content' },
    ],
    [
      'the person’s country',
      { ...base, profile: { country: 'at', company: { country: 'GB' } } },
      { language: 'de', source: 'country' },
    ],
    [
      'the company’s country',
      { ...base, profile: { company: { country: 'GB' } } },
      { language: 'en', source: 'country' },
    ],
    [
      'a country with no one language',
      { ...base, profile: { country: 'BE' } },
      { language: null, source: 'unknown' },
    ],
    ['nothing', { ...base, profile: {} }, { language: null, source: 'unknown' }],
  ]
  for (const [name, input, expected] of cases) {
    test(name, () => assert.deepEqual(leadLanguage(input), expected))
  }

  test('normalizes codes and refuses what is none', () => {
    assert.deepEqual(
      ['de', 'DE', 'de-AT', 'en_GB', ' fr ', 'deu', 'd', '', 42, null].map(normalizeLanguage),
      ['de', 'de', 'de', 'en', 'fr', null, null, null, null, null],
    )
  })
})
