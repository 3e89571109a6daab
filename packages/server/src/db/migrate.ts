// Schema migrations, listed here rather than found on disk: the set is fixed at build time and
// works the same from a checkout, a bundle or a container. Append new files; never edit applied ones.
import { Migrator, NO_MIGRATIONS, type Kysely, type Migration, type MigrationResultSet } from 'kysely'
import type { Database } from './tables.ts'
import * as workspacesAndAccess from './migrations/0001-workspaces-and-access.ts'
import * as agreementsAndContent from './migrations/0002-agreements-and-content.ts'
import * as accountsAndLeads from './migrations/0003-accounts-and-leads.ts'
import * as touchpointsAndHistory from './migrations/0004-touchpoints-and-history.ts'
import * as tenantIsolation from './migrations/0005-tenant-isolation.ts'
import * as signInSecurity from './migrations/0007-sign-in-security.ts'
import * as routing from './migrations/0008-routing.ts'
import * as handOff from './migrations/0009-hand-off.ts'
import * as pipelineBoard from './migrations/0010-pipeline-board.ts'
import * as webhookDisabledReason from './migrations/0011-webhook-disabled-reason.ts'

const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-workspaces-and-access': workspacesAndAccess,
  '0002-agreements-and-content': agreementsAndContent,
  '0003-accounts-and-leads': accountsAndLeads,
  '0004-touchpoints-and-history': touchpointsAndHistory,
  '0005-tenant-isolation': tenantIsolation,
  '0007-sign-in-security': signInSecurity,
  '0008-routing': routing,
  '0009-hand-off': handOff,
  '0010-pipeline-board': pipelineBoard,
  '0011-webhook-disabled-reason': webhookDisabledReason,
})

export const MIGRATION_NAMES: readonly string[] = Object.freeze(Object.keys(MIGRATIONS))

/** What ran, in order; empty when the schema was already where it was asked to be. */
export type MigrationSummary = { direction: 'up' | 'down'; executed: string[] }

/** A migration failed; on PostgreSQL and PGlite the whole run was rolled back. */
export class MigrationError extends Error {
  readonly failed: string | undefined

  constructor(failed: string | undefined, cause: unknown) {
    super(
      `Migration ${failed ?? '(setup)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    )
    this.name = 'MigrationError'
    this.failed = failed
  }
}

function createMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } })
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationSummary> {
  return summarize('up', await createMigrator(db as unknown as Kysely<unknown>).migrateToLatest())
}

/** Undoes the latest migration, or all of them. */
export async function migrateDown(
  db: Kysely<Database>,
  to: 'previous' | 'all' = 'previous',
): Promise<MigrationSummary> {
  const migrator = createMigrator(db as unknown as Kysely<unknown>)
  return summarize(
    'down',
    to === 'all' ? await migrator.migrateTo(NO_MIGRATIONS) : await migrator.migrateDown(),
  )
}

// A failed migration is not an outcome to handle but a deployment to stop, so it throws.
function summarize(direction: MigrationSummary['direction'], { error, results = [] }: MigrationResultSet) {
  if (error !== undefined) {
    throw new MigrationError(results.find((result) => result.status === 'Error')?.migrationName, error)
  }
  return { direction, executed: results.map((result) => result.migrationName) }
}
