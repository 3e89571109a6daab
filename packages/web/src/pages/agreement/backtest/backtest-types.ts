// The shapes the backtest screen reads. The report is the core's own type (shared, not copied): the API
// stores and returns it as the core built it (its OpenAPI schema, backtest-report.schema.ts, mirrors it).
import type { paths } from '../../../api/openapi.d.ts'
import type {
  BacktestReport,
  VersionReport,
  VersionRole,
} from '../../../../../core/src/backtest/backtest-report.ts'
import type { OutcomeStage } from '../../../../../core/src/backtest/backtest-lead.ts'
import type { LeadChange } from '../../../../../core/src/backtest/backtest-changes.ts'

export type { BacktestReport, VersionReport, VersionRole, OutcomeStage, LeadChange }

export type BacktestRun =
  paths['/api/v1/backtests']['get']['responses'][200]['content']['application/json']['items'][number]
export type RunStatus = BacktestRun['status']
export type ChangedLeadsPage =
  paths['/api/v1/backtests/{id}/changed-leads']['get']['responses'][200]['content']['application/json']
export type ChangedLeadItem = ChangedLeadsPage['items'][number]

/** The stages after the hand-off, in lifecycle order (the core's OUTCOME_STAGES, kept out of the bundle). */
export const OUTCOME_STAGES: readonly OutcomeStage[] = ['sal', 'sql', 'opportunity', 'customer']
export const VERSION_ROLES: readonly VersionRole[] = ['candidate', 'baseline']
