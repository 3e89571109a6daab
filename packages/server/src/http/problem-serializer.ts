// Every operation declares the same problem+json responses (problem.ts adds nine to each), and Fastify
// would compile a serializer for each of them at start-up: about 700 compilations of one schema, a
// third of the time before the first request. Problems are serialized by one shared function instead;
// their schema allows any extension member, so a compiled serializer would write the same JSON.
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'

type SerializerFactory = ReturnType<typeof SerializerSelector>
type RouteSchema = Parameters<ReturnType<SerializerFactory>>[0]

const serializeProblem = (body: unknown) => JSON.stringify(body)

export function sharingProblemSerializer(): SerializerFactory {
  const standard = SerializerSelector()
  return (externalSchemas, options) => {
    const compile = standard(externalSchemas, options)
    return (route: RouteSchema) => (isProblemResponse(route) ? serializeProblem : compile(route))
  }
}

// Fastify passes the content type of the response being compiled, though its typings omit it.
function isProblemResponse(route: RouteSchema & { contentType?: string }): boolean {
  return route.contentType === 'application/problem+json' || Number(route.httpStatus) >= 400
}
