// The steps of agreement versions' governance, oldest first, and the workspace's choice whether one
// party alone may activate a version.
import type { Kysely } from 'kysely'
import type { AgreementReviewAction, ApprovalSide, Database } from './tables.ts'

export type { AgreementReviewAction, ApprovalSide }

export type AgreementReview = {
  id: number
  version: number
  action: AgreementReviewAction
  actorId: string | null
  side: ApprovalSide | null
  comment: string | null
  at: Date
}

export type NewAgreementReview = Omit<AgreementReview, 'id'>

export const agreementReviewRepository = {
  async insert(db: Kysely<Database>, workspaceId: string, review: NewAgreementReview): Promise<void> {
    await db
      .insertInto('agreement_reviews')
      .values({
        workspace_id: workspaceId,
        version: review.version,
        action: review.action,
        actor_id: review.actorId,
        side: review.side,
        comment: review.comment,
        at: review.at,
      })
      .execute()
  },

  async list(db: Kysely<Database>, workspaceId: string, version: number): Promise<AgreementReview[]> {
    const rows = await db
      .selectFrom('agreement_reviews')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('version', '=', version)
      .orderBy('id')
      .execute()
    return rows.map((row) => ({
      id: Number(row.id),
      version: Number(row.version),
      action: row.action,
      actorId: row.actor_id,
      side: row.side,
      comment: row.comment,
      at: row.at,
    }))
  },

  async allowsSinglePartyActivation(db: Kysely<Database>, workspaceId: string): Promise<boolean> {
    const row = await db
      .selectFrom('workspaces')
      .select('single_party_activation')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    return row.single_party_activation
  },

  async setSinglePartyActivation(db: Kysely<Database>, workspaceId: string, allowed: boolean) {
    await db
      .updateTable('workspaces')
      .set({ single_party_activation: allowed })
      .where('id', '=', workspaceId)
      .execute()
  },
}
