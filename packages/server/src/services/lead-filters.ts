// The filters of the lead list and the pipeline counts, as one predicate: both queries use it, so each
// count equals the total the list pages through for that stage.
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import { visibleLeads, type Visibility } from './lead-visibility.ts'
import type { ScoreRange } from '#core/util/score-range.ts'

export type LeadFilters = {
  stage?: LeadStage[]
  /** a user id, or 'none' for unowned leads */
  owner?: string
  lane?: string
  /** the first touchpoint's source, compared case-insensitively */
  source?: string
  q?: string
  minFit?: number
  maxFit?: number
  minEngagement?: number
  maxEngagement?: number
  /** entered the current stage at or after this instant */
  enteredSince?: Date
  /** last touched at or after this instant; never-touched leads do not match */
  touchedSince?: Date
  /**
   * has a stage change into one of `stages`, with every other bound given holding for that same change:
   * the leads behind a report's number ("entered SQL in November, owned by Jonas then, under version 7")
   */
  entered?: {
    stages: LeadStage[]
    /** at or after */
    from?: Date
    /** before */
    to?: Date
    /** the owner recorded with the change */
    owner?: string
    /** the agreement version recorded with the change */
    version?: number
    /** the change left one of these stages */
    leaving?: LeadStage[]
    /** the reason code recorded with the change */
    reason?: string
    /** a person's decision, or the system's (rules, SLA steps) */
    by?: 'person' | 'system'
  }
  /** first touchpoint at or after `from` and before `to`: a report's cohort */
  firstTouch?: { from?: Date; to?: Date }
  /**
   * first became MQL in the period, with the scores and version of that entry (lead_milestones): the
   * leads behind a calibration band
   */
  firstMql?: {
    from?: Date
    to?: Date
    version?: number
    fit?: ScoreRange
    engagement?: ScoreRange
  }
  /**
   * was handed to a rep (an assignment not undone; hand_offs, migration 0027), with every bound given
   * holding for that same hand-off: the leads behind the SLA report's numbers
   */
  handOff?: {
    /** at or after */
    from?: Date
    /** before */
    to?: Date
    /** the rep as routing names them (e-mail, any case) */
    rep?: string
    team?: string
    /** the agreement version of the MQL entry handed off */
    version?: number
  }
  visibility?: Visibility
  /** the instant engagement bounds are checked at */
  at: Date
}

export function matchesLeadFilters(filters: LeadFilters) {
  return (where: ExpressionBuilder<Database, 'leads'>) => {
    const conditions = [visibleLeads(filters.visibility ?? {})(where)]
    if (filters.stage?.length) conditions.push(where('stage', 'in', filters.stage))
    if (filters.owner === 'none') conditions.push(where('owner_id', 'is', null))
    else if (filters.owner) conditions.push(where('owner_id', '=', filters.owner))
    if (filters.lane) conditions.push(where('lane', '=', filters.lane))
    if (filters.source)
      conditions.push(where(sql`lower(profile->>'source')`, '=', filters.source.toLowerCase()))
    if (filters.minFit !== undefined) conditions.push(where('fit_score', '>=', filters.minFit))
    if (filters.maxFit !== undefined) conditions.push(where('fit_score', '<=', filters.maxFit))
    if (filters.minEngagement !== undefined) {
      // The ceiling bound lets the index skip leads that cannot reach the minimum any more.
      conditions.push(where('engagement_ceiling', '>=', filters.minEngagement))
      conditions.push(where(engagementNow(filters.at), '>=', filters.minEngagement))
    }
    if (filters.maxEngagement !== undefined)
      conditions.push(where(engagementNow(filters.at), '<=', filters.maxEngagement))
    if (filters.enteredSince) conditions.push(where('stage_entered_at', '>=', filters.enteredSince))
    if (filters.touchedSince) conditions.push(where('last_touch_at', '>=', filters.touchedSince))
    if (filters.q) conditions.push(matchesText(where, filters.q))
    if (filters.entered) conditions.push(enteredStage(where, filters.entered))
    if (filters.firstTouch?.from) conditions.push(where('first_touch_at', '>=', filters.firstTouch.from))
    if (filters.firstTouch?.to) conditions.push(where('first_touch_at', '<', filters.firstTouch.to))
    if (filters.handOff) conditions.push(handedOff(where, filters.handOff))
    if (filters.firstMql) conditions.push(firstMqlIn(where, filters.firstMql))
    return where.and(conditions)
  }
}

