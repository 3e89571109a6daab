// Expected failures of the domain, as a closed set of codes. The HTTP edge maps each code to a status once.
export type DomainErrorCode =
  | 'LEAD_NOT_FOUND'
  | 'LEAD_ERASED'
  | 'ILLEGAL_TRANSITION'
  | 'REASON_REQUIRED'
  | 'UNKNOWN_REASON'
  | 'CHECKLIST_INCOMPLETE'
  | 'DEAL_DETAILS_REQUIRED'
  | 'UNKNOWN_DEAL_STAGE'
  | 'AGREEMENT_INVALID'
  | 'AGREEMENT_NOT_FOUND'
  | 'NO_ACTIVE_AGREEMENT'
  | 'CONTENT_NOT_FOUND'
  | 'INVALID_CURSOR'
  // user administration (services/user-admin.ts)
  | 'USER_NOT_FOUND'
  | 'USER_EXISTS'
  | 'LAST_ADMIN'
  | 'INVALID_AVAILABILITY'
  | 'WRONG_PASSWORD'
  // activities and tasks (server services/log-activity.ts, lead-tasks.ts)
  | 'TASK_NOT_FOUND'
  | 'ACTIVITY_NOT_FOUND'
  | 'INVALID_TASK_OWNER'
  // taking back a decision (lifecycle/decision-retraction.ts)
  | 'DECISION_NOT_FOUND'
  | 'DECISION_NOT_YOURS'
  | 'DECISION_NOT_LATEST'
  | 'DECISION_ALREADY_UNDONE'
  | 'UNDO_WINDOW_PASSED'
  // agreement governance (server services/agreement-governance.ts)
  | 'AGREEMENT_FROZEN'
  | 'AGREEMENT_STEP_NOT_ALLOWED'
  | 'APPROVAL_MISSING'
  | 'APPROVAL_NOT_ALLOWED'
  | 'APPROVAL_SIDE_REQUIRED'
  | 'ALREADY_APPROVED'
  | 'COMMENT_REQUIRED'
  | 'WITHDRAW_NOT_ALLOWED'
  // backtests (server services/backtest/run-backtest.ts)
  | 'BACKTEST_PERIOD_INVALID'
  | 'BACKTEST_PERIOD_TOO_LONG'
  | 'BACKTEST_CANCELLED'
  // stored backtest runs (server services/backtest/backtest-runs.ts)
  | 'BACKTEST_NOT_FOUND'
  | 'BACKTEST_NOT_COMPLETED'
  | 'BACKTEST_FINISHED'
  // shadow mode (server services/shadow/shadow-runs.ts)
  | 'SHADOW_NOT_FOUND'
  | 'SHADOW_RUNNING'
  | 'SHADOW_FINISHED'
  // reports (server services/reports/report-request.ts)
  | 'REPORT_NOT_FOUND'
  | 'REPORT_QUERY_INVALID'
  // the lead list's filters (server http/lead-filter-query.ts): a bound without what it bounds, a reversed period
  | 'LEAD_FILTER_INVALID'
  // a CSV the predictive score cannot learn from (core prediction/prediction-dataset.ts): no such target
  // column, or a target with one class only
  | 'PREDICTION_INPUT_INVALID'
  // stored model versions of the predictive score (server services/prediction/prediction-model-runs.ts)
  | 'MODEL_NOT_FOUND'

export class DomainError extends Error {
  readonly code: DomainErrorCode
  readonly details: Readonly<Record<string, unknown>>

  constructor(code: DomainErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message)
    this.name = 'DomainError'
    this.code = code
    this.details = details
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError
}
