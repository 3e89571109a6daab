// Replacing the agreement: validate everything first, then store and activate a new version and
// bring every lead up to date under it, all in one transaction, so nothing is half-applied.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { agreementRepository, type StoredAgreement } from '../db/agreement.repository.ts'
import { parseAgreement, validateAgreement } from '#core/agreement/parse-agreement.ts'
import { DomainError } from '#core/errors.ts'
import { stringify } from 'yaml'
import { projectionContext } from './projection-context.ts'
import { reprojectLeads } from './lead-projection.ts'
import { inTransaction } from '../db/tenant-scope.ts'

export type AgreementInput = { text: string; format: 'yaml' | 'json' } | { document: unknown }

const PAGE = 500

export function parseAgreementInput(input: AgreementInput) {
  const parsed =
    'text' in input ? parseAgreement(input.text, input.format) : validateAgreement(input.document)
  if (!parsed.ok) {
    throw new DomainError(
      'AGREEMENT_INVALID',
      `The agreement has ${parsed.errors.length} error(s); nothing was changed.`,
      {
        errors: parsed.errors,
      },
    )
  }
  const source = 'text' in input ? input.text : stringify(parsed.document)
  return { document: parsed.document, source }
}

export async function replaceAgreement(
  db: Kysely<Database>,
  workspaceId: string,
  input: AgreementInput,
  createdBy: string | null,
  now: Date,
): Promise<StoredAgreement> {
  const { document, source } = parseAgreementInput(input)
  return inTransaction(db, async (trx) => {
    const stored = await agreementRepository.activateNew(trx, workspaceId, {
      document,
      source,
      createdBy,
      at: now,
    })
    await reprojectWorkspace(trx, workspaceId, now)
    return stored
  })
}

/** Re-projects every lead of a workspace, page by page. */
export async function reprojectWorkspace(
  db: Kysely<Database>,
  workspaceId: string,
  now: Date,
  onPage?: (done: number) => void,
) {
  const context = await projectionContext(db, workspaceId)
  let after: string | null = null
  let done = 0
  for (;;) {
    const rows = await db
      .selectFrom('leads')
      .select(['id', 'email', 'account_id'])
      .where('workspace_id', '=', workspaceId)
      .$if(after !== null, (query) => query.where('id', '>', after!))
      .orderBy('id')
      .limit(PAGE)
      .execute()
    if (rows.length === 0) return done
    await reprojectLeads(
      db,
      workspaceId,
      rows.map((row) => ({ id: row.id, email: row.email, accountId: row.account_id })),
      context,
      now,
    )
    done += rows.length
    onPage?.(done)
    after = rows.at(-1)!.id
  }
}
