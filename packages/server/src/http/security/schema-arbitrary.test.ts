import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { IngestEventSchema } from '../schemas/ingest-event.schema.ts'
import { LeadActionSchema, LeadListQuerySchema } from '../schemas/lead.schema.ts'
import { validatorFor, validValue, type JsonSchema } from './schema-arbitrary.ts'
import { inlineRefs } from './openapi-operations.ts'

const SCHEMAS: Record<string, JsonSchema> = {
  'a touchpoint (lookahead pattern, formats, records)': IngestEventSchema as unknown as JsonSchema,
  'a lead action (oneOf with a discriminator)': LeadActionSchema as unknown as JsonSchema,
  'the lead list query (enums, bounds, arrays)': LeadListQuerySchema as unknown as JsonSchema,
  'nullable date-times': { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
  'exclusive bounds and const': {
    type: 'object',
    required: ['n', 'k'],
    properties: { n: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 5 }, k: { const: 'x' } },
    additionalProperties: false,
  },
}

describe('schema arbitraries', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    test(`generates only values the schema accepts: ${name}`, () => {
      const isValid = validatorFor(schema)
      for (const value of fc.sample(validValue(schema), { seed: 7, numRuns: 200 })) assert.ok(isValid(value))
    })
  }

  test('reaches the corners: leap seconds, offsets, odd characters and maximal lengths', () => {
    const times = fc.sample(validValue({ type: 'string', format: 'date-time' }), {
      seed: 7,
      numRuns: 300,
    }) as string[]
    assert.ok(times.some((time) => time.includes(':60')))
    assert.ok(times.some((time) => /[+-]\d\d:\d\d$/.test(time)))
    const texts = fc.sample(validValue({ type: 'string', maxLength: 200 }), {
      seed: 7,
      numRuns: 300,
    }) as string[]
    assert.ok(texts.some((text) => text.includes('\u0000')))
    assert.ok(texts.some((text) => text.length === 200))
  })

  test('resolves local references and cuts cycles', () => {
    const document = {
      components: {
        schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } },
      },
      schema: { $ref: '#/components/schemas/Node' },
    }
    const inlined = inlineRefs(document, document) as { schema: object }
    assert.deepEqual(inlined.schema, { type: 'object', properties: { next: {} } })
  })
})
