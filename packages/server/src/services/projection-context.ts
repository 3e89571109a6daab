// What a projection needs besides the log: the agreement timeline, the reps, the accounts.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { userRepository, type User } from '../db/user.repository.ts'
import { loadAgreementVersions } from './agreement-versions.ts'
import type { ProjectionContext } from '#core/projection/projected-lead.ts'

export async function projectionContext(
  db: Kysely<Database>,
  workspaceId: string,
  accountIds: ReadonlyMap<string, string> = new Map(),
  /** the workspace's users, when the caller has read them already */
  knownUsers?: ReadonlyArray<User>,
): Promise<ProjectionContext> {
  const [versions, users] = await Promise.all([
    loadAgreementVersions(db, workspaceId),
    knownUsers ?? userRepository.list(db, workspaceId),
  ])
  const byId = new Set(users.map((user) => user.id))
  const byEmail = new Map(users.map((user) => [user.email, user.id]))
  const regionById = new Map(users.map((user) => [user.id, user.region]))
  const emailById = new Map(users.map((user) => [user.id, user.email]))
  return {
    versions,
    resolveOwner: (reference) => {
      if (!reference) return null
      if (byId.has(reference)) return reference
      return byEmail.get(reference.toLowerCase()) ?? null
    },
    accountIdByDomain: (domain) => accountIds.get(domain.toLowerCase()) ?? null,
    regionOf: (userId) => (userId ? (regionById.get(userId) ?? null) : null),
    emailOf: (userId) => (userId ? (emailById.get(userId) ?? null) : null),
  }
}
