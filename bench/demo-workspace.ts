// The workspace the report and backtest benches seed into: the demo agreement, content and people, as
// `takt demo` sets them up, with one password for all (the benches never sign in).
import type { Kysely } from 'kysely'
import { demoContentItems } from '../packages/core/src/demo/content-catalog.ts'
import { demoUsers } from '../packages/core/src/demo/users.ts'
import type { Database } from '../packages/server/src/db/tables.ts'
import { userRepository } from '../packages/server/src/db/user.repository.ts'
import { createStaffedWorkspace } from '../packages/server/src/demo/seed-demo-workspace.ts'

/** A new workspace `${slugPrefix}-<now>` with the demo agreement (or `agreementText`) and people. */
export async function createBenchWorkspace(
  db: Kysely<Database>,
  { slugPrefix, name, agreementText }: { slugPrefix: string; name: string; agreementText?: string },
) {
  const workspace = await createStaffedWorkspace(db, {
    slug: `${slugPrefix}-${Date.now()}`,
    name,
    password: 'benchmark-password',
    users: demoUsers(),
    content: demoContentItems(),
    at: new Date('2025-01-01T00:00:00Z'),
    ...(agreementText === undefined ? {} : { agreementText }),
  })
  return { workspace, users: await userRepository.list(db, workspace.id) }
}
