// The pipeline board's figures. (Filled in with the board screen.)
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../app-deps.ts'

export function pipelineRoutes(_deps: AppDeps): FastifyPluginAsyncTypebox {
  return async () => {}
}
