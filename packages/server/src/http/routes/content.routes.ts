// The content catalog: POST creates an item and refuses an id already in use; PUT replaces by id
// (creating it when it is missing), for systems that sync the catalog. `language` came later
// (migration 0029): a PUT without it keeps the item's language, so clients that predate it never erase it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Nullable, ProblemSchema } from '../schemas/common.schema.ts'
import { HttpProblem } from '../problem.ts'
import { contentRepository, type StoredContentItem } from '../../db/content.repository.ts'
import { DomainError } from '#core/errors.ts'
import { CONTENT_LANGUAGE_PATTERN } from '#core/content/content-language.ts'
import { workspaceOf } from '../authenticate.ts'
import { actorOf, audit } from '../../services/audit.ts'

const ContentId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$' })
const Stage = Type.Union([
  Type.Literal('orientation'),
  Type.Literal('consideration'),
  Type.Literal('decision'),
  Type.Null(),
])

const ContentFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  kind: Type.String({
    minLength: 1,
    maxLength: 50,
    description: 'e.g. blog, whitepaper, webinar, case_study, page',
  }),
  journeyStage: Stage,
  topics: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 }),
  url: Type.Union([Type.String({ format: 'uri', maxLength: 2000 }), Type.Null()]),
  language: Nullable(
    Type.String({
      pattern: CONTENT_LANGUAGE_PATTERN,
      description: 'ISO 639-1 code in lower case (de, en, …); null: language-neutral, offered to every lead',
    }),
  ),
}

const ContentItemSchema = Type.Object({ id: ContentId, ...ContentFields })
const ContentInputSchema = Type.Object(
  {
    title: ContentFields.title,
    kind: ContentFields.kind,
    journeyStage: ContentFields.journeyStage,
    topics: Type.Optional(ContentFields.topics),
    url: Type.Optional(ContentFields.url),
    language: Type.Optional(ContentFields.language),
  },
  { additionalProperties: false },
)
const ContentCreateSchema = Type.Object(
  { id: ContentId, ...ContentInputSchema.properties },
  { additionalProperties: false },
)
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

export function contentRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/content',
      {
        config: { access: 'read' },
        schema: {
          tags: ['Content'],
          summary: 'The content catalog',
          response: { 200: Type.Array(ContentItemSchema), ...errors },
        },
      },
      async (request) => contentRepository.list(request.db, workspaceOf(request)),
    )

    app.post(
      '/content',
      {
        config: { access: 'configure' },
        schema: {
          tags: ['Content'],
          summary: 'Create a content item; an id already in use is refused (409)',
          body: ContentCreateSchema,
          response: { 201: ContentItemSchema, ...errors, 409: ProblemSchema },
        },
      },
      async (request, reply) => {
        const workspaceId = workspaceOf(request)
        const item: StoredContentItem = { topics: [], url: null, language: null, ...request.body }
        if (!(await contentRepository.insertNew(request.db, workspaceId, item))) {
          const message = `The content id ${item.id} is already in use.`
          throw new HttpProblem('CONTENT_ID_TAKEN', message, {
            id: item.id,
            errors: [{ path: 'body/id', message, code: 'CONTENT_ID_TAKEN' }],
          })
        }
        await audit(request.db, workspaceId, actorOf(request.principal), 'content.create', item.id, {
          after: item,
        })
        reply.code(201)
        return item
      },
    )

    app.put(
      '/content/:id',
      {
        config: { access: 'configure' },
        schema: {
          tags: ['Content'],
          summary: 'Create or update a content item',
          description:
            'Replaces the item; a body without `language` keeps the language it had (null when new).',
          params: Type.Object({ id: ContentId }),
          body: ContentInputSchema,
          response: { 200: ContentItemSchema, ...errors },
        },
      },
      async (request) => {
        const workspaceId = workspaceOf(request)
        const id = request.params.id
        const before = (await contentRepository.findByIds(request.db, workspaceId, [id])).get(id)
        const item = { id, topics: [], url: null, language: before?.language ?? null, ...request.body }
        await contentRepository.upsert(request.db, workspaceId, [item])
        await audit(request.db, workspaceId, actorOf(request.principal), 'content.upsert', item.id, {
          before: before ?? null,
          after: item,
        })
        return item
      },
    )

    app.delete(
      '/content/:id',
      {
        config: { access: 'configure' },
        schema: {
          tags: ['Content'],
          summary: 'Remove a content item',
          params: Type.Object({ id: ContentId }),
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const workspaceId = workspaceOf(request)
        const before = (await contentRepository.findByIds(request.db, workspaceId, [request.params.id])).get(
          request.params.id,
        )
        const removed = await contentRepository.remove(request.db, workspaceId, request.params.id)
        if (!removed) throw new DomainError('CONTENT_NOT_FOUND', `No content item ${request.params.id}.`)
        await audit(
          request.db,
          workspaceId,
          actorOf(request.principal),
          'content.delete',
          request.params.id,
          { before },
        )
        reply.code(204)
        return null
      },
    )
  }
}
