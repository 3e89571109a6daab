// The predictive score's model versions and a lead's prediction, as the API shows them.
import { Type } from 'typebox'
import { DateTime, Nullable } from './common.schema.ts'

const ModelName = Type.Enum(['logreg', 'hgb'], {
  description: 'logreg: L2 logistic regression; hgb: histogram gradient boosting',
})

export const ModelFiguresSchema = Type.Object({
  name: ModelName,
  rocAuc: Type.Number(),
  averagePrecision: Type.Number(),
  logLoss: Type.Number(),
  brier: Type.Number(),
  trainSeconds: Type.Number(),
})

const EvaluationSchema = Type.Object(
  {
    models: Type.Array(ModelFiguresSchema, {
      description: 'each model measured on the test rows (every fifth)',
    }),
    chosen: ModelName,
    crossValidation: Type.Array(Type.Object({ name: ModelName, logLoss: Type.Number() }), {
      description: 'pooled out-of-fold log loss on the training rows, which chose the model',
    }),
    split: Type.Object({
      trainRows: Type.Integer(),
      trainPositives: Type.Integer(),
      testRows: Type.Integer(),
      testPositives: Type.Integer(),
    }),
    features: Type.Object({
      numeric: Type.Array(Type.String()),
      categorical: Type.Array(Type.String()),
      ids: Type.Array(Type.String(), { description: 'left out: every value distinct' }),
      unusable: Type.Optional(
        Type.Array(Type.String(), {
          description: 'left out: empty in every training row, or more than 1,000 categories',
        }),
      ),
    }),
  },
  { additionalProperties: true },
)

const OutcomesSchema = Type.Object(
  {
    leads: Type.Optional(Type.Integer({ description: 'leads read' })),
    positives: Type.Integer({ description: 'leads that reached the target' }),
    negatives: Type.Integer({ description: 'leads sent back or closed without reaching it' }),
    minimumPerKind: Type.Optional(Type.Integer()),
    postHandOffFields: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true },
)

export const ModelRunSchema = Type.Object({
  version: Type.Integer(),
  status: Type.Enum(['queued', 'running', 'completed', 'insufficient', 'failed'], {
    description: 'insufficient: too few outcomes to learn from; no model was kept',
  }),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  trigger: Type.Enum(['manual', 'schedule', 'cli']),
  source: Type.Enum(['workspace', 'csv'], {
    description: 'csv: trained from a file with the CLI; kept for its figures, never used on leads',
  }),
  target: Type.String(),
  outcomes: Nullable(OutcomesSchema),
  figures: Nullable(EvaluationSchema),
  error: Nullable(Type.String()),
  jobId: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
})

export const ReliabilityBandSchema = Type.Object({
  band: Type.Integer({ minimum: 1, maximum: 10 }),
  count: Type.Integer(),
  lowestPredicted: Type.Number(),
  highestPredicted: Type.Number(),
  meanPredicted: Type.Number(),
  observedRate: Type.Number(),
})

export const ModelDetailSchema = Type.Object({
  ...ModelRunSchema.properties,
  model: Nullable(
    Type.Object({
      kind: ModelName,
      features: Type.Array(Type.String()),
      calibrator: Type.Object({ method: Type.String(), slope: Type.Number(), intercept: Type.Number() }),
      reliability: Type.Array(ReliabilityBandSchema, {
        description: 'calibrated probability against observed rate by decile, on the test rows',
      }),
      importance: Type.Array(Type.Object({ feature: Type.String(), meanAbsContribution: Type.Number() }), {
        description: 'mean absolute contribution in log-odds over the test rows, strongest first',
      }),
    }),
  ),
})

const ContributionSchema = Type.Object({
  feature: Type.String(),
  value: Type.Union([Type.String(), Type.Number(), Type.Null()]),
  contribution: Type.Number({ description: 'log-odds' }),
})

const FactorSchema = Type.Object({
  ...ContributionSchema.properties,
  text: Type.Object({ de: Type.String(), en: Type.String() }),
})

export const LeadPredictionSchema = Type.Object({
  leadId: Type.String(),
  state: Type.Enum(['scored', 'no_model', 'insufficient']),
  model: Nullable(Type.Object({ version: Type.Integer(), target: Type.String(), trainedAt: DateTime })),
  latestRun: Nullable(
    Type.Object({
      version: Type.Integer(),
      status: Type.String(),
      outcomes: Nullable(OutcomesSchema),
    }),
  ),
  probability: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'calibrated' })),
  asOf: Nullable(DateTime),
  basis: Nullable(Type.Enum(['hand_off', 'now'])),
  baseValue: Nullable(Type.Number()),
  logOdds: Nullable(Type.Number()),
  factors: Type.Object({ positive: Type.Array(FactorSchema), negative: Type.Array(FactorSchema) }),
  contributions: Type.Array(ContributionSchema, {
    description: 'every feature, in the model’s order: baseValue plus all contributions is logOdds',
  }),
})

/** A field path as conditions read it: `title`, `company.industry`, `custom.budget`. */
export const FieldPath = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z][A-Za-z0-9_.-]*$' })
