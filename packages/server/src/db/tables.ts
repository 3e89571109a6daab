// Row types of the schema in ./migrations, as Kysely sees them. Both drivers return the same JS
// types (see ./type-parsers.ts): timestamptz → Date, bigint/numeric → number, jsonb → parsed value.
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import type { JourneyStage } from '#core/agreement/agreement-document.ts'
import type { LeadSnapshot } from '#core/lifecycle/replay-lead.ts'
import type { EngagementTerms } from '#core/scoring/credit-touchpoints.ts'
import type { BacktestReport } from '#core/backtest/backtest-report.ts'
import type { BacktestLead } from '#core/backtest/backtest-lead.ts'
import type { Explanation } from '#core/explanation/explanation.ts'
import type { ModelEvaluation } from '#core/prediction/evaluate-models.ts'
import type { PredictionArtifact } from '#core/prediction/train-prediction-model.ts'

/** Read as a Date; written as a Date or an ISO 8601 string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>
/** A timestamp the database fills in (default now()) unless one is given. */
export type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>

// jsonb is written as JSON text: node-postgres would send a JS array as a Postgres array literal,
// which jsonb rejects, so JSON.stringify at the call site is the one way that works on both drivers.
export type Json<T> = ColumnType<T, string, string>
export type JsonWithDefault<T> = ColumnType<T, string | undefined, string>
export type JsonObject = Record<string, unknown>

export type UserRole = 'admin' | 'marketing' | 'sales' | 'sales_manager'
export type Locale = 'de' | 'en'
export type ApiKeyScope = 'ingest' | 'read' | 'admin'
export type AgreementStatus = 'draft' | 'proposed' | 'approved' | 'active' | 'retired' | 'withdrawn'
export type ActorType = 'user' | 'api_key' | 'system'

export interface WorkspaceTable {
  id: Generated<string>
  slug: string
  name: string
  timezone: Generated<string>
  created_at: DefaultNow
  /** one party may activate an agreement version without the other side's approval */
  single_party_activation: Generated<boolean>
  /** field paths known only after hand-off: never a feature of the predictive score (migration 0030) */
  post_hand_off_fields: ColumnType<string[], string[] | undefined, string[]>
}

export interface UserTable {
  workspace_id: string
  id: Generated<string>
  email: string
  name: string
  role: UserRole
  password_hash: string
  locale: Generated<Locale>
  created_at: DefaultNow
  disabled_at: Timestamp | null
  password_changed_at: Timestamp | null
  /** German state code (BY, NW, …) whose holidays the rep's SLA clock skips */
  region: string | null
  out_of_office: JsonWithDefault<OutOfOffice[]>
}

/** A period a rep takes no new leads; `until` is exclusive. */
export type OutOfOffice = { from: string; until: string; note?: string }