// EXISTS, correlated by workspace and lead: the planner makes it a semi-join, by the stage index
// (workspace, stage, at) when the period is narrow, else probing each listed lead's own history.
function enteredStage(
  where: ExpressionBuilder<Database, 'leads'>,
  entered: NonNullable<LeadFilters['entered']>,
) {
  return where.exists(
    where
      .selectFrom('transitions')
      .select(sql`1`.as('one'))
      .whereRef('transitions.workspace_id', '=', 'leads.workspace_id')
      .whereRef('transitions.lead_id', '=', 'leads.id')
      .where('transitions.to_stage', 'in', entered.stages)
      .$if(entered.from !== undefined, (query) => query.where('transitions.at', '>=', entered.from!))
      .$if(entered.to !== undefined, (query) => query.where('transitions.at', '<', entered.to!))
      .$if(entered.owner !== undefined, (query) => query.where('transitions.owner_id', '=', entered.owner!))
      .$if(entered.version !== undefined, (query) =>
        query.where('transitions.agreement_version', '=', entered.version!),
      )
      .$if(entered.leaving !== undefined, (query) =>
        query.where('transitions.from_stage', 'in', entered.leaving!),
      )
      .$if(entered.reason !== undefined, (query) => query.where('transitions.reason', '=', entered.reason!))
      .$if(entered.by !== undefined, (query) =>
        entered.by === 'system'
          ? query.where('transitions.actor_type', '=', 'system')
          : query.where('transitions.actor_type', '<>', 'system'),
      ),
  )
}

function handedOff(
  where: ExpressionBuilder<Database, 'leads'>,
  handOff: NonNullable<LeadFilters['handOff']>,
) {
  return where.exists(
    where
      .selectFrom('hand_offs')
      .select(sql`1`.as('one'))
      .whereRef('hand_offs.workspace_id', '=', 'leads.workspace_id')
      .whereRef('hand_offs.lead_id', '=', 'leads.id')
      .$if(handOff.from !== undefined, (query) => query.where('hand_offs.assigned_at', '>=', handOff.from!))
      .$if(handOff.to !== undefined, (query) => query.where('hand_offs.assigned_at', '<', handOff.to!))
      .$if(handOff.rep !== undefined, (query) =>
        query.where('hand_offs.rep', '=', handOff.rep!.toLowerCase()),
      )
      .$if(handOff.team !== undefined, (query) => query.where('hand_offs.team', '=', handOff.team!))
      .$if(handOff.version !== undefined, (query) =>
        query.where('hand_offs.mql_version', '=', handOff.version!),
      ),
  )
}

function firstMqlIn(
  where: ExpressionBuilder<Database, 'leads'>,
  firstMql: NonNullable<LeadFilters['firstMql']>,
) {
  const inRange =
    (column: 'first_mql_fit' | 'first_mql_engagement', range: ScoreRange | undefined) =>
    (query: SelectQueryBuilder<Database, 'lead_milestones', { one: unknown }>) => {
      if (!range) return query
      const ref = `lead_milestones.${column}` as const
      let bounded = query
      if (range.min !== null) bounded = bounded.where(ref, range.minInclusive ? '>=' : '>', range.min)
      if (range.max !== null) bounded = bounded.where(ref, range.maxInclusive ? '<=' : '<', range.max)
      return bounded
    }
  return where.exists(
    where
      .selectFrom('lead_milestones')
      .select(sql`1`.as('one'))
      .whereRef('lead_milestones.workspace_id', '=', 'leads.workspace_id')
      .whereRef('lead_milestones.lead_id', '=', 'leads.id')
      .where('lead_milestones.first_mql_at', 'is not', null)
      .$if(firstMql.from !== undefined, (query) =>
        query.where('lead_milestones.first_mql_at', '>=', firstMql.from!),
      )
      .$if(firstMql.to !== undefined, (query) =>
        query.where('lead_milestones.first_mql_at', '<', firstMql.to!),
      )
      .$if(firstMql.version !== undefined, (query) =>
        query.where('lead_milestones.first_mql_version', '=', firstMql.version!),
      )
      .$call(inRange('first_mql_fit', firstMql.fit))
      .$call(inRange('first_mql_engagement', firstMql.engagement)),
  )
}

function matchesText(where: ExpressionBuilder<Database, 'leads'>, q: string) {
  const text = q.trim().toLowerCase()
  if (text.includes('@')) return where('email', '=', text)
  const pattern = `%${text.replace(/[%_\\]/g, (char) => `\\${char}`)}%`
  return where.or([
    where('email', 'like', pattern),
    where(sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`, 'like', pattern),
    where(sql`lower(coalesce(company_name, ''))`, 'like', pattern),
  ])
}

/** A lead's engagement at `at`, decayed from its stored terms (the SQL twin of engagementFromTerms). */
export function engagementNow(at: Date) {
  return sql<number>`takt_engagement(engagement_terms, scored_at, ${at})`
}
