import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isWorkspaceSlug } from './workspace-slug.ts'

for (const [text, expected] of [
  ['acme', true],
  ['acme-gmbh', true],
  ['a1', true],
  ['demo', true],
  ['a', false],
  ['Acme', false],
  ['acme gmbh', false],
  ['-acme', false],
  ['acme-', false],
  ['acme_gmbh', false],
  ['ä-gmbh', false],
  ['x'.repeat(63), true],
  ['x'.repeat(64), false],
] as const) {
  test(`${JSON.stringify(text)} ${expected ? 'is' : 'is not'} a workspace slug`, () => {
    assert.equal(isWorkspaceSlug(text), expected)
  })
}
