// The workspace the report and backtest benches seed into: the demo agreement, content and people, as
// `takt demo` sets them up, with one password for all (the benches never sign in).
import type { Kysely } from 'kysely'
import { readFile } from 'node:fs/promises'
import { demoContentItems } from '../packages/core/src/demo/content-catalog.ts'
import { DEMO_ADMIN_EMAIL, demoUsers } from '../packages/core/src/demo/users.ts'
import { hashPassword } from '../packages/server/src/auth/password.ts'
import type { Database } from '../packages/server/src/db/tables.ts'
import { userRepository } from '../packages/server/src/db/user.repository.ts'
import { DEMO_AGREEMENT_PATH } from '../packages/server/src/demo/seed-demo-workspace.ts'
import { createWorkspace } from '../packages/server/src/services/create-workspace.ts'

const PASSWORD = 'benchmark-password'

/** A new workspace `${slugPrefix}-<now>` with the demo agreement (or `agreementText`) and users. */
export async function createBenchWorkspace(
  db: Kysely<Database>,
  { slugPrefix, name, agreementText }: { slugPrefix: string; name: string; agreementText?: string },
) {
  const admin = demoUsers().find((user) => user.email === DEMO_ADMIN_EMAIL)!
  const { workspace } = await createWorkspace(
    db,
    {
      slug: `${slugPrefix}-${Date.now()}`,
      name,
      admin: { email: admin.email, name: admin.name, password: PASSWORD },
      agreement: { text: agreementText ?? (await readFile(DEMO_AGREEMENT_PATH, 'utf8')), format: 'yaml' },
      content: demoContentItems(),
    },
    new Date('2025-01-01T00:00:00Z'),
  )
  const passwordHash = await hashPassword(PASSWORD)
  for (const user of demoUsers()) {
    if (user.email === admin.email) continue
    await userRepository.insert(db, workspace.id, {
      email: user.email,
      name: user.name,
      role: user.role,
      passwordHash,
      region: user.region ?? null,
    })
  }
  return { workspace, users: await userRepository.list(db, workspace.id) }
}
