import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { API_TYPES_PATH, generateApiTypes } from '../../../../scripts/generate-api-types.ts'

test('the web app’s API types match the server’s OpenAPI document (run: node scripts/generate-api-types.ts)', async () => {
  const committed = readFileSync(API_TYPES_PATH, 'utf8')
  const current = await generateApiTypes()
  assert.ok(committed === current, 'packages/web/src/api/openapi.d.ts is out of date with the routes')
})
