// Backtests as runs: started here, worked by a job, read back while and after they run. Starting and
// cancelling is for those who negotiate the agreement; everyone who reads may look at the results.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { DateTime, Nullable, ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import {
  BacktestReportSchema,
  ChangedLeadsSchema,
  LeadChangeSchema,
} from '../schemas/backtest-report.schema.ts'
import { MAX_CHANGED_LEADS_PAGE } from '#core/backtest/backtest-changes.ts'
import {
  cancelBacktest,
  getBacktest,
  listBacktestChangedLeads,
  listBacktests,
  MAX_RUNS_PAGE,
  startBacktest,
  type BacktestRun,
} from '../../services/backtest/backtest-runs.ts'

const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD in the workspace’s time zone' })

const BacktestRunSchema = Type.Object({
  id: Type.String(),
  status: Type.Enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  candidateVersion: Nullable(Type.Integer({ description: 'null: a document given as text' })),
  against: Type.Union([Type.Literal('active'), Type.Integer()]),
  baselineVersion: Type.Integer({ description: 'the version `against` named when the run was started' }),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  error: Nullable(Type.String()),
  jobId: Nullable(Type.String({ description: 'the job in the Jobs view' })),
  createdBy: Nullable(Type.String()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
})

const BacktestRunDetailSchema = Type.Object({
  ...BacktestRunSchema.properties,
  report: Nullable(BacktestReportSchema),
})

const Params = Type.Object({ id: Uuid })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema }

export function backtestsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/backtests',
      {
        config: { access: 'evaluate' },
        schema: {
          tags: ['Backtests'],
          summary: 'Starts a backtest of a candidate agreement over recorded history',
          description:
            'Checks the request at once (period, versions, document) and answers 202 with the queued run; ' +
            'a job replays the period. Without `from`/`to`: the last 365 days.',
          body: Type.Object(
            {
              candidate: Type.Union([
                Type.Object({ version: Version }, { additionalProperties: false }),
                Type.Object(
                  { source: Type.String({ minLength: 1, maxLength: 1_000_000, description: 'YAML' }) },
                  { additionalProperties: false },
                ),
              ]),
              against: Type.Optional(Type.Union([Type.Literal('active'), Version])),
              from: Type.Optional(CalendarDate),
              to: Type.Optional(CalendarDate),
            },
            { additionalProperties: false },
          ),
          response: {
            202: BacktestRunSchema,
            ...errors,
            404: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const principal = request.principal
        const run = await startBacktest(
          request.db,
          workspaceOf(request),
          request.body,
          principal?.kind === 'user' ? principal.userId : null,
          deps.clock(),
        )
        reply.code(202)
        return toJson(run)
      },
    )

    app.get(
      '/backtests',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Backtests'],
          summary: 'Backtest runs, newest first',
          querystring: Type.Object(
            {
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RUNS_PAGE, default: 20 })),
              before: Type.Optional(
                Type.String({ maxLength: 200, description: 'the `next` of the previous page' }),
              ),
              version: Type.Optional({ ...Version, description: 'only the runs of this candidate version' }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(BacktestRunSchema),
              next: Nullable(Type.String({ description: 'null on the last page' })),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { limit, before, version } = request.query
        const page = await listBacktests(request.db, workspaceOf(request), {
          limit: limit ?? 20,
          ...(before === undefined ? {} : { before }),
          ...(version === undefined ? {} : { candidateVersion: version }),
        })
        return { items: page.items.map(toJson), next: page.next }
      },
    )

    app.get(
      '/backtests/:id',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Backtests'],
          summary: 'A backtest run with its report once it completed',
          params: Params,
          response: { 200: BacktestRunDetailSchema, ...errors, 404: ProblemSchema },
        },
      },
      async (request) => {
        const run = await getBacktest(request.db, workspaceOf(request), request.params.id)
        return { ...toJson(run), report: run.report }
      },
    )

    app.get(
      '/backtests/:id/changed-leads',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Backtests'],
          summary: 'The leads whose outcome the candidate changes, with why under both versions',
          description: 'In lead-id order, paged by `after`; 409 while the run has not completed.',
          params: Params,
          querystring: Type.Object(
            {
              after: Type.Optional(Uuid),
              limit: Type.Optional(
                Type.Integer({ minimum: 1, maximum: MAX_CHANGED_LEADS_PAGE, default: 50 }),
              ),
              change: Type.Optional(LeadChangeSchema),
            },
            { additionalProperties: false },
          ),
          response: { 200: ChangedLeadsSchema, ...errors, 404: ProblemSchema, 409: ProblemSchema },
        },
      },
      async (request) => {
        const { after, limit, change } = request.query
        return listBacktestChangedLeads(request.db, workspaceOf(request), request.params.id, {
          limit: limit ?? 50,
          ...(after === undefined ? {} : { after }),
          ...(change === undefined ? {} : { change }),
        })
      },
    )

    app.post(
      '/backtests/:id/cancel',
      {
        config: { access: 'evaluate' },
        schema: {
          tags: ['Backtests'],
          summary: 'Cancels a queued or running backtest',
          description: 'A running replay stops at its next page of leads; 409 for a run that has finished.',
          params: Params,
          response: { 200: BacktestRunSchema, ...errors, 404: ProblemSchema, 409: ProblemSchema },
        },
      },
      async (request) =>
        toJson(await cancelBacktest(request.db, workspaceOf(request), request.params.id, deps.clock())),
    )
  }
}

function toJson(run: BacktestRun) {
  return {
    ...run,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  }
}
