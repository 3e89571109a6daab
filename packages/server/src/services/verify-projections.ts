// `takt verify`: rebuilds every lead from its log and compares it with what is stored.
import { isDeepStrictEqual } from 'node:util'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { eventRepository } from '../db/event.repository.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { leadRepository } from '../db/lead.repository.ts'
import { projectionContext } from './projection-context.ts'
import { projectLead } from '#core/projection/projected-lead.ts'

export type ProjectionDifference = {
  workspace: string
  leadId: string
  email: string
  field: string
  stored: unknown
  rebuilt: unknown
}

const PAGE = 500
const COMPARED = [
  'stage',
  'lane',
  'owner_id',
  'fit_score',
  'engagement_score',
  'agreement_version',
  'touchpoint_count',
  'stage_entered_at',
  'next_check_at',
  'sla_check_at',
] as const

export async function verifyProjections(
  db: Kysely<Database>,
  onProgress?: (checked: number) => void,
): Promise<{ checked: number; differences: ProjectionDifference[] }> {
  const workspaces = await db.selectFrom('workspaces').select(['id', 'slug']).orderBy('slug').execute()
  const differences: ProjectionDifference[] = []
  let checked = 0
  for (const workspace of workspaces) {
    const hasAgreement = await db
      .selectFrom('agreement_versions')
      .select('version')
      .where('workspace_id', '=', workspace.id)
      .limit(1)
      .executeTakeFirst()
    if (!hasAgreement) continue
    const context = await projectionContext(db, workspace.id)
    let after: string | null = null
    for (;;) {
      const rows = await db
        .selectFrom('leads')
        .selectAll()
        .where('workspace_id', '=', workspace.id)
        .$if(after !== null, (query) => query.where('id', '>', after!))
        .orderBy('id')
        .limit(PAGE)
        .execute()
      if (rows.length === 0) break
      after = rows.at(-1)!.id
      const ids = rows.map((row) => row.id)
      const [touchpoints, decisions, transitions] = await Promise.all([
        eventRepository.listForLeads(db, workspace.id, ids),
        decisionRepository.listForLeads(db, workspace.id, ids),
        leadRepository.listTransitions(db, workspace.id, ids),
      ])
      for (const row of rows) {
        // Rebuilt as of the moment the stored projection was made, so decay since then is no difference.
        const rebuilt = projectLead(
          { id: row.id, email: row.email, accountId: row.account_id },
          touchpoints.get(row.id) ?? [],
          decisions.get(row.id) ?? [],
          context,
          row.scored_at.getTime(),
        )
        const report = (field: string, stored: unknown, fresh: unknown) =>
          differences.push({
            workspace: workspace.slug,
            leadId: row.id,
            email: row.email,
            field,
            stored,
            rebuilt: fresh,
          })
        for (const field of COMPARED) {
          const stored = normalise(row[field])
          const fresh = normalise(rebuilt.row[field])
          if (!same(stored, fresh)) report(field, stored, fresh)
        }
        // A snapshot that drifted from the log would carry the error into every later fold. None (a lead
        // stored before snapshots, or erased) is never wrong: its next fold starts from the beginning.
        const snapshot = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as unknown
        if (
          row.snapshot !== null &&
          !isDeepStrictEqual(snapshot(row.snapshot), snapshot(rebuilt.row.snapshot))
        ) {
          report('snapshot', row.snapshot, rebuilt.row.snapshot)
        }
        if (
          row.snapshot !== null &&
          !isDeepStrictEqual(snapshot(row.checkpoints), snapshot(rebuilt.row.checkpoints))
        ) {
          report('checkpoints', row.checkpoints, rebuilt.row.checkpoints)
        }
        const storedPath = transitions
          .filter((entry) => entry.lead_id === row.id)
          .map((entry) => `${entry.from_stage}>${entry.to_stage}@${entry.at.toISOString()}`)
        const freshPath = rebuilt.transitions.map(
          (entry) => `${entry.from_stage}>${entry.to_stage}@${entry.at}`,
        )
        if (storedPath.join(',') !== freshPath.join(',')) report('transitions', storedPath, freshPath)
        checked++
      }
      onProgress?.(checked)
    }
  }
  return { checked, differences }
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toISOString()
  return value ?? null
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))
  return a === b
}
