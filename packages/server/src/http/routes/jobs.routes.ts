// The Jobs view (admins only): background jobs with their state, attempts, progress and last error;
// a failed job can be retried and an unfinished one cancelled.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema, Uuid } from '../schemas/common.schema.ts'
import { HttpProblem } from '../problem.ts'
import { jobRepository, type JobSummary } from '../../db/job.repository.ts'

const DateTime = Type.String({ format: 'date-time' })
const NullableDateTime = Type.Union([DateTime, Type.Null()])
const JobState = Type.Enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed'], {
  description: 'created: waiting; retry: failed, waiting for its next attempt; active: running',
})
const JobSchema = Type.Object({
  id: Type.String(),
  queue: Type.String({ description: 'what kind of job: lead-check, sla-breach, webhook-dispatch, …' }),
  state: JobState,
  retryCount: Type.Integer({ description: 'attempts after the first' }),
  retryLimit: Type.Integer(),
  progress: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()], { description: "the last attempt's error" }),
  createdAt: DateTime,
  startAfter: DateTime,
  startedAt: NullableDateTime,
  completedAt: NullableDateTime,
})
const Params = Type.Object({ id: Uuid })
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

function toJson(job: JobSummary) {
  return {
    ...job,
    createdAt: job.createdAt.toISOString(),
    startAfter: job.startAfter.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    completedAt: job.completedAt?.toISOString() ?? null,
  }
}

export function jobsRoutes(_deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/admin/jobs',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Jobs'],
          summary: "This workspace's and the system's background jobs",
          description:
            'Running, retrying, failed and waiting jobs first, then finished ones; newest first within each.',
          querystring: Type.Object(
            {
              state: Type.Optional(JobState),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(JobSchema) }), ...errors },
        },
      },
      async (request) => {
        const items = await jobRepository.list(request.db, {
          limit: request.query.limit ?? 50,
          ...(request.query.state ? { state: request.query.state } : {}),
        })
        return { items: items.map(toJson) }
      },
    )

    app.get(
      '/admin/jobs/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Jobs'],
          summary: 'One job',
          params: Params,
          response: { 200: JobSchema, ...errors },
        },
      },
      async (request) => {
        const job = await jobRepository.find(request.db, request.params.id)
        if (!job) throw notFound(request.params.id)
        return toJson(job)
      },
    )

    app.post(
      '/admin/jobs/:id/retry',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Jobs'],
          summary: 'Runs a failed job once more',
          params: Params,
          response: { 200: JobSchema, ...errors, 409: ProblemSchema },
        },
      },
      async (request) =>
        actOnJob(
          request.db,
          request.params.id,
          jobRepository.retry,
          (state) =>
            new HttpProblem('JOB_NOT_RETRYABLE', `A ${state} job cannot be retried; only failed ones can.`, {
              jobState: state,
            }),
        ),
    )

    app.post(
      '/admin/jobs/:id/cancel',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['Jobs'],
          summary: 'Cancels a job that has not finished',
          description: 'A running job stops at its next progress report.',
          params: Params,
          response: { 200: JobSchema, ...errors, 409: ProblemSchema },
        },
      },
      async (request) =>
        actOnJob(
          request.db,
          request.params.id,
          jobRepository.cancel,
          (state) =>
            new HttpProblem('JOB_NOT_CANCELLABLE', `A ${state} job has finished and cannot be cancelled.`, {
              jobState: state,
            }),
        ),
    )
  }
}

/** Retry or cancel: 404 for an unknown job, the refusal when the job's state does not allow it, else the job now. */
async function actOnJob(
  db: Kysely<Database>,
  id: string,
  act: (db: Kysely<Database>, id: string) => Promise<boolean>,
  refused: (state: string) => HttpProblem,
) {
  const job = await jobRepository.find(db, id)
  if (!job) throw notFound(id)
  if (!(await act(db, id))) throw refused(job.state)
  return toJson((await jobRepository.find(db, id)) ?? job)
}

function notFound(id: string) {
  return new HttpProblem('JOB_NOT_FOUND', `No job ${id} in this workspace.`)
}
