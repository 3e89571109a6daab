// The fold goes on from where it stopped instead of replaying every lead's whole log: each lead keeps
// its snapshot, and its engagement as a few terms that decay (so a read computes engagement now, and no
// job refreshes scores). Transitions become the stage-entry read model reports count from: with the
// lead's source, lane and owner at the time, and indexes for counts by period.
import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'alter table leads add column snapshot jsonb',
    `alter table leads add column engagement_terms jsonb not null default '[]'`,
    // Engagement at `at` from terms anchored at `anchored_at`: the same sum engagementFromTerms computes.
    `create function takt_engagement(terms jsonb, anchored_at timestamptz, at timestamptz)
       returns double precision language sql immutable parallel safe as $$
         select coalesce(sum(case when term->0 = 'null'::jsonb then (term->>1)::float8
           else (term->>1)::float8 * power(0.5::float8,
             extract(epoch from (at - anchored_at))::float8 * 1000 / (term->>0)::float8) end), 0)
         from jsonb_array_elements(terms) as term
       $$`,
    // The most engagement can reach from scored_at on (engagementCeiling): lists sorted by engagement
    // scan leads by it and stop once no lead further down can beat the page (list-leads.ts).
    'alter table leads add column engagement_ceiling double precision not null default 0',
    // Leads projected before keep their score until their next fold, as a term that does not decay, and
    // that fold is due now: the due-leads round works through them and stores their snapshot and terms.
    `update leads set engagement_terms = jsonb_build_array(jsonb_build_array(null, engagement_score)),
       engagement_ceiling = engagement_score where engagement_score <> 0`,
    `update leads set next_check_at = now() where next_check_at is null or next_check_at > now()`,
    'drop index leads_engagement_idx',
    'create index leads_engagement_idx on leads (workspace_id, engagement_ceiling desc, id desc)',
    'drop index leads_stage_idx',
    'create index leads_stage_idx on leads (workspace_id, stage, engagement_ceiling desc, id desc)',
    // The list's other sorts read all of a large workspace's leads and sorted them (npm run bench:
    // ~950 ms by last touch at 1,000,000 leads); never-touched leads sort as touched at the epoch.
    'create index leads_last_touch_idx on leads (workspace_id, (coalesce(last_touch_at, to_timestamp(0))) desc, id desc)',
    'create index leads_stage_entered_idx on leads (workspace_id, stage, stage_entered_at desc, id desc)',
    'alter table transitions add column source text',
    'alter table transitions add column lane text',
    'alter table transitions add column owner_id uuid',
    // Flow reports: entries in a period by day, and by owner or source within it.
    'create index transitions_at_idx on transitions (workspace_id, at)',
    'create index transitions_owner_idx on transitions (workspace_id, owner_id, at) where owner_id is not null',
    // Every batch updates its leads: analyzed and vacuumed sooner than the default 10 % and 20 % of a
    // table's rows, so foreign-key checks and look-ups keep plans made from current statistics.
    'alter table leads set (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05)',
    'alter table events set (autovacuum_analyze_scale_factor = 0.02)',
    'alter table transitions set (autovacuum_analyze_scale_factor = 0.02)',
    // Erasure is a command of its own now, no longer a disqualification with a snapshot tucked into it.
    `update decisions set kind = 'erase', reason = null, data = data - 'reason'
       where kind = 'disqualify' and actor_type = 'system' and reason = 'erasure' and data ? 'erasure'`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `update decisions set kind = 'disqualify', reason = 'erasure',
       data = data || '{"reason": "erasure"}'::jsonb where kind = 'erase'`,
    'alter table transitions reset (autovacuum_analyze_scale_factor)',
    'alter table events reset (autovacuum_analyze_scale_factor)',
    'alter table leads reset (autovacuum_analyze_scale_factor, autovacuum_vacuum_scale_factor)',
    'drop index transitions_owner_idx',
    'drop index transitions_at_idx',
    'alter table transitions drop column owner_id',
    'alter table transitions drop column lane',
    'alter table transitions drop column source',
    'drop function takt_engagement(jsonb, timestamptz, timestamptz)',
    'drop index leads_stage_entered_idx',
    'drop index leads_last_touch_idx',
    'drop index leads_stage_idx',
    'create index leads_stage_idx on leads (workspace_id, stage, engagement_score desc, id)',
    'drop index leads_engagement_idx',
    'create index leads_engagement_idx on leads (workspace_id, engagement_score desc, id desc)',
    'alter table leads drop column engagement_ceiling',
    'alter table leads drop column engagement_terms',
    'alter table leads drop column snapshot',
  ])
}
