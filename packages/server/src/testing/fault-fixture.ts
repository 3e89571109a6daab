// A database prepared for a `takt serve` child process that a test will break: migrated, with a workspace,
// an ingestion key and generated touchpoints to stream; afterwards, what was stored and `takt verify`.
import { ingestQueueRepository } from '../db/ingest-queue.repository.ts'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { createEmptyPostgresDatabase, type TestDialect } from './test-database.ts'
import { seedStreamWorkspace, type StreamWorkspace } from './event-stream.ts'

const CLI = fileURLToPath(new URL('../cli/takt.ts', import.meta.url))

export type ServerEnv = { DATABASE_URL?: string; TAKT_DATA_DIR?: string } & Record<string, string>

export type FaultFixture = StreamWorkspace & {
  /** how a server process (and `takt verify`) finds this database */
  env: ServerEnv
  /** the PostgreSQL database's name, to find the server's backends */
  databaseName?: string
  /** touchpoints stored for the workspace, counted by client id */
  storedEvents: () => Promise<{ rows: number; distinctIds: number; ids: Set<string> }>
  /** touchpoints acknowledged and still queued for applying (no server may hold a PGlite folder meanwhile) */
  queuedEvents: () => Promise<number>
  /** runs `takt verify` on the database (no server may hold a PGlite folder meanwhile) */
  verify: () => Promise<{ code: number | null; output: string }>
  drop: () => Promise<void>
}

export async function createFaultFixture(kind: TestDialect, events: number): Promise<FaultFixture> {
  let env: ServerEnv
  let databaseName: string | undefined
  let drop: () => Promise<void>
  if (kind === 'postgres') {
    const empty = await createEmptyPostgresDatabase()
    env = { DATABASE_URL: empty.url }
    databaseName = new URL(empty.url).pathname.slice(1)
    drop = empty.drop
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'takt-fault-'))
    env = { TAKT_DATA_DIR: dataDir }
    drop = () => rm(dataDir, { recursive: true, force: true })
  }
  const open = () => openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.TAKT_DATA_DIR })
  const setup = await open()
  let workspace: StreamWorkspace
  try {
    await migrateToLatest(setup.db)
    workspace = await seedStreamWorkspace(setup.db, events)
  } finally {
    await setup.close()
  }
  return {
    ...workspace,
    env,
    ...(databaseName ? { databaseName } : {}),
    storedEvents: async () => {
      const database = await open()
      try {
        const rows = await database.db
          .selectFrom('events')
          .select('client_id')
          .where('workspace_id', '=', workspace.workspaceId)
          .execute()
        const ids = new Set(rows.map((row) => row.client_id))
        return { rows: rows.length, distinctIds: ids.size, ids }
      } finally {
        await database.close()
      }
    },
    queuedEvents: async () => {
      const database = await open()
      try {
        return (await ingestQueueRepository.depth(database.db, workspace.workspaceId)).queued
      } finally {
        await database.close()
      }
    },
    verify: () =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, 'verify'], {
          env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        let output = ''
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
        child.once('exit', (code) => resolve({ code, output }))
      }),
    drop,
  }
}
