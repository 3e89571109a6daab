import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { agreementJsonSchema } from '../../../../../core/src/agreement/agreement-json-schema.ts'
import type { Condition } from '../agreement-types.ts'
import {
  conditionOptions,
  countryCondition,
  newId,
  parseCountries,
  readTerritory,
} from './agreement-form-model.ts'
import {
  CAP_PERIODS as SCHEMA_CAP_PERIODS,
  RECYCLE_ACTIONS as SCHEMA_RECYCLE_ACTIONS,
} from '../../../../../core/src/agreement/agreement-document.ts'
import { CAP_PERIODS, isWithin, LIMITS, RECYCLE_ACTIONS, type NumberLimits } from './agreement-form-limits.ts'

describe('MQL thresholds', () => {
  test('finds each option of the MQL with its thresholds and the rest in words', () => {
    const mql: Condition = {
      any: [
        { all: [{ score: 'fit', gte: 40 }, { score: 'engagement', gte: 50 }, { signal: 'decision_shift' }] },
        { all: [{ handRaiser: true }, { score: 'fit', gte: 20 }] },
      ],
    }
    assert.deepEqual(conditionOptions(mql, ['mql']), [
      {
        thresholds: [
          { path: ['mql', 'any', 0, 'all', 0, 'gte'], score: 'fit', bound: 'gte', value: 40 },
          { path: ['mql', 'any', 0, 'all', 1, 'gte'], score: 'engagement', bound: 'gte', value: 50 },
        ],
        others: [{ signal: 'decision_shift' }],
      },
      {
        thresholds: [{ path: ['mql', 'any', 1, 'all', 1, 'gte'], score: 'fit', bound: 'gte', value: 20 }],
        others: [{ handRaiser: true }],
      },
    ])
  })

  test('reads a single score condition with a range as one option with two thresholds', () => {
    assert.deepEqual(conditionOptions({ score: 'total', gte: 10, lt: 90 }, ['recycling', 'requalify']), [
      {
        thresholds: [
          { path: ['recycling', 'requalify', 'gte'], score: 'total', bound: 'gte', value: 10 },
          { path: ['recycling', 'requalify', 'lt'], score: 'total', bound: 'lt', value: 90 },
        ],
        others: [],
      },
    ])
  })

  test('leaves score conditions nested deeper in words', () => {
    const nested: Condition = { all: [{ not: { score: 'fit', lt: 0 } }] }
    assert.deepEqual(conditionOptions(nested, ['mql']), [
      { thresholds: [], others: [{ not: { score: 'fit', lt: 0 } }] },
    ])
  })
})

describe('territories', () => {
  test('reads countries with a postcode area', () => {
    const territory: Condition = {
      all: [
        { field: 'company.country', equals: 'DE' },
        { field: 'company.postcode', matches: '^[0-4]' },
      ],
    }
    assert.deepEqual(readTerritory(territory, ['routing', 'teams', 0, 'territory']), {
      countries: {
        path: ['routing', 'teams', 0, 'territory', 'all', 0],
        field: 'company.country',
        operator: 'equals',
        countries: ['DE'],
      },
      postcode: { path: ['routing', 'teams', 0, 'territory', 'all', 1], low: 0, high: 4 },
    })
  })

  test('reads a list of countries', () => {
    const read = readTerritory({ field: 'company.country', in: ['AT', 'CH'] }, ['t'])
    assert.deepEqual(read?.countries.countries, ['AT', 'CH'])
    assert.equal(read?.postcode, undefined)
  })

  const other: Array<[string, Condition]> = [
    ['an industry', { field: 'company.industry', equals: 'software' }],
    [
      'a postcode pattern of its own',
      {
        all: [
          { field: 'country', equals: 'DE' },
          { field: 'postcode', matches: '^8[0-5]' },
        ],
      },
    ],
    ['postcodes without a country', { field: 'company.postcode', matches: '^[0-4]' }],
    ['an exclusion', { not: { field: 'company.country', in: ['DE'] } }],
  ]
  for (const [name, territory] of other)
    test(`leaves a territory by ${name} to the YAML mode`, () => {
      assert.equal(readTerritory(territory, ['t']), undefined)
    })

  test('reads country codes as people type them', () => {
    assert.deepEqual(parseCountries('de, at ch;DE'), ['DE', 'AT', 'CH'])
    assert.equal(parseCountries('Deutschland'), undefined)
    assert.equal(parseCountries(' '), undefined)
  })

  test('keeps `equals` for one country and writes a list for more', () => {
    const part = { path: ['t'], field: 'company.country', operator: 'equals' as const, countries: ['DE'] }
    assert.deepEqual(countryCondition(part, ['AT']), { field: 'company.country', equals: 'AT' })
    assert.deepEqual(countryCondition(part, ['AT', 'CH']), { field: 'company.country', in: ['AT', 'CH'] })
  })
})

