// The operations of an OpenAPI 3.1 document in the shape the fuzz needs: parameters, body and
// responses with their JSON Schemas, `$ref`s inlined.
import type { JsonSchema } from './schema-arbitrary.ts'

export type Parameter = { name: string; in: string; required: boolean; schema: JsonSchema }
export type Response = { mediaTypes: string[]; schema?: JsonSchema }

export type Operation = {
  method: string
  /** the document's path template, e.g. /api/v1/leads/{id} */
  path: string
  parameters: Parameter[]
  body?: { required: boolean; mediaTypes: string[]; schema: JsonSchema }
  responses: Map<string, Response>
}

type Node = { [key: string]: unknown }
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options']

export function operationsOf(document: unknown): Operation[] {
  const root = inlineRefs(document, document as Node) as Node
  const paths = (root.paths ?? {}) as Record<string, Node>
  return Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method] as Node
      const parameters = [
        ...((item.parameters ?? []) as Node[]),
        ...((operation.parameters ?? []) as Node[]),
      ].map((parameter): Parameter => ({
        name: String(parameter.name),
        in: String(parameter.in),
        required: parameter.required === true || parameter.in === 'path',
        schema: (parameter.schema ?? true) as JsonSchema,
      }))
      const requestBody = operation.requestBody as Node | undefined
      const content = (requestBody?.content ?? {}) as Record<string, Node>
      const mediaTypes = Object.keys(content)
      const responses = new Map(
        Object.entries((operation.responses ?? {}) as Record<string, Node>).map(([status, response]) => {
          const byType = (response.content ?? {}) as Record<string, Node>
          const schema = Object.values(byType).find((entry) => entry.schema)?.schema as JsonSchema | undefined
          return [status, { mediaTypes: Object.keys(byType), ...(schema === undefined ? {} : { schema }) }]
        }),
      )
      return {
        method: method.toUpperCase(),
        path,
        parameters,
        ...(mediaTypes.length > 0
          ? {
              body: {
                required: requestBody?.required === true,
                mediaTypes,
                schema: (content[mediaTypes[0]!]!.schema ?? true) as JsonSchema,
              },
            }
          : {}),
        responses,
      }
    }),
  )
}

/** Replaces local `$ref`s by (copies of) their targets; a cycle is cut off as `{}` (anything). */
export function inlineRefs(node: unknown, root: Node, seen: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((entry) => inlineRefs(entry, root, seen))
  if (node === null || typeof node !== 'object') return node
  const ref = (node as Node).$ref
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    if (seen.includes(ref)) return {}
    const target = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((parent, key) => (parent as Node | undefined)?.[key], root)
    return inlineRefs(target, root, [...seen, ref])
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inlineRefs(value, root, seen)]))
}