export interface SessionTable {
  workspace_id: string
  /** sha256 of the session token: the token itself is never stored */
  id: string
  user_id: string
  created_at: DefaultNow
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

export interface ApiKeyTable {
  workspace_id: string
  id: Generated<string>
  name: string
  scope: ApiKeyScope
  key_hash: string
  prefix: string
  created_by: string | null
  created_at: DefaultNow
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface AgreementVersionTable {
  workspace_id: string
  version: number
  name: string
  document: Json<unknown>
  /** the YAML (or JSON) exactly as written, comments included */
  source: string
  status: AgreementStatus
  created_by: string | null
  created_at: DefaultNow
  activated_at: Timestamp | null
}

export type AgreementReviewAction =
  'drafted' | 'edited' | 'proposed' | 'approved' | 'changes_requested' | 'withdrawn' | 'activated' | 'retired'
export type ApprovalSide = 'marketing' | 'sales'

/** One step of an agreement version's governance: who, when, for which side, with what comment. */
export interface AgreementReviewTable {
  workspace_id: string
  id: GeneratedAlways<number>
  version: number
  action: AgreementReviewAction
  /** null for an API key */
  actor_id: string | null
  side: ApprovalSide | null
  comment: string | null
  at: Timestamp
}

export interface ContentItemTable {
  workspace_id: string
  id: string
  title: string
  kind: string
  journey_stage: JourneyStage | null
  topics: JsonWithDefault<string[]>
  url: string | null
  /** ISO 639-1 (migration 0029); null: language-neutral */
  language: string | null
  created_at: DefaultNow
  updated_at: DefaultNow
}

export interface AccountTable {
  workspace_id: string
  id: Generated<string>
  domain: string
  name: string | null
  industry: string | null
  employees: number | null
  country: string | null
  owner_id: string | null
  created_at: DefaultNow
  updated_at: DefaultNow
}

export interface LeadTable {
  workspace_id: string
  id: Generated<string>
  email: string
  first_name: string | null
  last_name: string | null
  title: string | null
  phone: string | null
  account_id: string | null
  company_name: string | null
  country: string | null
  lane: string | null
  stage: LeadStage
  stage_entered_at: Timestamp
  owner_id: string | null
  fit_score: Generated<number>
  /** engagement at `scored_at`; `engagement_terms` give it at any later instant (takt_engagement) */
  engagement_score: Generated<number>
  engagement_terms: JsonWithDefault<EngagementTerms>
  /** the most engagement can reach from scored_at on (engagementCeiling): lists scan by it */
  engagement_ceiling: Generated<number>
  scored_at: Timestamp
  agreement_version: number | null
  first_touch_at: Timestamp | null
  last_touch_at: Timestamp | null
  touchpoint_count: Generated<number>
  next_check_at: Timestamp | null
  /** when the next SLA breach step of the current hand-off falls due */
  sla_check_at: Timestamp | null
  profile: JsonWithDefault<JsonObject>
  /** lifecycle state the fold carries between touchpoints (recycling, checklist, deal) */
  state: JsonWithDefault<JsonObject>
  /** where the fold stopped; null: the next projection folds the whole log */
  snapshot: Json<LeadSnapshot> | null
  checkpoints: Json<LeadSnapshot[]> | null
  /** calibrated probability of the predictive score (migration 0030); null: not scored */
  predicted: number | null
  predicted_version: number | null
  created_at: DefaultNow
  updated_at: DefaultNow
}

/** Touchpoints: append-only, idempotent by the client's id. */
export interface EventTable {
  workspace_id: string
  seq: GeneratedAlways<number>
  client_id: string
  lead_id: string
  type: string
  occurred_at: Timestamp
  received_at: DefaultNow
  source: string | null
  content_id: string | null
  journey_stage: string | null
  topics: Json<string[]> | null
  properties: JsonWithDefault<JsonObject>
  lead_fields: JsonWithDefault<JsonObject>
  payload_hash: string
}

/** Touchpoints acknowledged but not yet applied to their leads (POST /events with respond-async). */
export interface IngestQueueTable {
  workspace_id: string
  seq: GeneratedAlways<number>
  client_id: string
  payload_hash: string
  item: Json<JsonObject>
  received_at: DefaultNow
}

/** Manual lifecycle commands: append-only, replayed with the events. */
export interface DecisionTable {
  workspace_id: string
  id: Generated<string>
  seq: GeneratedAlways<number>
  lead_id: string
  kind: string
  decided_at: Timestamp
  actor_type: ActorType
  actor_id: string | null
  reason: string | null
  note: string | null
  data: JsonWithDefault<JsonObject>
  /** set on system decisions a job could otherwise record twice */
  dedupe_key: string | null
  created_at: DefaultNow
  /** when its actor took it back (undo): kept for history and audit, left out of the fold */
  retracted_at: Timestamp | null
  retracted_by: string | null
}

/**
 * Stage history, the stage-entry read model reports count from: a projection of events + decisions,
 * appended as the fold goes on (a late event rewrites the tail from its instant on).
 */
export interface TransitionTable {
  workspace_id: string
  lead_id: string
  seq: number
  from_stage: LeadStage | null
  to_stage: LeadStage
  at: Timestamp
  actor_type: ActorType
  actor_id: string | null
  agreement_version: number | null
  reason: string | null
  trigger: Json<unknown>
  fit_score: number
  engagement_score: number
  source: string | null
  lane: string | null
  owner_id: string | null
  /** when the lead entered from_stage (null for its first transition) */
  from_at: Timestamp | null
  /** the rest is kept for the reports (migration 0028): utm_campaign of the lead's first touchpoint */
  campaign: string | null
  /** MQL entries: the rep's first answer before the lead left MQL */
  answered_at: Timestamp | null
  /** SQL entries: the latest MQL entry before */
  last_mql_at: Timestamp | null
  /** recycled entries: the first MQL entry after, and whether SQL (or later) and customer followed it */
  requalified_at: Timestamp | null
  requalified_sql: boolean | null
  requalified_won: boolean | null
}

/** One row per lead for the reports (migration 0026): when it first reached each stage or a later one. */
export interface LeadMilestoneTable {
  workspace_id: string
  lead_id: string
  created_at: Timestamp
  /** of the first transition, lower-case */
  source: string | null
  lane: string | null
  agreement_version: number | null
  /** utm_campaign of the first touchpoint */
  campaign: string | null
  /** now */
  owner_id: string | null
  mql_at: Timestamp | null
  sal_at: Timestamp | null
  sql_at: Timestamp | null
  opportunity_at: Timestamp | null
  customer_at: Timestamp | null
  recycled: boolean
  disqualified: boolean
  first_mql_at: Timestamp | null
  first_mql_fit: number | null
  first_mql_engagement: number | null
  first_mql_version: number | null
  won_amount: string | null
}

/** One row per hand-off for the SLA report (migration 0027). */
export interface HandOffTable {
  workspace_id: string
  decision_id: string
  lead_id: string
  assigned_at: Timestamp
  /** the rep's e-mail, lower-case, as routing named it */
  rep: string | null
  team: string | null
  /** the rep's first answer before the lead's next hand-off */
  answered_at: Timestamp | null
  /** the MQL entry it waited from in the team queue; null for a reassignment */
  queued_since: Timestamp | null
  mql_version: number | null
}

export interface AuditLogTable {
  workspace_id: string
  id: GeneratedAlways<number>
  at: DefaultNow
  actor_type: ActorType
  actor_id: string | null
  action: string
  target: string | null
  before: Json<unknown> | null
  after: Json<unknown> | null
}

/** Failed sign-ins, read before anyone is signed in (owner only, not tenant-scoped). */
export interface LoginFailureTable {
  workspace_slug: string
  email: string
  ip: string
  at: DefaultNow
}

/** The last rep each team's round-robin gave a lead to. */
export interface RoutingCursorTable {
  workspace_id: string
  team: string
  last_rep: string
  updated_at: DefaultNow
}

export interface NotificationTable {
  workspace_id: string
  id: Generated<string>
  user_id: string
  kind: string
  lead_id: string | null
  data: JsonWithDefault<JsonObject>
  dedupe_key: string | null
  created_at: DefaultNow
  read_at: Timestamp | null
}

/** The notification kinds a person switched off (no row: every kind is on). */
export interface NotificationSettingsTable {
  workspace_id: string
  user_id: string
  muted_kinds: JsonWithDefault<string[]>
  updated_at: DefaultNow
}

export type ActivityKind = 'call' | 'email' | 'meeting' | 'note'

export interface ActivityTable {
  workspace_id: string
  id: Generated<string>
  lead_id: string
  kind: ActivityKind
  outcome: string | null
  subject: string | null
  body: string | null
  duration_minutes: number | null
  occurred_at: Timestamp
  author_id: string | null
  created_at: DefaultNow
  erased_at: Timestamp | null
}

export interface TaskTable {
  workspace_id: string
  id: Generated<string>
  lead_id: string
  title: string
  due_at: Timestamp
  owner_id: string
  created_by: string | null
  created_at: DefaultNow
  done_at: Timestamp | null
  done_by: string | null
  erased_at: Timestamp | null
}

export type WebhookSecret = { secret: string; createdAt: string; expiresAt: string | null }

export interface WebhookSubscriptionTable {
  workspace_id: string
  id: Generated<string>
  url: string
  description: string | null
  event_types: Json<string[]>
  /** newest first; a rotated secret keeps signing until it expires */
  secrets: Json<WebhookSecret[]>
  enabled: Generated<boolean>
  /** DISABLED_BY_ADMIN or RECEIVER_GONE while disabled */
  disabled_reason: string | null
  disabled_at: Timestamp | null
  created_at: DefaultNow
  updated_at: DefaultNow
}

/** The outbox: one row per event, written in the transaction of the change it reports. */
export interface WebhookEventTable {
  workspace_id: string
  id: string
  type: string
  lead_id: string | null
  payload: Json<JsonObject>
  created_at: Timestamp
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled'

export interface WebhookDeliveryTable {
  workspace_id: string
  id: Generated<string>
  event_id: string
  subscription_id: string
  status: Generated<DeliveryStatus>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  locked_until: Timestamp | null
  last_status: number | null
  last_error: string | null
  delivered_at: Timestamp | null
  created_at: Timestamp
}

export interface WebhookAttemptTable {
  workspace_id: string
  delivery_id: string
  attempt: number
  at: Timestamp
  status: number | null
  error: string | null
  duration_ms: number
  response_excerpt: string | null
}

/** A named set of board filters (the list query's parameters), the owner's or shared with the workspace. */
export interface SavedViewTable {
  workspace_id: string
  id: Generated<string>
  owner_id: string
  name: string
  shared: Generated<boolean>
  filters: JsonWithDefault<JsonObject>
  created_at: DefaultNow
  updated_at: DefaultNow
}

export type BacktestStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled'

/** A backtest run (services/backtest/backtest-runs.ts); report and leads once it completed. */
export interface BacktestTable {
  workspace_id: string
  id: Generated<string>
  /** exactly one of candidate_version and candidate_source is set */
  candidate_version: number | null
  /** an agreement document given as YAML or JSON text, not stored as a version */
  candidate_source: string | null
  /** as asked: 'active' or a version number */
  against: string
  /** the version `against` named when the run was asked for */
  baseline_version: number
  /** YYYY-MM-DD, both included */
  period_from: string
  period_to: string
  status: Generated<BacktestStatus>
  progress: Generated<number>
  report: Json<BacktestReport> | null
  leads: Json<BacktestLead[]> | null
  error: string | null
  job_id: string | null
  created_by: string | null
  created_at: Timestamp
  finished_at: Timestamp | null
}

export type ShadowStatus = 'running' | 'finished' | 'stopped'

export type PredictionModelStatus = 'queued' | 'running' | 'completed' | 'insufficient' | 'failed'

/** What a training run found to learn from. */
export type ModelOutcomes = {
  /** leads read (absent for a model trained from a CSV) */
  leads?: number
  positives: number
  negatives: number
  minimumPerKind?: number
  postHandOffFields?: string[]
}

/** A training run of the predictive score and, once completed, its model (migration 0030). */
export interface PredictionModelTable {
  workspace_id: string
  version: number
  status: Generated<PredictionModelStatus>
  trigger: 'manual' | 'schedule' | 'cli'
  source: 'workspace' | 'csv'
  /** 'sql' or 'customer' for a workspace model; the outcome column for one trained from a CSV */
  target: string
  progress: Generated<number>
  outcomes: Json<ModelOutcomes> | null
  figures: Json<ModelEvaluation> | null
  model: Json<PredictionArtifact> | null
  error: string | null
  job_id: string | null
  created_by: string | null
  created_at: Timestamp
  finished_at: Timestamp | null
}

/** A version run beside the active one on live traffic (shadow mode, migration 0024). */
export interface ShadowRunTable {
  workspace_id: string
  id: Generated<string>
  version: number
  /** the version active when the shadow started */
  baseline_version: number
  status: Generated<ShadowStatus>
  started_at: Timestamp
  ends_at: Timestamp
  /** the database's clock at the start: leads created from then on are the shadow's */
  created_from: DefaultNow
  /** the database's clock: touchpoints and decisions recorded before it are in the rows */
  checkpoint_at: DefaultNow
  round_began_at: Timestamp | null
  round_until: Timestamp | null
  round_after: string | null
  leads_seen: Generated<number>
  last_run_at: Timestamp | null
  created_by: string | null
  finished_at: Timestamp | null
}

/** What a shadow version and its baseline would have decided for one lead. */
export interface ShadowLeadTable {
  workspace_id: string
  shadow_id: string
  lead_id: string
  shadow_mql_at: Timestamp | null
  shadow_explanations: JsonWithDefault<Explanation[]>
  shadow_lane: string | null
  shadow_source: string | null
  baseline_mql_at: Timestamp | null
  baseline_explanations: JsonWithDefault<Explanation[]>
  baseline_lane: string | null
  baseline_source: string | null
  updated_at: Timestamp
}

export interface Database {
  workspaces: WorkspaceTable
  users: UserTable
  sessions: SessionTable
  api_keys: ApiKeyTable
  agreement_versions: AgreementVersionTable
  agreement_reviews: AgreementReviewTable
  content_items: ContentItemTable
  accounts: AccountTable
  leads: LeadTable
  events: EventTable
  ingest_queue: IngestQueueTable
  decisions: DecisionTable
  transitions: TransitionTable
  lead_milestones: LeadMilestoneTable
  hand_offs: HandOffTable
  audit_log: AuditLogTable
  login_failures: LoginFailureTable
  routing_cursors: RoutingCursorTable
  notifications: NotificationTable
  notification_settings: NotificationSettingsTable
  activities: ActivityTable
  tasks: TaskTable
  saved_views: SavedViewTable
  webhook_subscriptions: WebhookSubscriptionTable
  webhook_events: WebhookEventTable
  webhook_deliveries: WebhookDeliveryTable
  webhook_attempts: WebhookAttemptTable
  backtests: BacktestTable
  shadow_runs: ShadowRunTable
  shadow_leads: ShadowLeadTable
  prediction_models: PredictionModelTable
  content_recommendations: ContentRecommendationTable
}

/** What next best content recommended to a lead, first when (migration 0031). */
export interface ContentRecommendationTable {
  workspace_id: string
  lead_id: string
  content_id: string
  first_recommended_at: Timestamp
}

export type LeadRow = Selectable<LeadTable>
export type NewLead = Insertable<LeadTable>
export type LeadUpdate = Updateable<LeadTable>
