// Compiled agreements are kept across batches, keyed by workspace and version, and never outlive
// the version they were compiled from.
import { it } from 'node:test'
import assert from 'node:assert/strict'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { agreementRepository } from '../db/agreement.repository.ts'
import { inTransaction } from '../db/tenant-scope.ts'
import { forEachDatabase, createTestWorkspace } from '../testing/test-database.ts'
import { loadAgreementVersions } from './agreement-versions.ts'
import { parseAgreementInput } from './replace-agreement.ts'
import { starterAgreementText } from './starter-agreement.ts'

const NOW = new Date('2026-11-02T09:00:00Z')

async function activate(db: Kysely<Database>, workspaceId: string, name: string) {
  const starter = parseAgreementInput({
    text: await starterAgreementText({ timezone: 'Europe/Berlin' }),
    format: 'yaml',
  })
  const { document, source } = parseAgreementInput({ document: { ...starter.document, name } })
  return agreementRepository.activateNew(db, workspaceId, { document, source, createdBy: null, at: NOW })
}

forEachDatabase('compiled agreement versions', (suite) => {
  it('compiles a version once and hands the same evaluators to every later batch', async () => {
    const workspace = await createTestWorkspace(suite.db)
    await inTransaction(suite.db, (trx) => activate(trx, workspace.id, 'First'))
    const [first] = await loadAgreementVersions(suite.db, workspace.id)
    const [again] = await loadAgreementVersions(suite.db, workspace.id)
    assert.equal(again!.agreement, first!.agreement)
  })

  it('compiles a version number anew when the transaction that first stored it rolled back', async () => {
    const workspace = await createTestWorkspace(suite.db)
    await inTransaction(suite.db, (trx) => activate(trx, workspace.id, 'First'))
    await assert.rejects(
      inTransaction(suite.db, async (trx) => {
        await activate(trx, workspace.id, 'Rolled back')
        const versions = await loadAgreementVersions(trx, workspace.id)
        assert.equal(versions.at(-1)!.agreement.document.name, 'Rolled back')
        throw new Error('roll back')
      }),
      /roll back/,
    )
    await inTransaction(suite.db, (trx) => activate(trx, workspace.id, 'Kept'))
    const versions = await loadAgreementVersions(suite.db, workspace.id)
    assert.deepEqual(
      versions.map((entry) => [entry.version, entry.agreement.document.name]),
      [
        [1, 'First'],
        [2, 'Kept'],
      ],
    )
  })
})
