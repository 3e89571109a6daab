// The reports' per-lead read model: when each lead was created and first reached each funnel stage (or a
// later one), what its first transition recorded (source, lane, agreement version), the campaign of its
// first touchpoint, its owner now, its scores and agreement version when it first became an MQL and the amount it was won
// with. Cohort, source quality and calibration read one narrow row per lead from here instead of
// aggregating every lead's transitions and probing its first touchpoint (issue 13: 39 s to minutes at
// 1,000,000 leads). Stays in a stage read `from_at`, the instant the transition's lead entered the stage
// it left, so no report joins a transition to its predecessor.
//
// One SQL function derives a lead's row from its stored history; the projection calls it for the leads
// it wrote (lead.repository.ts refreshMilestones), and this migration for every lead there is.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { isolateTable } from './0005-tenant-isolation.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table lead_milestones (
      workspace_id uuid not null,
      lead_id uuid not null,
      created_at timestamptz not null,
      source text,
      lane text,
      agreement_version int,
      campaign text,
      owner_id uuid,
      mql_at timestamptz,
      sal_at timestamptz,
      sql_at timestamptz,
      opportunity_at timestamptz,
      customer_at timestamptz,
      recycled boolean not null,
      disqualified boolean not null,
      first_mql_at timestamptz,
      first_mql_fit double precision,
      first_mql_engagement double precision,
      first_mql_version int,
      won_amount numeric,
      primary key (workspace_id, lead_id),
      foreign key (workspace_id, lead_id) references leads (workspace_id, id) on delete cascade
    )`,
    ...isolateTable('lead_milestones'),
    'create index lead_milestones_created_idx on lead_milestones (workspace_id, created_at)',
    'create index lead_milestones_first_mql_idx on lead_milestones (workspace_id, first_mql_at) where first_mql_at is not null',
    // Reached means that stage or a later one (a lead won straight from SAL reached SQL too).
    `create function takt_refresh_lead_milestones(ws uuid, lead_ids uuid[]) returns void
       language sql volatile as $$
         delete from lead_milestones m where m.workspace_id = ws and m.lead_id = any(lead_ids)
           and not exists (select 1 from transitions t
             where t.workspace_id = ws and t.lead_id = m.lead_id and t.seq = 0);
         insert into lead_milestones as m (workspace_id, lead_id, created_at, source, lane, agreement_version,
           campaign, owner_id, mql_at, sal_at, sql_at, opportunity_at, customer_at, recycled, disqualified,
           first_mql_at, first_mql_fit, first_mql_engagement, first_mql_version, won_amount)
         select l.workspace_id, l.id,
           min(t.at) filter (where t.seq = 0),
           lower(min(t.source) filter (where t.seq = 0)),
           min(t.lane) filter (where t.seq = 0),
           min(t.agreement_version) filter (where t.seq = 0),
           (select e.properties->>'utm_campaign' from events e
             where e.workspace_id = l.workspace_id and e.lead_id = l.id order by e.occurred_at, e.seq limit 1),
           l.owner_id,
           min(t.at) filter (where t.to_stage in ('mql', 'sal', 'sql', 'opportunity', 'customer')),
           min(t.at) filter (where t.to_stage in ('sal', 'sql', 'opportunity', 'customer')),
           min(t.at) filter (where t.to_stage in ('sql', 'opportunity', 'customer')),
           min(t.at) filter (where t.to_stage in ('opportunity', 'customer')),
           min(t.at) filter (where t.to_stage = 'customer'),
           coalesce(bool_or(t.to_stage = 'recycled'), false),
           coalesce(bool_or(t.to_stage = 'disqualified'), false),
           (array_agg(t.at order by t.seq) filter (where t.to_stage = 'mql'))[1],
           (array_agg(t.fit_score order by t.seq) filter (where t.to_stage = 'mql'))[1],
           (array_agg(t.engagement_score order by t.seq) filter (where t.to_stage = 'mql'))[1],
           (array_agg(t.agreement_version order by t.seq) filter (where t.to_stage = 'mql'))[1],
           case when bool_or(t.to_stage = 'customer') then (l.state->'deal'->>'amount')::numeric end
         from leads l join transitions t on t.workspace_id = l.workspace_id and t.lead_id = l.id
         where l.workspace_id = ws and l.id = any(lead_ids)
         group by l.workspace_id, l.id
         having bool_or(t.seq = 0)
         on conflict (workspace_id, lead_id) do update set
           created_at = excluded.created_at, source = excluded.source, lane = excluded.lane,
           agreement_version = excluded.agreement_version, campaign = excluded.campaign,
           owner_id = excluded.owner_id, mql_at = excluded.mql_at, sal_at = excluded.sal_at,
           sql_at = excluded.sql_at, opportunity_at = excluded.opportunity_at,
           customer_at = excluded.customer_at, recycled = excluded.recycled,
           disqualified = excluded.disqualified, first_mql_at = excluded.first_mql_at,
           first_mql_fit = excluded.first_mql_fit, first_mql_engagement = excluded.first_mql_engagement,
           first_mql_version = excluded.first_mql_version, won_amount = excluded.won_amount
         -- a row that stays as it was is not written again (most projections change none of this)
         where (m.created_at, m.source, m.lane, m.agreement_version, m.campaign, m.owner_id, m.mql_at,
             m.sal_at, m.sql_at, m.opportunity_at, m.customer_at, m.recycled, m.disqualified,
             m.first_mql_at, m.first_mql_fit, m.first_mql_engagement, m.first_mql_version, m.won_amount)
           is distinct from (excluded.created_at, excluded.source, excluded.lane, excluded.agreement_version,
             excluded.campaign, excluded.owner_id, excluded.mql_at, excluded.sal_at, excluded.sql_at,
             excluded.opportunity_at, excluded.customer_at, excluded.recycled, excluded.disqualified,
             excluded.first_mql_at, excluded.first_mql_fit, excluded.first_mql_engagement,
             excluded.first_mql_version, excluded.won_amount)
       $$`,
    `select takt_refresh_lead_milestones(w.id, array(select l.id from leads l where l.workspace_id = w.id))
       from workspaces w`,
    // When the lead entered the stage a transition leaves (null for its first transition).
    'alter table transitions add column from_at timestamptz',
    `update transitions t set from_at = p.at from transitions p
       where p.workspace_id = t.workspace_id and p.lead_id = t.lead_id and p.seq = t.seq - 1`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'alter table transitions drop column from_at',
    'drop function takt_refresh_lead_milestones(uuid, uuid[])',
    'drop table lead_milestones',
  ])
}
