// SLA compliance: of the hand-offs (a rep assigned an MQL) in the period, how many the rep answered
// (accept, reject or a logged activity) by the SLA deadline, per rep and team; the breach steps that
// fired by outcome; and the time an MQL waited in the team queue before anyone got it (system delay)
// apart from the time the rep took to answer (rep delay). Deadlines are business time of the rep's
// calendar under the active agreement's SLA, which only the core computes: the hand-offs are read in
// SQL and their deadlines computed here.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { slaPolicyFor } from '#core/sla/sla-policies.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import {
  rate,
  rounded,
  type ReportFilters,
  type ReportPeriod,
  type ResolvedRequest,
} from './report-request.ts'
import { handOffLink, type LeadLink } from './report-links.ts'

export type SlaCompliance = {
  handOffs: number
  /** answered by the deadline */
  inTime: number
  /** answered after it */
  late: number
  /** not answered, the deadline passed (the lead was reassigned, returned, or still waits) */
  missed: number
  /** not answered, the deadline still ahead: left out of the share */
  open: number
  /** inTime / (handOffs − open); null when none is decided yet */
  inTimeShare: number | null
  /** median hours from hand-off to the rep's answer (wall clock), over the answered hand-offs */
  medianRepHours: number | null
  /** the leads handed off */
  leads: LeadLink
}

export type SlaReport = {
  name: 'sla'
  period: ReportPeriod
  filters: ReportFilters
  team: SlaCompliance & {
    /** median hours an MQL waited for its first hand-off after becoming MQL (the team queue) */
    medianQueueHours: number | null
    queued: number
  }
  /** one per rep (e-mail as routing names them), most hand-offs first */
  reps: Array<SlaCompliance & { rep: string; userId: string | null }>
  teams: Array<SlaCompliance & { team: string | null }>
  /** breach steps fired in the period, by what they did */
  breaches: { notified: number; reassigned: number; returnedToMarketing: number }
}

type HandOffRow = {
  rep: string
  team: string | null
  /** instants as epoch milliseconds: hundreds of thousands of rows parse faster as numbers than as dates */
  assigned_ms: number | string
  responded_ms: number | string | null
  queued_ms: number | string | null
}

type HandOff = {
  rep: string
  team: string | null
  assignedAt: number
  respondedAt: number | null
  queuedSince: number | null
  userId: string | null
  region: string | null
}

