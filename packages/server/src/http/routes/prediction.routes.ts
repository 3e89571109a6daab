// The predictive score: model versions (trained by a job on the workspace's outcomes), the current one
// with its reliability and strongest factors, a lead's prediction, and the fields no model may learn
// from. Retraining and those fields are for those who negotiate the agreement; everyone may read.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { workspaceOf } from '../authenticate.ts'
import { viewerVisibility } from '../lead-filter-query.ts'
import { Nullable, ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import {
  FieldPath,
  LeadPredictionSchema,
  ModelDetailSchema,
  ModelRunSchema,
} from '../schemas/prediction.schema.ts'
import { withWorkspace } from '../../db/tenant-scope.ts'
import { MIN_OUTCOMES_PER_CLASS } from '#core/prediction/train-prediction-model.ts'
import { PREDICTION_TARGETS } from '#core/prediction/training-example.ts'
import { predictLead } from '../../services/prediction/lead-prediction.ts'
import {
  currentModelVersion,
  getModelRun,
  latestModelRun,
  listModelRuns,
  MAX_MODEL_RUNS_PAGE,
  startModelTraining,
  type ModelRun,
  type ModelRunDetail,
} from '../../services/prediction/prediction-model-runs.ts'

const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema }
const MAX_POST_HAND_OFF_FIELDS = 200

export function predictionRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/models',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Predictive score'],
          summary: 'Model versions, newest first',
          querystring: Type.Object(
            {
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_MODEL_RUNS_PAGE, default: 20 })),
              before: Type.Optional({ ...Version, description: 'the `next` of the previous page' }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(ModelRunSchema), next: Nullable(Type.Integer()) }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { limit, before } = request.query
        const page = await listModelRuns(request.db, workspaceOf(request), {
          limit: limit ?? 20,
          ...(before === undefined ? {} : { before }),
        })
        return { items: page.items.map(runJson), next: page.next }
      },
    )

    app.post(
      '/models',
      {
        config: { access: 'evaluate' },
        schema: {
          tags: ['Predictive score'],
          summary: 'Trains a new model version on the workspace’s outcomes',
          description:
            'Answers 202 with the queued run; a job reads every lead with a known outcome (reached the target, ' +
            'or sent back or closed without), described as it was at its hand-off, and trains both models. ' +
            `With fewer than ${MIN_OUTCOMES_PER_CLASS} outcomes of either kind the run ends as \`insufficient\` ` +
            'and keeps no model. While a run is queued or running, that run is answered (`started: false`).',
          body: Type.Object(
            { target: Type.Optional(Type.Enum([...PREDICTION_TARGETS], { default: 'sql' })) },
            { additionalProperties: false },
          ),
          response: {
            202: Type.Object({ ...ModelRunSchema.properties, started: Type.Boolean() }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const principal = request.principal
        const { run, started } = await startModelTraining(
          request.db,
          workspaceOf(request),
          { target: request.body?.target ?? 'sql', trigger: 'manual' },
          principal?.kind === 'user' ? principal.userId : null,
          deps.clock(),
        )
        reply.code(202)
        return { ...runJson(run), started }
      },
    )

    app.get(
      '/models/current',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Predictive score'],
          summary: 'The model leads are scored with, and the newest run',
          description:
            '`model` is null until a run completed; `latest` then tells why (queued, running, too few outcomes).',
          response: {
            200: Type.Object({
              model: Nullable(ModelDetailSchema),
              latest: Nullable(ModelRunSchema),
              minimumPerKind: Type.Integer(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const [current, latest] = await Promise.all([
          currentModelVersion(request.db, workspaceId),
          latestModelRun(request.db, workspaceId),
        ])
        return {
          model: current ? detailJson(await getModelRun(request.db, workspaceId, current.version)) : null,
          latest: latest ? runJson(latest) : null,
          minimumPerKind: MIN_OUTCOMES_PER_CLASS,
        }
      },
    )

    app.get(
      '/models/settings',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Predictive score'],
          summary: 'Fields known only after hand-off, which no model learns from',
          response: { 200: Type.Object({ postHandOffFields: Type.Array(Type.String()) }), ...errors },
        },
      },
      async (request) => {
        const row = await request.db
          .selectFrom('workspaces')
          .select('post_hand_off_fields')
          .where('id', '=', workspaceOf(request))
          .executeTakeFirstOrThrow()
        return { postHandOffFields: row.post_hand_off_fields }
      },
    )

    app.put(
      '/models/settings',
      {
        config: { access: 'evaluate' },
        schema: {
          tags: ['Predictive score'],
          summary: 'Marks fields as known only after hand-off',
          description:
            'Field paths as conditions read them (`custom.budget`, `title`): a field sales fills in after the ' +
            'hand-off would teach the model what it cannot know when it has to judge. Takes effect with the ' +
            'next model version.',
          body: Type.Object(
            {
              postHandOffFields: Type.Array(FieldPath, {
                maxItems: MAX_POST_HAND_OFF_FIELDS,
                uniqueItems: true,
              }),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ postHandOffFields: Type.Array(Type.String()) }), ...errors },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const fields = request.body.postHandOffFields
        await withWorkspace(request.db, workspaceId, (scoped) =>
          scoped
            .updateTable('workspaces')
            .set({ post_hand_off_fields: fields })
            .where('id', '=', workspaceId)
            .execute(),
        )
        return { postHandOffFields: fields }
      },
    )

    app.get(
      '/models/:version',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Predictive score'],
          summary: 'One model version with its figures, reliability and strongest factors',
          params: Type.Object({ version: Version }),
          response: { 200: ModelDetailSchema, ...errors, 404: ProblemSchema },
        },
      },
      async (request) =>
        detailJson(await getModelRun(request.db, workspaceOf(request), request.params.version)),
    )

    app.get(
      '/leads/:id/prediction',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Predictive score'],
          summary: 'A lead’s predicted conversion probability with its strongest factors',
          description:
            'Calibrated probability that the lead reaches the model’s target, from the current model. A lead ' +
            'already handed off is judged as it was at its hand-off (`basis: hand_off`), one still with ' +
            'marketing as it is now. Factors are log-odds contributions (exact for the logistic regression, ' +
            'TreeSHAP for boosted trees) measured from the average training lead (`baseValue`): ' +
            '`baseValue` plus every contribution gives `logOdds`.',
          params: Type.Object({ id: Uuid }),
          response: { 200: LeadPredictionSchema, ...errors, 404: ProblemSchema },
        },
      },
      async (request) =>
        predictLead(
          request.db,
          workspaceOf(request),
          request.params.id,
          deps.clock(),
          viewerVisibility(request.principal),
        ),
    )
  }
}

function runJson(run: ModelRun) {
  return {
    ...run,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  }
}

// The figures and what explains the model; the fitted parameters stay in the database.
function detailJson(run: ModelRunDetail) {
  const artifact = run.model
  return {
    ...runJson(run),
    model: artifact && {
      kind: artifact.model.kind,
      features: artifact.features,
      calibrator: artifact.calibrator,
      reliability: artifact.reliability,
      importance: artifact.importance,
    },
  }
}
