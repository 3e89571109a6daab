// Leads: created by e-mail on first touch; everything else on the row is a projection of the log.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { LeadSnapshot } from '#core/lifecycle/replay-lead.ts'
import type { LeadProjectionRow, StoredProjection, TransitionRow } from '#core/projection/lead-row.ts'
import type { LeadBefore } from '#core/projection/lead-change-events.ts'

function storedOf(row: {
  snapshot: unknown
  checkpoints: unknown
  sla_check_at: Date | null
}): StoredProjection {
  return {
    snapshot: row.snapshot as LeadSnapshot | null,
    checkpoints: row.checkpoints as LeadSnapshot[] | null,
    slaCheckAt: row.sla_check_at?.getTime() ?? null,
  }
}

export const leadRepository = {
  /**
   * Finds or creates a lead per lower-case e-mail and locks it for the caller's transaction. Returns each
   * lead's id and snapshot (null for a new lead). Two steps, each in e-mail order: the missing leads are
   * inserted as bare rows to be projected (an existing one is skipped without being locked, one a
   * concurrent batch is inserting is waited for), then all of them are locked. Concurrent batches thus
   * take the same leads in the same order and cannot deadlock; locking the existing ones first and then
   * those another batch had created since did (measured: 1 in ~200 batches of the ingest bench).
   * Existing leads are locked, not updated: a no-op update would leave one more dead row version per
   * lead and batch for every later look-up to skip.
   */
  async upsertByEmail(
    db: Kysely<Database>,
    workspaceId: string,
    emails: string[],
    now: Date,
  ): Promise<Map<string, { id: string; stored: StoredProjection }>> {
    const unique = [...new Set(emails.map((email) => email.toLowerCase()))].sort()
    const found = new Map<string, { id: string; stored: StoredProjection }>()
    if (unique.length === 0) return found
    const at = now.toISOString()
    await sql`
      insert into leads (workspace_id, email, stage, stage_entered_at, scored_at, first_touch_at, last_touch_at)
      select ${workspaceId}::uuid, k.email, 'lead', ${at}::timestamptz, ${at}::timestamptz,
        ${at}::timestamptz, ${at}::timestamptz
      from unnest(${unique}::text[]) with ordinality as k(email, n)
      where not exists (select 1 from leads l where l.workspace_id = ${workspaceId} and l.email = k.email)
      order by k.n
      on conflict (workspace_id, email) do nothing`.execute(db)
    const rows = await db
      .selectFrom('leads')
      .select(['id', 'email', 'snapshot', 'checkpoints', 'sla_check_at'])
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', sql<string>`any(${unique}::text[])`)
      .orderBy('email')
      .forNoKeyUpdate()
      .execute()
    for (const row of rows) found.set(row.email, { id: row.id, stored: storedOf(row) })
    return found
  },

  /** Writes many projections with one statement, whatever the batch size. */
  async saveProjections(
    db: Kysely<Database>,
    workspaceId: string,
    rows: LeadProjectionRow[],
    /** leads whose stored checkpoints are still theirs: not sent, not rewritten */
    keptCheckpoints: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    if (rows.length === 0) return
    const values = rows.map((row) =>
      keptCheckpoints.has(row.id) ? { ...row, checkpoints: null, keep_checkpoints: true } : row,
    )
    await sql`
      update leads as l set
        first_name = v.first_name, last_name = v.last_name, title = v.title, phone = v.phone,
        company_name = v.company_name, country = v.country, account_id = coalesce(v.account_id, l.account_id), lane = v.lane,
        stage = v.stage, stage_entered_at = v.stage_entered_at, owner_id = v.owner_id,
        fit_score = v.fit_score, engagement_score = v.engagement_score,
        engagement_terms = v.engagement_terms, engagement_ceiling = v.engagement_ceiling, scored_at = v.scored_at,
        agreement_version = v.agreement_version, first_touch_at = v.first_touch_at, last_touch_at = v.last_touch_at,
        touchpoint_count = v.touchpoint_count, next_check_at = v.next_check_at,
        sla_check_at = v.sla_check_at, profile = v.profile,
        state = v.state, snapshot = v.snapshot,
        checkpoints = case when v.keep_checkpoints then l.checkpoints else v.checkpoints end, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
        id uuid, first_name text, last_name text, title text, phone text, company_name text, country text,
        account_id uuid, lane text, stage text, stage_entered_at timestamptz, owner_id uuid,
        fit_score double precision, engagement_score double precision, engagement_terms jsonb, engagement_ceiling double precision,
        scored_at timestamptz,
        agreement_version int, first_touch_at timestamptz, last_touch_at timestamptz, touchpoint_count int,
        next_check_at timestamptz, sla_check_at timestamptz, profile jsonb, state jsonb, snapshot jsonb,
        checkpoints jsonb, keep_checkpoints boolean)
      where l.workspace_id = ${workspaceId} and l.id = v.id`.execute(db)
  },

  /** Gives leads without an account the one their company's domain now has. */
  async linkAccounts(
    db: Kysely<Database>,
    workspaceId: string,
    links: Array<{ leadId: string; accountId: string }>,
  ): Promise<void> {
    if (links.length === 0) return
    await sql`
      update leads as l set account_id = k.account_id
      from unnest(${links.map((link) => link.leadId)}::uuid[], ${links.map((link) => link.accountId)}::uuid[])
        as k(lead_id, account_id)
      where l.workspace_id = ${workspaceId} and l.id = k.lead_id and l.account_id is null`.execute(db)
  },

  /** What each lead's next projection starts from. */
  async storedProjections(
    db: Kysely<Database>,
    workspaceId: string,
    ids: string[],
  ): Promise<Map<string, StoredProjection>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('leads')
      .select(['id', 'snapshot', 'checkpoints', 'sla_check_at'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute()
    return new Map(rows.map((row) => [row.id, storedOf(row)]))
  },

  /**
   * Keeps each lead's stored history up to its `firstSeq` and writes `rows` from there: new
   * transitions are appended, and only a late event's tail is deleted and written again.
   */
  async writeTransitions(
    db: Kysely<Database>,
    workspaceId: string,
    tails: Array<{ leadId: string; firstSeq: number }>,
    rows: TransitionRow[],
  ): Promise<void> {
    if (tails.length === 0) return
    await sql`
      delete from transitions as t using unnest(${tails.map((tail) => tail.leadId)}::uuid[],
        ${tails.map((tail) => tail.firstSeq)}::int[]) as k(lead_id, first_seq)
      where t.workspace_id = ${workspaceId} and t.lead_id = k.lead_id and t.seq >= k.first_seq`.execute(db)
    if (rows.length === 0) return
    // from_at: the previous row of the batch, or for a tail's first row the stored transition before it.
    await sql`
      insert into transitions (workspace_id, lead_id, seq, from_stage, to_stage, at, actor_type, actor_id,
        agreement_version, reason, trigger, fit_score, engagement_score, source, lane, owner_id, from_at)
      select ${workspaceId}::uuid, v.lead_id, v.seq, v.from_stage, v.to_stage, v.at, v.actor_type, v.actor_id,
        v.agreement_version, v.reason, v.trigger, v.fit_score, v.engagement_score, v.source, v.lane, v.owner_id,
        coalesce(lag(v.at) over (partition by v.lead_id order by v.seq),
          (select p.at from transitions p
            where p.workspace_id = ${workspaceId} and p.lead_id = v.lead_id and p.seq = v.seq - 1))
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
        lead_id uuid, seq int, from_stage text, to_stage text, at timestamptz, actor_type text, actor_id uuid,
        agreement_version int, reason text, trigger jsonb, fit_score double precision, engagement_score double precision,
        source text, lane text, owner_id uuid)`.execute(db)
  },

  /**
   * Derives the reports' read models of these leads from their stored history, decisions and current
   * row: lead_milestones (migration 0026), hand_offs (0027) and the transitions' report columns (0028);
   * rows that stay as they were are not written.
   */
  async refreshReportRows(db: Kysely<Database>, workspaceId: string, leadIds: string[]): Promise<void> {
    if (leadIds.length === 0) return
    await sql`select takt_refresh_lead_milestones(${workspaceId}::uuid, ${leadIds}::uuid[]),
      takt_refresh_hand_offs(${workspaceId}::uuid, ${leadIds}::uuid[])`.execute(db)
    // Apart, after the milestones: the transitions take their lead's campaign from there.
    await sql`select takt_refresh_transition_figures(${workspaceId}::uuid, ${leadIds}::uuid[])`.execute(db)
  },

  /**
   * Locks a lead for a decision on it (a person's command, an undo): two people acting on one lead take
   * turns, and the second sees the first one's result.
   */
  async lockForDecision(db: Kysely<Database>, workspaceId: string, leadId: string) {
    return db
      .selectFrom('leads')
      .select(['id', 'email', 'account_id', 'owner_id', 'stage'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', leadId)
      .forUpdate()
      .executeTakeFirst()
  },

  /** The lead's latest transition: the one its current stage began with. */
  async lastTransition(db: Kysely<Database>, workspaceId: string, leadId: string) {
    const row = await db
      .selectFrom('transitions')
      .select(['from_stage', 'to_stage', 'at', 'reason'])
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    return { ...row, at: row.at.toISOString() }
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
    now: Date,
    options: { claim?: boolean } = {},
  ) {
    const engagement = sql<number>`takt_engagement(leads.engagement_terms, leads.scored_at, ${now})`
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
        engagement.as('engagement_score'),
        'leads.stage_entered_at',
        'leads.profile',
        'accounts.owner_id as account_owner_id',
      ])
      .where('leads.workspace_id', '=', workspaceId)
      .where('leads.stage', '=', 'mql')
      .where('leads.owner_id', 'is', null)
      .orderBy(sql`leads.fit_score + ${engagement}`, 'desc')
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
