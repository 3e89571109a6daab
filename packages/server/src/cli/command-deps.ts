// What a command that works on the database gets from the program (program.ts), so tests can run it on
// a database of their own, and the error that says the user typed something wrong.
import type { Kysely } from 'kysely'
import type { Config } from '../config/load-config.ts'
import type { Database } from '../db/tables.ts'
import { workspaceRepository } from '../db/workspace.repository.ts'

export type CommandDeps = {
  readConfig: () => Config
  withDatabase: <T>(config: Config, work: (db: Kysely<Database>) => Promise<T>) => Promise<T>
}

/** Bad input: exit code 2, as for a configuration error. */
export class UsageError extends Error {}

/** The workspace a command works on: the one named, or the only one there is. */
export async function resolveWorkspace(db: Kysely<Database>, slug: string | undefined): Promise<string> {
  if (slug !== undefined) {
    const workspace = await workspaceRepository.findBySlug(db, slug)
    if (!workspace) throw new UsageError(`No workspace "${slug}".`)
    return workspace.id
  }
  const workspaces = await db.selectFrom('workspaces').select('id').limit(2).execute()
  if (workspaces.length === 1) return workspaces[0]!.id
  throw new UsageError(
    workspaces.length === 0
      ? 'There is no workspace yet.'
      : 'There is more than one workspace: name it with --workspace.',
  )
}
