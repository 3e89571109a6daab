// What the reports need to know about a transition that only later history tells, kept on the row so a
// report reads the period's transitions alone instead of joining each to the lead's other rows (issue 13:
// 2.5–3.8 s at 1,000,000 leads for flow by campaign, velocity and reasons):
// - campaign: the `utm_campaign` of the lead's first touchpoint (as lead_milestones has it), so a flow
//   groups by campaign like by source;
// - answered_at (MQL entries): the rep's first answer (accept, reject, logged activity; not undone) before
//   the lead left MQL again;
// - last_mql_at (SQL entries): the latest MQL entry before it;
// - requalified_at (recycled entries): the first MQL entry after it, and whether the lead reached SQL (or
//   later) and customer from then on (requalified_sql, requalified_won).
// Kept like lead_milestones: one SQL function derives a lead's values from its stored history and
// decisions; the projection calls it after the milestones (lead.repository.ts refreshReportRows), and
// this migration for every lead there is.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table transitions add column campaign text, add column answered_at timestamptz,
       add column last_mql_at timestamptz, add column requalified_at timestamptz,
       add column requalified_sql boolean, add column requalified_won boolean`,
    `create function takt_refresh_transition_figures(ws uuid, lead_ids uuid[]) returns void
       language sql volatile as $$
         with ordered as (
           select t.lead_id, t.seq, t.to_stage, t.at,
             lead(t.at) over w as left_at,
             max(t.at) filter (where t.to_stage = 'mql') over (w rows between unbounded preceding and 1 preceding)
               as previous_mql_at,
             min(t.at) filter (where t.to_stage = 'mql') over (w rows between 1 following and unbounded following)
               as next_mql_at
           from transitions t
           where t.workspace_id = ws and t.lead_id = any(lead_ids)
           window w as (partition by t.lead_id order by t.seq)
         ), computed as (
           select o.lead_id, o.seq, m.campaign,
             case when o.to_stage = 'mql' then (select min(d.decided_at) from decisions d
               where d.workspace_id = ws and d.lead_id = o.lead_id and d.kind in ('accept', 'reject', 'respond')
                 and d.retracted_at is null and d.decided_at >= o.at
                 and (o.left_at is null or d.decided_at <= o.left_at)) end as answered_at,
             case when o.to_stage = 'sql' then o.previous_mql_at end as last_mql_at,
             case when o.to_stage = 'recycled' then o.next_mql_at end as requalified_at,
             case when o.to_stage = 'recycled' and o.next_mql_at is not null then exists (
               select 1 from transitions u where u.workspace_id = ws and u.lead_id = o.lead_id
                 and u.to_stage in ('sql', 'opportunity', 'customer') and u.at >= o.next_mql_at) end
               as requalified_sql,
             case when o.to_stage = 'recycled' and o.next_mql_at is not null then exists (
               select 1 from transitions u where u.workspace_id = ws and u.lead_id = o.lead_id
                 and u.to_stage = 'customer' and u.at >= o.next_mql_at) end as requalified_won
           from ordered o
             left join lead_milestones m on m.workspace_id = ws and m.lead_id = o.lead_id
         )
         update transitions t set campaign = c.campaign, answered_at = c.answered_at,
           last_mql_at = c.last_mql_at, requalified_at = c.requalified_at,
           requalified_sql = c.requalified_sql, requalified_won = c.requalified_won
         from computed c
         where t.workspace_id = ws and t.lead_id = c.lead_id and t.seq = c.seq
           -- a row that stays as it was is not written again (most projections change none of this)
           and (t.campaign, t.answered_at, t.last_mql_at, t.requalified_at, t.requalified_sql, t.requalified_won)
             is distinct from (c.campaign, c.answered_at, c.last_mql_at, c.requalified_at, c.requalified_sql,
               c.requalified_won)
       $$`,
    `select takt_refresh_transition_figures(w.id, array(select l.id from leads l where l.workspace_id = w.id))
       from workspaces w`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop function takt_refresh_transition_figures(uuid, uuid[])',
    `alter table transitions drop column campaign, drop column answered_at, drop column last_mql_at,
       drop column requalified_at, drop column requalified_sql, drop column requalified_won`,
  ])
}
