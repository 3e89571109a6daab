// The API bench's workspace: a few hundred leads ingested through the real path (touchpoints, accounts,
// transitions, owners: what the detail rebuilds), and the million others written by INSERT … SELECT
// from generate_series in chunks, shaped like projected leads: stages spread over the lifecycle the
// way a funnel narrows, owners on sales stages, scores, touch dates over two years, sources and lanes.
import { performance } from 'node:perf_hooks'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../packages/server/src/db/tables.ts'

const CHUNK = 100_000
// Engagement as the projection stores it: points anchored at scored_at with a half-life, read decayed
// (takt_engagement); scored now, so the ceiling the list walks is the points themselves.
const HALF_LIFE_MS = 30 * 24 * 3600 * 1000

/** Inserts `count` generated leads (deterministic per chunk); returns the seconds it took. */
export async function insertGeneratedLeads(
  db: Kysely<Database>,
  workspaceId: string,
  count: number,
  reps: readonly string[],
  onProgress?: (done: number) => void,
): Promise<number> {
  const { version } = await db
    .selectFrom('agreement_versions')
    .select(sql<number>`max(version)`.as('version'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow()
  const started = performance.now()
  for (let first = 1; first <= count; first += CHUNK) {
    const last = Math.min(count, first + CHUNK - 1)
    await db.transaction().execute(async (trx) => {
      await sql`select setseed(${first / (count + 1)})`.execute(trx)
      await sql`
        insert into leads (workspace_id, email, first_name, last_name, title, company_name, country, lane,
          stage, stage_entered_at, owner_id, fit_score, engagement_score, engagement_terms, engagement_ceiling,
          scored_at, agreement_version,
          first_touch_at, last_touch_at, touchpoint_count, next_check_at, profile, created_at, updated_at)
        select ${workspaceId}::uuid, 'person' || i || '@firma' || (i % 20000) || '.de',
          (array['Anna','Jonas','Lena','Lukas','Sophie','Felix','Marie','Paul'])[1 + i % 8],
          (array['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Hoffmann'])[1 + i % 9],
          (array['Werkleiter','Leiter Produktion','Einkauf','Geschäftsführer','Student'])[1 + i % 5],
          'Firma ' || (i % 20000) || (array[' GmbH',' AG',' KG'])[1 + i % 3],
          (array['DE','AT','CH'])[1 + i % 3],
          case when source = 'sdr_list' then 'cold_outreach' else 'inbound' end,
          stage, touched - random() * interval '90 days',
          case when stage in ('sal', 'sql', 'opportunity', 'customer') or (stage = 'mql' and random() < 0.8)
            then (${sql.val(reps)}::uuid[])[1 + floor(random() * ${reps.length})::int] end,
          round((random() * 100)::numeric, 1), engagement,
          jsonb_build_array(jsonb_build_array(${HALF_LIFE_MS}::float8, engagement)), engagement, now(), ${version}::int,
          touched - random() * interval '365 days', touched, 1 + floor(random() * 40)::int,
          case when stage in ('mql', 'sal') then now() + random() * interval '5 days' end,
          jsonb_build_object('source', source), touched, touched
        from (
          select i,
            case when r < 0.55 then 'lead' when r < 0.60 then 'mql' when r < 0.65 then 'sal'
              when r < 0.69 then 'sql' when r < 0.72 then 'opportunity' when r < 0.75 then 'customer'
              when r < 0.90 then 'recycled' else 'disqualified' end as stage,
            (array['website','webinar','trade_fair','partner_referral','newsletter','sdr_list'])[1 + i % 6] as source,
            now() - random() * interval '730 days' as touched,
            round((random() * 150)::numeric, 1)::float8 as engagement
          from (select i, random() as r from generate_series(${first}::int, ${last}::int) as i) as numbered
        ) as generated`.execute(trx)
    })
    onProgress?.(last)
  }
  return (performance.now() - started) / 1000
}
