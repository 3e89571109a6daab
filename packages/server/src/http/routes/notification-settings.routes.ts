// The signed-in person's choice of which notifications they get; the rest are never recorded for them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { FastifyRequest } from 'fastify'
import type { AppDeps } from '../app-deps.ts'
import { ProblemSchema } from '../schemas/common.schema.ts'
import { HttpProblem } from '../problem.ts'
import {
  NOTIFICATION_KINDS,
  notificationSettingsRepository,
} from '../../db/notification-settings.repository.ts'

const KIND_DESCRIPTIONS: Record<(typeof NOTIFICATION_KINDS)[number], string> = {
  hand_raiser: 'a recycled lead in its cool-down, or a disqualified one, asked for sales (mine, or unowned)',
  sla_breached: 'an MQL handed to me, or to my team, waits past its SLA',
  sla_reassigned: 'an MQL was taken away from me after its SLA lapsed',
  sla_reassigned_to_you: 'an MQL was handed to me after another rep let its SLA lapse',
  sla_reassign_failed: 'an SLA lapsed and nobody else could take the lead',
  sla_returned_to_marketing: 'an MQL of mine went back to marketing after its SLA lapsed',
}
const kindFlag = (kind: (typeof NOTIFICATION_KINDS)[number]) =>
  Type.Boolean({ description: KIND_DESCRIPTIONS[kind] })
const SettingsSchema = Type.Object({
  enabled: Type.Object(
    Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, kindFlag(kind)])) as Record<
      (typeof NOTIFICATION_KINDS)[number],
      ReturnType<typeof kindFlag>
    >,
    { additionalProperties: false },
  ),
})
// Built property by property: an unknown kind must fail validation (400 naming it), not be dropped.
const SettingsBody = Type.Object(
  {
    enabled: Type.Object(
      Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, Type.Optional(kindFlag(kind))])) as Record<
        (typeof NOTIFICATION_KINDS)[number],
        ReturnType<typeof Type.Optional<ReturnType<typeof kindFlag>>>
      >,
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema }

function userOf(request: FastifyRequest) {
  const principal = request.principal
  if (principal?.kind !== 'user') {
    throw new HttpProblem('FORBIDDEN', 'Notification settings belong to signed-in people, not to API keys.')
  }
  return principal
}

function enabledMap(muted: ReadonlySet<string>) {
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, !muted.has(kind)])) as Record<
    (typeof NOTIFICATION_KINDS)[number],
    boolean
  >
}

export function notificationSettingsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me/notification-settings',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Notifications'],
          summary: 'Which kinds of notification I get',
          response: { 200: SettingsSchema, ...errors },
        },
      },
      async (request) => {
        const user = userOf(request)
        const muted = await notificationSettingsRepository.mutedKinds(request.db, user.workspaceId, [
          user.userId,
        ])
        return { enabled: enabledMap(muted.get(user.userId) ?? new Set()) }
      },
    )

    app.put(
      '/me/notification-settings',
      {
        config: { access: 'person' },
        schema: {
          tags: ['Notifications'],
          summary: 'Choose which kinds of notification I get',
          description:
            'Replaces the choice: kinds set to false are not recorded for me from now on; kinds left out ' +
            'are on. An unknown kind is refused with 400 naming it.',
          body: SettingsBody,
          response: { 200: SettingsSchema, ...errors },
        },
      },
      async (request) => {
        const user = userOf(request)
        const enabled = request.body.enabled as Partial<Record<string, boolean>>
        const muted = NOTIFICATION_KINDS.filter((kind) => enabled[kind] === false)
        await notificationSettingsRepository.save(
          request.db,
          user.workspaceId,
          user.userId,
          muted,
          deps.clock(),
        )
        return { enabled: enabledMap(new Set(muted)) }
      },
    )
  }
}
