// Schema migrations, listed here rather than found on disk: the set is fixed at build time and
// works the same from a checkout, a bundle or a container. Append new files; never edit applied ones.
import { Migrator, NO_MIGRATIONS, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely'
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
import * as queueDepthIndexes from './migrations/0012-queue-depth-indexes.ts'
import * as workspaceLeadingKeys from './migrations/0013-workspace-leading-keys.ts'
import * as jobQueue from './migrations/0014-job-queue.ts'
import * as incrementalProjection from './migrations/0015-incremental-projection.ts'
import * as ingestQueue from './migrations/0016-ingest-queue.ts'
import * as leadCheckpoints from './migrations/0017-lead-checkpoints.ts'
import * as activitiesAndTasks from './migrations/0018-activities-and-tasks.ts'
import * as notificationSettings from './migrations/0019-notification-settings.ts'
import * as decisionRetraction from './migrations/0020-decision-retraction.ts'
import * as savedViews from './migrations/0021-saved-views.ts'
import * as agreementGovernance from './migrations/0022-agreement-governance.ts'
import * as backtests from './migrations/0023-backtests.ts'
import * as shadowRuns from './migrations/0024-shadow-runs.ts'
import * as reportIndexes from './migrations/0025-report-indexes.ts'
import * as leadMilestones from './migrations/0026-lead-milestones.ts'
import * as handOffs from './migrations/0027-hand-offs.ts'
import * as transitionFigures from './migrations/0028-transition-figures.ts'
import * as contentLanguage from './migrations/0029-content-language.ts'
import * as predictionModels from './migrations/0030-prediction-models.ts'
import * as contentRecommendations from './migrations/0031-content-recommendations.ts'

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
  '0012-queue-depth-indexes': queueDepthIndexes,
  '0013-workspace-leading-keys': workspaceLeadingKeys,
  '0014-job-queue': jobQueue,
  '0015-incremental-projection': incrementalProjection,
  '0016-ingest-queue': ingestQueue,
  '0017-lead-checkpoints': leadCheckpoints,
  '0018-activities-and-tasks': activitiesAndTasks,
  '0019-notification-settings': notificationSettings,
  '0020-decision-retraction': decisionRetraction,
  '0021-saved-views': savedViews,
  '0022-agreement-governance': agreementGovernance,
  '0023-backtests': backtests,
  '0024-shadow-runs': shadowRuns,
  '0025-report-indexes': reportIndexes,
  '0026-lead-milestones': leadMilestones,
  '0027-hand-offs': handOffs,
  '0028-transition-figures': transitionFigures,
  '0029-content-language': contentLanguage,
  '0030-prediction-models': predictionModels,
  '0031-content-recommendations': contentRecommendations,
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

// Any fixed number works; it only has to differ from the other advisory locks in the database.
const MIGRATION_LOCK = 7_340_111_020n

function createMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } })
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationSummary> {
  if (await isCurrent(db)) return { direction: 'up', executed: [] }
  return withMigrationLock(db, async (locked) =>
    summarize('up', await createMigrator(locked).migrateToLatest()),
  )
}

// Every start but the first after an upgrade finds nothing to do. One query says so; the Migrator would
// first read the catalogue several times over (about 0.7 s of a PGlite start). Anything other than
// exactly our migrations (none yet, some missing, unknown ones) goes the Migrator's way and its checks.
async function isCurrent(db: Kysely<Database>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
    const applied = new Set(rows.map((row) => row.name))
    return applied.size === MIGRATION_NAMES.length && MIGRATION_NAMES.every((name) => applied.has(name))
  } catch {
    return false
  }
}

/** Undoes the latest migration, or all of them. */
export async function migrateDown(
  db: Kysely<Database>,
  to: 'previous' | 'all' = 'previous',
): Promise<MigrationSummary> {
  return withMigrationLock(db, async (locked) => {
    const migrator = createMigrator(locked)
    return summarize(
      'down',
      to === 'all' ? await migrator.migrateTo(NO_MIGRATIONS) : await migrator.migrateDown(),
    )
  })
}

// Instances starting together migrate one after the other: the second finds nothing left to do.
// Kysely 0.28 already takes a session advisory lock around the migration run itself, but creates its
// bookkeeping tables before that, and how it locks has changed between versions (a lock-table row
// before 0.28). Ours covers the whole run, so the guarantee is this file's. The Migrator gets the
// locked connection itself: on PGlite there is only one, and the lock belongs to the session holding it.
async function withMigrationLock<T>(db: Kysely<Database>, work: (locked: Kysely<unknown>) => Promise<T>) {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK)})`.execute(connection)
    try {
      return await work(connection as unknown as Kysely<unknown>)
    } finally {
      // A connection lost meanwhile has released the lock with its session; nothing to undo then.
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK)})`.execute(connection).catch(() => {})
    }
  })
}

// A failed migration is not an outcome to handle but a deployment to stop, so it throws.
function summarize(direction: MigrationSummary['direction'], { error, results = [] }: MigrationResultSet) {
  if (error !== undefined) {
    throw new MigrationError(results.find((result) => result.status === 'Error')?.migrationName, error)
  }
  return { direction, executed: results.map((result) => result.migrationName) }
}
