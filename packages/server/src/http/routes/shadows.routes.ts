// Shadow mode: a proposed or approved version runs beside the active one on live traffic, recorded by a
// job without acting. Starting and stopping is for those who negotiate the agreement (as backtests);
// everyone who reads may look at the results.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { DateTime, Nullable, ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import {
  BacktestReportSchema,
  ChangedLeadsSchema,
  LeadChangeSchema,
} from '../schemas/backtest-report.schema.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf, audit } from '../../services/audit.ts'
import { MAX_CHANGED_LEADS_PAGE } from '#core/backtest/backtest-changes.ts'
import {
  DEFAULT_SHADOW_DAYS,
  getShadow,
  getShadowChangedLeads,
  listShadows,
  MAX_SHADOW_DAYS,
  MAX_SHADOWS_PAGE,
  startShadow,
  stopShadow,
  type ShadowRun,
} from '../../services/shadow/shadow-runs.ts'

const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })

const ShadowRunSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer({ description: 'the version run in shadow mode' }),
  baselineVersion: Type.Integer({ description: 'the version active when the shadow started' }),
  status: Type.Enum(['running', 'finished', 'stopped']),
  startedAt: DateTime,
  endsAt: DateTime,
  leadsSeen: Type.Integer({ description: 'leads created since the start that the shadow recorded' }),
  lastRunAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  createdBy: Nullable(Type.String()),
})

const Params = Type.Object({ id: Uuid })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema }

export function shadowsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/shadows',
      {
        config: { access: 'evaluate' },
        schema: {
          tags: ['Backtests'],
          summary: 'Runs a proposed or approved version in shadow mode beside the active one',
          description:
            'From now on, for `days` days, what the version would decide for every new lead is recorded ' +
            'without acting on it, and compared with the version active now (the baseline) as a backtest ' +
            'compares. One running shadow per version.',
          body: Type.Object(
            {
              version: Version,
              days: Type.Optional(
                Type.Integer({ minimum: 1, maximum: MAX_SHADOW_DAYS, default: DEFAULT_SHADOW_DAYS }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            201: ShadowRunSchema,
            ...errors,
            404: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const principal = request.principal
        const run = await startShadow(
          request.db,
          workspaceOf(request),
          request.body,
          principal?.kind === 'user' ? principal.userId : null,
          deps.clock(),
        )
        await audit(request.db, workspaceOf(request), actorOf(principal!), 'shadow.start', run.id, {
          after: { version: run.version, baselineVersion: run.baselineVersion, endsAt: run.endsAt },
        })
        reply.code(201)
        return toJson(run)
      },
    )

    app.get(
      '/shadows',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Backtests'],
          summary: 'Shadow runs, newest first',
          querystring: Type.Object(
            {
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SHADOWS_PAGE, default: 20 })),
              before: Type.Optional(
                Type.String({ maxLength: 200, description: 'the `next` of the previous page' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(ShadowRunSchema),
              next: Nullable(Type.String({ description: 'null on the last page' })),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { limit, before } = request.query
        const page = await listShadows(request.db, workspaceOf(request), {
          limit: limit ?? 20,
          ...(before === undefined ? {} : { before }),
        })
        return { items: page.items.map(toJson), next: page.next }
      },
    )

    app.get(
      '/shadows/:id',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Backtests'],
          summary: 'A shadow run with its report over the period so far',
          params: Params,
          response: {
            200: Type.Object({ ...ShadowRunSchema.properties, report: BacktestReportSchema }),
            ...errors,
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const run = await getShadow(request.db, workspaceOf(request), request.params.id, deps.clock())
        return { ...toJson(run), report: run.report }
      },
    )

    app.get(
      '/shadows/:id/changed-leads',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Backtests'],
          summary: 'The leads whose outcome the shadow version changes, with why under both versions',
          description: 'In lead-id order, paged by `after`; grows while the shadow runs.',
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
          response: { 200: ChangedLeadsSchema, ...errors, 404: ProblemSchema },
        },
      },
      async (request) => {
        const { after, limit, change } = request.query
        return getShadowChangedLeads(request.db, workspaceOf(request), request.params.id, {
          limit: limit ?? 50,
          ...(after === undefined ? {} : { after }),
          ...(change === undefined ? {} : { change }),
        })
      },
    )

    app.post(
      '/shadows/:id/stop',
      {
        config: { access: 'evaluate' },
        schema: {
          tags: ['Backtests'],
          summary: 'Stops a running shadow; what it recorded stays',
          description: '409 for a shadow that has finished or was stopped.',
          params: Params,
          response: { 200: ShadowRunSchema, ...errors, 404: ProblemSchema, 409: ProblemSchema },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const run = await stopShadow(request.db, workspaceId, request.params.id, deps.clock())
        await audit(request.db, workspaceId, actorOf(request.principal!), 'shadow.stop', run.id, {
          after: { version: run.version, leadsSeen: run.leadsSeen },
        })
        return toJson(run)
      },
    )
  }
}

function toJson(run: ShadowRun) {
  return {
    ...run,
    startedAt: run.startedAt.toISOString(),
    endsAt: run.endsAt.toISOString(),
    lastRunAt: run.lastRunAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  }
}
