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

type HandOff = {
  rep: string
  team: string | null
  assigned_at: Date
  responded_at: Date | null
  queued_since: Date | null
  user_id: string | null
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
  // lead became MQL: a reassignment is no queue.
  const { rows } = await sql<HandOff>`
    with hand_offs as (
      select a.lead_id, lower(a.data->>'rep') as rep, a.data->>'team' as team, a.decided_at as assigned_at,
        (select min(n.decided_at) from decisions n
          where n.workspace_id = a.workspace_id and n.lead_id = a.lead_id and n.kind = 'assign'
            and n.retracted_at is null and n.decided_at > a.decided_at) as next_at,
        (select m.at from transitions m
          where m.workspace_id = a.workspace_id and m.lead_id = a.lead_id and m.to_stage = 'mql'
            and m.at <= a.decided_at order by m.at desc limit 1) as mql_at,
        (select m.agreement_version from transitions m
          where m.workspace_id = a.workspace_id and m.lead_id = a.lead_id and m.to_stage = 'mql'
            and m.at <= a.decided_at order by m.at desc limit 1) as mql_version
      from decisions a
      where a.workspace_id = ${workspaceId} and a.kind = 'assign' and a.retracted_at is null
        and a.decided_at >= ${request.start} and a.decided_at < ${request.end}
    )
    select h.rep, h.team, h.assigned_at, u.id as user_id, u.region,
      (select min(d.decided_at) from decisions d
        where d.workspace_id = ${workspaceId} and d.lead_id = h.lead_id
          and d.kind in ('accept', 'reject', 'respond') and d.retracted_at is null
          and d.decided_at >= h.assigned_at and (h.next_at is null or d.decided_at < h.next_at)) as responded_at,
      case when not exists (select 1 from decisions p
          where p.workspace_id = ${workspaceId} and p.lead_id = h.lead_id and p.kind = 'assign'
            and p.retracted_at is null and p.decided_at >= h.mql_at and p.decided_at < h.assigned_at)
        then h.mql_at end as queued_since
    from hand_offs h
      join leads l on l.workspace_id = ${workspaceId} and l.id = h.lead_id
      left join users u on u.workspace_id = ${workspaceId} and u.email = h.rep
    where true
      ${source === null ? sql`` : sql`and lower(l.profile->>'source') = ${source}`}
      ${owner === null ? sql`` : sql`and u.id = ${owner}`}
      ${version === null ? sql`` : sql`and h.mql_version = ${version}`}`.execute(db)

  const active = await agreementRepository.findActive(db, workspaceId)
  const now = request.now.getTime()
  const judged = rows.map((row) => {
    const policy = slaPolicyFor(active?.document.sla, row.region)
    const assignedAt = row.assigned_at.getTime()
    const dueAt = policy ? policy.slaSchedule(assignedAt).dueAt : Number.POSITIVE_INFINITY
    const respondedAt = row.responded_at?.getTime()
    const verdict: keyof Omit<SlaCompliance, 'handOffs' | 'inTimeShare' | 'medianRepHours'> =
      respondedAt !== undefined
        ? respondedAt <= dueAt
          ? 'inTime'
          : 'late'
        : now >= dueAt
          ? 'missed'
          : 'open'
    return {
      row,
      verdict,
      repHours: respondedAt === undefined ? null : (respondedAt - assignedAt) / 3_600_000,
    }
  })
  const queueHours = rows
    .filter((row) => row.queued_since !== null)
    .map((row) => (row.assigned_at.getTime() - row.queued_since!.getTime()) / 3_600_000)

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
      medianQueueHours: rounded(median(queueHours)),
      queued: queueHours.length,
    },
    reps: groupBy((row) => row.rep).map(([rep, items]) => ({
      rep,
      userId: items[0]!.row.user_id,
      ...complianceOf(items),
    })),
    teams: groupBy((row) => row.team).map(([team, items]) => ({ team, ...complianceOf(items) })),
    breaches: {
      notified: fired('notify'),
      reassigned: fired('reassign'),
      returnedToMarketing: fired('return_to_marketing'),
    },
  }
}

function complianceOf(items: Array<{ verdict: string; repHours: number | null }>): SlaCompliance {
  const count = (verdict: string) => items.filter((item) => item.verdict === verdict).length
  const open = count('open')
  const inTime = count('inTime')
  return {
    handOffs: items.length,
    inTime,
    late: count('late'),
    missed: count('missed'),
    open,
    inTimeShare: rate(inTime, items.length - open),
    medianRepHours: rounded(median(items.flatMap((item) => (item.repHours === null ? [] : [item.repHours])))),
  }
}

/** The median as percentile_cont computes it: the middle value, or the mean of the two middle ones. */
function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
