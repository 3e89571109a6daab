// The agreement language's types, shared with the core (type-only: nothing of the core is bundled).
export type {
  AgreementDocument,
  Condition,
  EngagementRule,
  FieldCondition,
  FitRule,
  ScoreCondition,
  SourceLane,
  TouchpointMatch,
} from '../../../../core/src/agreement/agreement-document.ts'
