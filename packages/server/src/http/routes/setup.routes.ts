// The one thing the web app needs to know before anyone can sign in: whether there is a workspace to
// sign in to. Without one it shows the first-run page that explains `takt init`. Public, and it reveals
// no more than that: no slugs, no names, no counts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppDeps } from '../app-deps.ts'
import { workspaceRepository } from '../../db/workspace.repository.ts'

export function setupRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/setup',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Meta'],
          summary:
            'Whether this installation has a workspace yet (the web app shows its first-run page if not)',
          response: {
            200: Type.Object(
              {
                workspaces: Type.Boolean({
                  description: 'false until `takt init` or the bootstrap variables create one',
                }),
              },
              { additionalProperties: false },
            ),
          },
        },
      },
      async () => ({ workspaces: await workspaceRepository.existsAny(deps.db) }),
    )
  }
}
