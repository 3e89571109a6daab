// Agreement versions: every version is kept; the activated ones form the timeline the lead fold replays.
import { sql, type Kysely } from 'kysely'
import type { AgreementStatus, Database } from './tables.ts'
import type { AgreementDocument } from '#core/agreement/agreement-document.ts'
import { textIn } from '#core/agreement/agreement-labels.ts'

export type { AgreementStatus }

export type StoredAgreement = {
  version: number
  name: string
  document: AgreementDocument
  source: string
  status: AgreementStatus
  createdBy: string | null
  createdAt: Date
  activatedAt: Date | null
}

export const agreementRepository = {
  /** Versions that were ever in force, oldest first. */
  async listActivated(db: Kysely<Database>, workspaceId: string): Promise<StoredAgreement[]> {
    const rows = await db
      .selectFrom('agreement_versions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('activated_at', 'is not', null)
      .orderBy('activated_at')
      .orderBy('version')
      .execute()
    return rows.map(toStored)
  },

  /**
   * The versions ever in force, oldest first, without their texts: what a request needs to find its
   * compiled agreements in the cache (the source's md5 tells a reused version number apart).
   */
  async listActivatedStamps(db: Kysely<Database>, workspaceId: string) {
    const rows = await db
      .selectFrom('agreement_versions')
      .select(['version', 'activated_at', sql<string>`md5(source)`.as('source_md5')])
      .where('workspace_id', '=', workspaceId)
      .where('activated_at', 'is not', null)
      .orderBy('activated_at')
      .orderBy('version')
      .execute()
    return rows.map((row) => ({
      version: row.version,
      activatedAt: row.activated_at!,
      sourceMd5: row.source_md5,
    }))
  },

  async find(
    db: Kysely<Database>,
    workspaceId: string,
    version: number,
  ): Promise<StoredAgreement | undefined> {
    const row = await db
      .selectFrom('agreement_versions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('version', '=', version)
      .executeTakeFirst()
    return row && toStored(row)
  },

  async findActive(db: Kysely<Database>, workspaceId: string): Promise<StoredAgreement | undefined> {
    const row = await db
      .selectFrom('agreement_versions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'active')
      .executeTakeFirst()
    return row && toStored(row)
  },

  async list(db: Kysely<Database>, workspaceId: string): Promise<StoredAgreement[]> {
    const rows = await db
      .selectFrom('agreement_versions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('version', 'desc')
      .execute()
    return rows.map(toStored)
  },

  /** Stores a new version and makes it the active one, retiring the previous. Call inside a transaction. */
  async activateNew(
    db: Kysely<Database>,
    workspaceId: string,
    input: { document: AgreementDocument; source: string; createdBy: string | null; at: Date },
  ): Promise<StoredAgreement> {
    await agreementRepository.lockVersions(db, workspaceId)
    await agreementRepository.retireActive(db, workspaceId)
    const row = await db
      .insertInto('agreement_versions')
      .values({
        workspace_id: workspaceId,
        version: await nextVersion(db, workspaceId),
        // The column keeps one text for lists and the audit log: English, the API's language;
        // both languages stay in the document.
        name: textIn(input.document.name, 'en'),
        document: JSON.stringify(input.document),
        source: input.source,
        status: 'active',
        created_by: input.createdBy,
        activated_at: input.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toStored(row)
  },

  /**
   * Serialises every change to the workspace's versions until the transaction ends: two replacements
   * cannot both become version N+1, and two activations cannot both find the other still approved.
   */
  async lockVersions(db: Kysely<Database>, workspaceId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext(${`agreement:${workspaceId}`}))`.execute(db)
  },

  /** Retires the active version, if any, and says which it was. Call under lockVersions. */
  async retireActive(db: Kysely<Database>, workspaceId: string): Promise<number | undefined> {
    const row = await db
      .updateTable('agreement_versions')
      .set({ status: 'retired' })
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'active')
      .returning('version')
      .executeTakeFirst()
    return row && Number(row.version)
  },

  /** Stores a version that is not in force (a draft); its document may be invalid. Call under lockVersions. */
  async insertDraft(
    db: Kysely<Database>,
    workspaceId: string,
    input: { name: string; document: unknown; source: string; createdBy: string | null; at: Date },
  ): Promise<StoredAgreement> {
    const row = await db
      .insertInto('agreement_versions')
      .values({
        workspace_id: workspaceId,
        version: await nextVersion(db, workspaceId),
        name: input.name,
        document: JSON.stringify(input.document),
        source: input.source,
        status: 'draft',
        created_by: input.createdBy,
        created_at: input.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toStored(row)
  },

  async updateDraft(
    db: Kysely<Database>,
    workspaceId: string,
    version: number,
    input: { name: string; document: unknown; source: string },
  ): Promise<StoredAgreement> {
    const row = await db
      .updateTable('agreement_versions')
      .set({ name: input.name, document: JSON.stringify(input.document), source: input.source })
      .where('workspace_id', '=', workspaceId)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirstOrThrow()
    return toStored(row)
  },

  /** Moves a version to a status short of active; activate() puts one in force. */
  async setStatus(
    db: Kysely<Database>,
    workspaceId: string,
    version: number,
    status: Exclude<AgreementStatus, 'active'>,
  ): Promise<StoredAgreement> {
    const row = await db
      .updateTable('agreement_versions')
      .set({ status })
      .where('workspace_id', '=', workspaceId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirstOrThrow()
    return toStored(row)
  },

  /** Puts a stored version in force. Call under lockVersions, after retireActive. */
  async activate(
    db: Kysely<Database>,
    workspaceId: string,
    version: number,
    at: Date,
  ): Promise<StoredAgreement> {
    const row = await db
      .updateTable('agreement_versions')
      .set({ status: 'active', activated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirstOrThrow()
    return toStored(row)
  },
}

async function nextVersion(db: Kysely<Database>, workspaceId: string): Promise<number> {
  const latest = await db
    .selectFrom('agreement_versions')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('version'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow()
  return Number(latest.version) + 1
}

function toStored(row: {
  version: number
  name: string
  document: unknown
  source: string
  status: string
  created_by: string | null
  created_at: Date
  activated_at: Date | null
}): StoredAgreement {
  return {
    version: Number(row.version),
    name: row.name,
    document: row.document as AgreementDocument,
    source: row.source,
    status: row.status as AgreementStatus,
    createdBy: row.created_by,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
  }
}
