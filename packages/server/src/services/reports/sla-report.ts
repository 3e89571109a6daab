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
  // lead became MQL: a reassignment is no queue. One pass over each lead's decisions and MQL entries in
  // time order (MQL entry, then assignment, then answers at one instant) finds all of it with window
  // functions, for the leads with a hand-off in the period.
  const { rows } = await sql<HandOffRow>`
    with handed as (
      select distinct a.lead_id from decisions a
      where a.workspace_id = ${workspaceId} and a.kind = 'assign' and a.retracted_at is null
        and a.decided_at >= ${request.start} and a.decided_at < ${request.end}
    ), stream as (
      select d.lead_id, d.decided_at as at, case when d.kind = 'assign' then 1 else 2 end as rank,
        lower(d.data->>'rep') as rep, d.data->>'team' as team, null::int as version
      from decisions d join handed h on h.lead_id = d.lead_id
      where d.workspace_id = ${workspaceId} and d.kind in ('assign', 'accept', 'reject', 'respond')
        and d.retracted_at is null
      union all
      select t.lead_id, t.at, 0, null, null, t.agreement_version
      from transitions t join handed h on h.lead_id = t.lead_id
      where t.workspace_id = ${workspaceId} and t.to_stage = 'mql' and t.at < ${request.end}
    ), ordered as (
      select s.lead_id, s.at, s.rank, s.rep, s.team,
        min(s.at) filter (where s.rank = 1) over (w rows between 1 following and unbounded following) as next_at,
        min(s.at) filter (where s.rank = 2) over (w rows between current row and unbounded following) as answer_at,
        max(s.at) filter (where s.rank = 0) over (w rows between unbounded preceding and current row) as mql_at,
        (array_agg(s.version) filter (where s.rank = 0) over (w rows between unbounded preceding and current row))
          as mql_versions,
        max(s.at) filter (where s.rank = 1) over (w rows between unbounded preceding and 1 preceding) as previous_at
      from stream s
      window w as (partition by s.lead_id order by s.at, s.rank)
    )
    select o.rep, o.team, extract(epoch from o.at) * 1000 as assigned_ms,
      case when o.answer_at < coalesce(o.next_at, 'infinity') then extract(epoch from o.answer_at) * 1000 end
        as responded_ms,
      case when o.previous_at is null or o.previous_at < o.mql_at then extract(epoch from o.mql_at) * 1000 end
        as queued_ms
    from ordered o
      ${source === null ? sql`` : sql`join lead_milestones m on m.workspace_id = ${workspaceId} and m.lead_id = o.lead_id`}
    where o.rank = 1 and o.at >= ${request.start} and o.at < ${request.end}
      ${source === null ? sql`` : sql`and m.source = ${source}`}
      ${version === null ? sql`` : sql`and o.mql_versions[cardinality(o.mql_versions)] = ${version}`}`.execute(
    db,
  )
  // The reps as routing names them (by e-mail): their user id and region (whose holidays their SLA keeps).
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'region'])
    .where('workspace_id', '=', workspaceId)
    .execute()
  const userByEmail = new Map(users.map((user) => [user.email.toLowerCase(), user]))
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
    const dueAt = policy ? policy.slaSchedule(row.assignedAt).dueAt : Number.POSITIVE_INFINITY
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
      medianQueueHours: rounded(median(queueHours)),
      queued: queueHours.length,
    },
    reps: groupBy((row) => row.rep).map(([rep, items]) => ({
      rep,
      userId: items[0]!.row.userId,
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
