import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import ajvFormats from 'ajv-formats'
import { parse } from 'yaml'
import { AgreementDocumentSchema, ConditionSchema } from './agreement-document.ts'
import { agreementJsonSchema } from './agreement-json-schema.ts'

const FIXTURE = parse(
  readFileSync(new URL('./fixtures/dach-production-planning.yaml', import.meta.url), 'utf8'),
) as unknown

describe('agreementJsonSchema', () => {
  test('is a plain draft 2020-12 schema with $id and title', () => {
    const schema = agreementJsonSchema()
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema')
    assert.equal(schema.$id, 'https://takt.dev/schemas/agreement.json')
    assert.equal(schema.title, 'Takt qualification agreement')
    assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema)
    // One shared condition definition, not a copy per use.
    assert.equal(JSON.stringify(schema).match(/"\$defs"/g)?.length, 1)
  })

  test('compiles in a fresh strict ajv and accepts the fixture', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true })
    ajvFormats.default(ajv)
    const validate = ajv.compile(agreementJsonSchema())
    assert.equal(validate(FIXTURE), true, JSON.stringify(validate.errors))
    assert.equal(validate({ ...(FIXTURE as object), mql: { field: 'title' } }), false)
  })

  test('compiles in draft-07 ajv too, as Fastify uses it, through the TypeBox schemas', () => {
    const ajv = new Ajv({ strict: true })
    ajvFormats.default(ajv)
    assert.equal(ajv.compile(AgreementDocumentSchema)(FIXTURE), true)
    const validateCondition = ajv.compile(ConditionSchema)
    assert.equal(
      validateCondition({ all: [{ field: 'title', containsAny: ['CTO'] }, { not: { signal: 'x' } }] }),
      true,
    )
    assert.equal(validateCondition({ all: [{ field: 'title' }] }), false)
  })
})
