// The SLA report's read model: one row per hand-off (an assign decision that was not undone) with the
// rep and team it named, when the rep answered (the first accept, reject or logged activity after it and
// before the lead's next hand-off), since when the MQL had waited in the team queue (the first hand-off
// after an MQL entry only; a reassignment is no queue) and the agreement version of that MQL entry.
// Computed by the report itself, this took each lead's decisions and MQL entries through four window
// frames: 6 s for the 290,000 hand-offs of a year at 1,000,000 leads. Kept like lead_milestones: one SQL
// function derives a lead's rows from its stored decisions and history, the projection calls it for the
// leads it wrote (lead.repository.ts refreshReportRows), and this migration for every lead there is.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table hand_offs (
      workspace_id uuid not null,
      decision_id uuid not null,
      lead_id uuid not null,
      assigned_at timestamptz not null,
      rep text,
      team text,
      answered_at timestamptz,
      queued_since timestamptz,
      mql_version int,
      primary key (workspace_id, decision_id),
      foreign key (workspace_id, lead_id) references leads (workspace_id, id) on delete cascade
    )`,
    ...isolateTable('hand_offs'),
    'create index hand_offs_assigned_idx on hand_offs (workspace_id, assigned_at)',
    'create index hand_offs_lead_idx on hand_offs (workspace_id, lead_id)',
    // In time order per lead: an MQL entry, then a hand-off, then answers, at one instant.
    `create function takt_refresh_hand_offs(ws uuid, lead_ids uuid[]) returns void
       language sql volatile as $$
         with stream as (
           select d.lead_id, d.id, d.decided_at as at, case when d.kind = 'assign' then 1 else 2 end as rank,
             case when d.kind = 'assign' then lower(d.data->>'rep') end as rep,
             case when d.kind = 'assign' then d.data->>'team' end as team, null::int as version
           from decisions d
           where d.workspace_id = ws and d.lead_id = any(lead_ids)
             and d.kind in ('assign', 'accept', 'reject', 'respond') and d.retracted_at is null
           union all
           select t.lead_id, null, t.at, 0, null, null, t.agreement_version
           from transitions t
           where t.workspace_id = ws and t.lead_id = any(lead_ids) and t.to_stage = 'mql'
         ), ordered as (
           select s.*,
             min(s.at) filter (where s.rank = 1) over (w rows between 1 following and unbounded following) as next_at,
             min(s.at) filter (where s.rank = 2) over (w rows between current row and unbounded following) as answer_at,
             max(s.at) filter (where s.rank = 0) over (w rows between unbounded preceding and current row) as mql_at,
             (array_agg(s.version) filter (where s.rank = 0)
               over (w rows between unbounded preceding and current row)) as mql_versions,
             max(s.at) filter (where s.rank = 1) over (w rows between unbounded preceding and 1 preceding) as previous_at
           from stream s
           window w as (partition by s.lead_id order by s.at, s.rank)
         ), computed as (
           select o.id as decision_id, o.lead_id, o.at as assigned_at, o.rep, o.team,
             case when o.answer_at < coalesce(o.next_at, 'infinity') then o.answer_at end as answered_at,
             case when o.previous_at is null or o.previous_at < o.mql_at then o.mql_at end as queued_since,
             o.mql_versions[cardinality(o.mql_versions)] as mql_version
           from ordered o where o.rank = 1
         ), removed as (
           delete from hand_offs h where h.workspace_id = ws and h.lead_id = any(lead_ids)
             and not exists (select 1 from computed c where c.decision_id = h.decision_id)
         )
         insert into hand_offs as h (workspace_id, decision_id, lead_id, assigned_at, rep, team, answered_at,
           queued_since, mql_version)
         select ws, c.decision_id, c.lead_id, c.assigned_at, c.rep, c.team, c.answered_at, c.queued_since,
           c.mql_version
         from computed c
         on conflict (workspace_id, decision_id) do update set
           lead_id = excluded.lead_id, assigned_at = excluded.assigned_at, rep = excluded.rep,
           team = excluded.team, answered_at = excluded.answered_at, queued_since = excluded.queued_since,
           mql_version = excluded.mql_version
         -- a row that stays as it was is not written again (most projections change none of this)
         where (h.lead_id, h.assigned_at, h.rep, h.team, h.answered_at, h.queued_since, h.mql_version)
           is distinct from (excluded.lead_id, excluded.assigned_at, excluded.rep, excluded.team,
             excluded.answered_at, excluded.queued_since, excluded.mql_version)
       $$`,
    `select takt_refresh_hand_offs(w.id, array(select l.id from leads l where l.workspace_id = w.id))
       from workspaces w`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop function takt_refresh_hand_offs(uuid, uuid[])', 'drop table hand_offs'])
}