describe('ids for new reasons and teams', () => {
  test('derives a valid, unused id from a German name', () => {
    assert.equal(newId('Kein Rückruf möglich', [], 'reason'), 'kein_rueckruf_moeglich')
    assert.equal(newId('Süd-West', ['sued_west'], 'team'), 'sued_west_2')
    assert.equal(newId('  !!! ', [], 'team'), 'team')
    assert.match(newId('Équipe Genève', [], 'team'), /^[a-z0-9][a-z0-9_.-]*$/)
  })
})

describe('number limits', () => {
  const schema = agreementJsonSchema() as Schema
  type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] } & Record<
    string,
    unknown
  >
  const at = (...keys: string[]) =>
    keys.reduce<Schema>((node, key) => (key === '[]' ? node.items! : node.properties![key]!), schema)
  const numeric = (node: Schema) => node.anyOf?.find((branch) => branch.type !== 'null') ?? node
  const limitsOf = (node: Schema): NumberLimits => {
    const number = numeric(node)
    const limits: NumberLimits = {}
    if (typeof number.minimum === 'number') limits.min = number.minimum
    if (typeof number.exclusiveMinimum === 'number')
      Object.assign(limits, { min: number.exclusiveMinimum, exclusiveMin: true })
    if (typeof number.maximum === 'number') limits.max = number.maximum
    if (number.type === 'integer') limits.integer = true
    return limits
  }
  const cases: Array<[keyof typeof LIMITS, string[]]> = [
    ['halfLifeDays', ['engagement', 'halfLifeDays']],
    ['halfLifeDays', ['engagement', 'rules', '[]', 'halfLifeDays']],
    ['capPoints', ['engagement', 'rules', '[]', 'cap', 'points']],
    ['capCount', ['engagement', 'rules', '[]', 'cap', 'count']],
    ['points', ['engagement', 'rules', '[]', 'points']],
    ['points', ['fit', 'rules', '[]', 'points']],
    ['coolDownDays', ['recycling', 'coolDownDays']],
    ['coolDownDays', ['recycling', 'reasons', '[]', 'coolDownDays']],
    ['acceptWithinBusinessHours', ['sla', 'acceptWithinBusinessHours']],
    ['staleAfterBusinessDays', ['sla', 'staleAfterBusinessDays']],
    ['breachAfterBusinessHours', ['sla', 'onBreach', '[]', 'afterBusinessHours']],
    ['maxOpenLeadsPerRep', ['routing', 'maxOpenLeadsPerRep']],
  ]
  for (const [name, path] of cases)
    test(`${name} has the bounds the schema gives ${path.join('.')}`, () => {
      assert.deepEqual(LIMITS[name], limitsOf(at(...path)))
    })

  test('offers the cap periods and recycle actions the schema knows', () => {
    assert.deepEqual(CAP_PERIODS, SCHEMA_CAP_PERIODS)
    assert.deepEqual(RECYCLE_ACTIONS, SCHEMA_RECYCLE_ACTIONS)
  })

  test('allows only numbers within the bounds', () => {
    assert.equal(isWithin(0, LIMITS.halfLifeDays), false)
    assert.equal(isWithin(0.5, LIMITS.halfLifeDays), true)
    assert.equal(isWithin(3651, LIMITS.halfLifeDays), false)
    assert.equal(isWithin(2.5, LIMITS.maxOpenLeadsPerRep), false)
    assert.equal(isWithin(Number.NaN, LIMITS.points), false)
    assert.equal(isWithin(-30, LIMITS.points), true)
  })
})
