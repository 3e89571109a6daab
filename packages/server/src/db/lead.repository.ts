// Leads: created by e-mail on first touch; everything else on the row is a projection of the log.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'

/** A lead row as it was before a reprojection: enough to tell what changed. */
export type LeadBefore = {
  id: string
  stage: string
  stage_entered_at: Date
  owner_id: string | null
  touchpoint_count: number
  sla_breaches: number
}

export type LeadProjectionRow = {
  id: string
  first_name: string | null
  last_name: string | null
  title: string | null
  phone: string | null
  company_name: string | null
  country: string | null
  account_id: string | null
  lane: string | null
  stage: LeadStage
  stage_entered_at: string
  owner_id: string | null
  fit_score: number
  engagement_score: number
  scored_at: string
  agreement_version: number
  first_touch_at: string | null
  last_touch_at: string | null
  touchpoint_count: number
  next_check_at: string | null
  sla_check_at: string | null
  profile: unknown
  state: unknown
}

export type TransitionRow = {
  lead_id: string
  seq: number
  from_stage: string | null
  to_stage: string
  at: string
  actor_type: string
  actor_id: string | null
  agreement_version: number
  reason: string | null
  trigger: unknown
  fit_score: number
  engagement_score: number
}

export const leadRepository = {
  /** Returns lead ids by lower-case e-mail, creating the missing leads as bare rows to be projected. */
  async upsertByEmail(
    db: Kysely<Database>,
    workspaceId: string,
    emails: string[],
    now: Date,
  ): Promise<Map<string, string>> {
    const unique = [...new Set(emails.map((email) => email.toLowerCase()))]
    if (unique.length === 0) return new Map()
    const rows = await db
      .insertInto('leads')
      .values(
        unique.map((email) => ({
          workspace_id: workspaceId,
          email,
          stage: 'lead',
          stage_entered_at: now,
          scored_at: now,
          first_touch_at: now,
          last_touch_at: now,
        })),
      )
      // A no-op update makes RETURNING include the leads that already existed.
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'email']).doUpdateSet({ email: sql`excluded.email` }),
      )
      .returning(['id', 'email'])
      .execute()
    return new Map(rows.map((row) => [row.email, row.id]))
  },

  /** Writes many projections with one statement, whatever the batch size. */
  async saveProjections(db: Kysely<Database>, workspaceId: string, rows: LeadProjectionRow[]): Promise<void> {
    if (rows.length === 0) return
    await sql`
      update leads as l set
        first_name = v.first_name, last_name = v.last_name, title = v.title, phone = v.phone,
        company_name = v.company_name, country = v.country, account_id = coalesce(v.account_id, l.account_id), lane = v.lane,
        stage = v.stage, stage_entered_at = v.stage_entered_at, owner_id = v.owner_id,
        fit_score = v.fit_score, engagement_score = v.engagement_score, scored_at = v.scored_at,
        agreement_version = v.agreement_version, first_touch_at = v.first_touch_at, last_touch_at = v.last_touch_at,
        touchpoint_count = v.touchpoint_count, next_check_at = v.next_check_at,
        sla_check_at = v.sla_check_at, profile = v.profile,
        state = v.state, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
        id uuid, first_name text, last_name text, title text, phone text, company_name text, country text,
        account_id uuid, lane text, stage text, stage_entered_at timestamptz, owner_id uuid,
        fit_score double precision, engagement_score double precision, scored_at timestamptz,
        agreement_version int, first_touch_at timestamptz, last_touch_at timestamptz, touchpoint_count int,
        next_check_at timestamptz, sla_check_at timestamptz, profile jsonb, state jsonb)
      where l.workspace_id = ${workspaceId} and l.id = v.id`.execute(db)
  },

  async replaceTransitions(
    db: Kysely<Database>,
    workspaceId: string,
    leadIds: string[],
    rows: TransitionRow[],
  ): Promise<void> {
    if (leadIds.length === 0) return
    await db
      .deleteFrom('transitions')
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', 'in', leadIds)
      .execute()
    if (rows.length === 0) return
    await sql`
      insert into transitions (workspace_id, lead_id, seq, from_stage, to_stage, at, actor_type, actor_id,
        agreement_version, reason, trigger, fit_score, engagement_score)
      select ${workspaceId}::uuid, v.lead_id, v.seq, v.from_stage, v.to_stage, v.at, v.actor_type, v.actor_id,
        v.agreement_version, v.reason, v.trigger, v.fit_score, v.engagement_score
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
        lead_id uuid, seq int, from_stage text, to_stage text, at timestamptz, actor_type text, actor_id uuid,
        agreement_version int, reason text, trigger jsonb, fit_score double precision, engagement_score double precision)`.execute(
      db,
    )
  },

  async listTransitions(db: Kysely<Database>, workspaceId: string, leadIds: string[]) {
    if (leadIds.length === 0) return []
    return db
      .selectFrom('transitions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', 'in', leadIds)
      .orderBy('lead_id')
      .orderBy('seq')
      .execute()
  },

  /**
   * MQLs without an owner, ripest first (fit + engagement), then the longest waiting: the order in which
   * free capacity is handed out and in which the team queues are shown.
   */
  async listWaitingMqls(
    db: Kysely<Database>,
    workspaceId: string,
    limit: number,
    options: { claim?: boolean } = {},
  ) {
    const query = db
      .selectFrom('leads')
      .leftJoin('accounts', (join) =>
        join
          .onRef('accounts.workspace_id', '=', 'leads.workspace_id')
          .onRef('accounts.id', '=', 'leads.account_id'),
      )
      .select([
        'leads.id',
        'leads.email',
        'leads.account_id',
        'leads.first_name',
        'leads.last_name',
        'leads.company_name',
        'leads.fit_score',
        'leads.engagement_score',
        'leads.stage_entered_at',
        'leads.profile',
        'accounts.owner_id as account_owner_id',
      ])
      .where('leads.workspace_id', '=', workspaceId)
      .where('leads.stage', '=', 'mql')
      .where('leads.owner_id', 'is', null)
      .orderBy(sql`leads.fit_score + leads.engagement_score`, 'desc')
      .orderBy('leads.stage_entered_at')
      .limit(limit)
    // Claimed for routing, so that two server instances never hand the same lead out twice.
    return options.claim ? query.forUpdate(['leads']).skipLocked().execute() : query.execute()
  },

  /** What the leads were before a reprojection, to tell what changed (see lead-change-events.ts). */
  async changeBaseline(
    db: Kysely<Database>,
    workspaceId: string,
    ids: string[],
  ): Promise<Map<string, LeadBefore>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('leads')
      .select([
        'id',
        'stage',
        'stage_entered_at',
        'owner_id',
        'touchpoint_count',
        sql<number>`coalesce(jsonb_array_length(state->'slaBreaches'), 0)::int`.as('sla_breaches'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute()
    return new Map(rows.map((row) => [row.id, { ...row, sla_breaches: Number(row.sla_breaches) }]))
  },

  /** Leads whose cool-down or score refresh is due, claimed so parallel workers take different ones. */
  async claimDue(
    db: Kysely<Database>,
    now: Date,
    limit: number,
  ): Promise<Array<{ workspace_id: string; id: string }>> {
    const result = await sql<{ workspace_id: string; id: string }>`
      select workspace_id, id from leads
      where next_check_at is not null and next_check_at <= ${now}
      order by next_check_at limit ${limit}
      for update skip locked`.execute(db)
    return result.rows
  },
}
