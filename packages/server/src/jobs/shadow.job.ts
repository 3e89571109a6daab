// Records the running shadows (services/shadow/record-shadow.ts) as a periodic round. Safe with several
// server instances: the stately queue runs one round at a time, and each page holds its shadow's row
// with FOR UPDATE SKIP LOCKED besides, so a round started twice records nothing twice.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { recordShadowPage, SHADOW_PAGE } from '../services/shadow/record-shadow.ts'

export const shadowJob = {
  name: 'shadow-record',
  /**
   * One round: every running shadow recorded up to `now`, page by page; those past their end are
   * recorded a last time and finished. Returns how many leads were replayed.
   */
  async handle(db: Kysely<Database>, now: Date, pageSize = SHADOW_PAGE): Promise<number> {
    // Across workspaces, as the owner; each page then runs as its shadow's workspace.
    const running = await db
      .selectFrom('shadow_runs')
      .select(['workspace_id', 'id'])
      .where('status', '=', 'running')
      .orderBy('last_run_at', (order) => order.nullsFirst())
      .execute()
    let replayed = 0
    for (const shadow of running) {
      for (;;) {
        const page = await recordShadowPage(db, shadow.workspace_id, shadow.id, now, pageSize)
        // Stopped meanwhile, or another instance holds it: its round is that instance's.
        if (!page) break
        replayed += page.leads
        if (page.roundDone) break
      }
    }
    return replayed
  },
}
