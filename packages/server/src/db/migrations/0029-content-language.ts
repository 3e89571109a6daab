// Content items say which language they are written in (ISO 639-1: 'de', 'en', …), so next best content
// offers a lead only what it reads. Existing items get null, "language-neutral": nothing recorded says
// otherwise, and null keeps recommending them to every lead as before.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table content_items add column language text check (language ~ '^[a-z]{2}$')`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table content_items drop column language'])
}