export async function slaReport(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
): Promise<SlaReport> {
  const { source, owner, version } = request.filters
  // A hand-off is an assign decision; its answer is the first accept, reject or respond after it and
  // before the lead's next assignment. The queue wait counts only for the first hand-off after the
  // lead became MQL: a reassignment is no queue. All three are kept per hand-off (hand_offs, migration 0027).
  const { rows } = await sql<HandOffRow>`
    select h.rep, h.team, date_part('epoch', h.assigned_at) * 1000 as assigned_ms,
      date_part('epoch', h.answered_at) * 1000 as responded_ms,
      date_part('epoch', h.queued_since) * 1000 as queued_ms
    from hand_offs h
      ${source === null ? sql`` : sql`join lead_milestones m on m.workspace_id = h.workspace_id and m.lead_id = h.lead_id`}
    where h.workspace_id = ${workspaceId} and h.assigned_at >= ${request.start} and h.assigned_at < ${request.end}
      ${source === null ? sql`` : sql`and m.source = ${source}`}
      ${version === null ? sql`` : sql`and h.mql_version = ${version}`}`.execute(db)
  // The reps as routing names them (by e-mail): their user id and region (whose holidays their SLA keeps).
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'region'])
    .where('workspace_id', '=', workspaceId)
    .execute()
  const userByEmail = new Map(users.map((user) => [user.email.toLowerCase(), user]))
  // The owner filter names a user; hand-offs name the rep by e-mail.
  const ownerRep = users.find((user) => user.id === owner)?.email.toLowerCase()
  const handOffs: HandOff[] = rows.flatMap((row) => {
    const user = userByEmail.get(row.rep)
    if (owner !== null && user?.id !== owner) return []
    return [
      {
        rep: row.rep,
        team: row.team,
        assignedAt: Number(row.assigned_ms),
        respondedAt: row.responded_ms === null ? null : Number(row.responded_ms),
        queuedSince: row.queued_ms === null ? null : Number(row.queued_ms),
        userId: user?.id ?? null,
        region: user?.region ?? null,
      },
    ]
  })

  const active = await agreementRepository.findActive(db, workspaceId)
  const now = request.now.getTime()
  const judged = handOffs.map((row) => {
    const policy = slaPolicyFor(active?.document.sla, row.region)
    const dueAt = policy ? policy.dueAt(row.assignedAt) : Number.POSITIVE_INFINITY
    const respondedAt = row.respondedAt
    const verdict: keyof Omit<SlaCompliance, 'handOffs' | 'inTimeShare' | 'medianRepHours'> =
      respondedAt !== null ? (respondedAt <= dueAt ? 'inTime' : 'late') : now >= dueAt ? 'missed' : 'open'
    return {
      row,
      verdict,
      repHours: respondedAt === null ? null : (respondedAt - row.assignedAt) / 3_600_000,
    }
  })
  const queueHours = handOffs
    .filter((row) => row.queuedSince !== null)
    .map((row) => (row.assignedAt - row.queuedSince!) / 3_600_000)

  const breaches = await sql<{ action: string; n: number }>`
    select data->>'action' as action, count(*)::int as n from decisions
    where workspace_id = ${workspaceId} and kind = 'sla_breach' and retracted_at is null
      and decided_at >= ${request.start} and decided_at < ${request.end}
    group by 1`.execute(db)
  const fired = (action: string) => Number(breaches.rows.find((row) => row.action === action)?.n ?? 0)

  const groupBy = <K>(key: (row: HandOff) => K) => {
    const groups = new Map<K, typeof judged>()
    for (const item of judged) {
      const group = groups.get(key(item.row))
      if (group) group.push(item)
      else groups.set(key(item.row), [item])
    }
    return [...groups.entries()].sort(
      ([keyA, a], [keyB, b]) => b.length - a.length || (String(keyA) < String(keyB) ? -1 : 1),
    )
  }
  return {
    name: 'sla',
    period: request.period,
    filters: request.filters,
    team: {
      ...complianceOf(judged),
      leads: handOffLink(request, {}, ownerRep),
      medianQueueHours: rounded(median(queueHours)),
      queued: queueHours.length,
    },
    reps: groupBy((row) => row.rep).map(([rep, items]) => ({
      rep,
      userId: items[0]!.row.userId,
      ...complianceOf(items),
      leads: handOffLink(request, { rep }),
    })),
    teams: groupBy((row) => row.team).map(([team, items]) => ({
      team,
      ...complianceOf(items),
      leads: handOffLink(request, { team }, ownerRep),
    })),
    breaches: {
      notified: fired('notify'),
      reassigned: fired('reassign'),
      returnedToMarketing: fired('return_to_marketing'),
    },
  }
}

function complianceOf(
  items: Array<{ verdict: string; repHours: number | null }>,
): Omit<SlaCompliance, 'leads'> {
  // One pass: a team's items run to hundreds of thousands at a million leads.
  const counts = { inTime: 0, late: 0, missed: 0, open: 0 }
  const repHours: number[] = []
  for (const item of items) {
    counts[item.verdict as keyof typeof counts]++
    if (item.repHours !== null) repHours.push(item.repHours)
  }
  return {
    handOffs: items.length,
    ...counts,
    inTimeShare: rate(counts.inTime, items.length - counts.open),
    medianRepHours: rounded(median(repHours)),
  }
}

/** The median as percentile_cont computes it: the middle value, or the mean of the two middle ones. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  // A typed array sorts numbers natively, many times faster than a comparator over a plain array.
  const sorted = Float64Array.from(values).sort()
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
