// Request bodies are decoded strictly. Node's lenient decoding turns every invalid UTF-8 byte into U+FFFD,
// so two different client ids could arrive as one and the second event be dropped as its "duplicate".
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { HttpProblem } from './problem.ts'
import type { EdgeProblemCode } from './problem-codes.ts'
import { consumedMediaTypes, unsupportedMediaType } from './framework-errors.ts'

// fatal: refuse instead of replacing. The BOM is still dropped, as JSON and YAML readers expect.
const utf8 = new TextDecoder('utf-8', { fatal: true })

const JSON_TYPE = 'application/json'
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml']
// Plain text is taken as YAML, and only by the routes that declare a YAML body (the agreement's).
const TEXT_TYPES = [...YAML_TYPES, 'text/plain']

type Done = (error: Error | null, body?: unknown) => void

export function registerStrictBodyParsers(app: FastifyInstance) {
  // Fastify's JSON parser, kept for its __proto__ and constructor.prototype refusal.
  const parseSafeJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser(JSON_TYPE)
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'buffer' }, (request, body: Buffer, done: Done) => {
    const text = decodeBody(request, body)
    if (text instanceof HttpProblem) return done(text)
    if (text.length === 0) return done(bodyProblem('INVALID_JSON', 'is empty; send a JSON value'))
    void parseSafeJson(request, text, (error, value) => done(error ? explainJsonFailure(text) : null, value))
  })
  app.addContentTypeParser(TEXT_TYPES, { parseAs: 'buffer' }, (request, body: Buffer, done: Done) => {
    if (!consumedMediaTypes(request).some((type) => YAML_TYPES.includes(type))) {
      const { code, path, message } = unsupportedMediaType(request)
      return done(new HttpProblem(code, `${path} ${message}.`, { errors: [{ path, message }] }))
    }
    const text = decodeBody(request, body)
    done(text instanceof HttpProblem ? text : null, text)
  })
}

function decodeBody(request: FastifyRequest, body: Buffer): string | HttpProblem {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(request.headers['content-type'] ?? '')?.[1]
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    const message = `names charset "${charset}"; bodies must be UTF-8`
    return new HttpProblem('UNSUPPORTED_MEDIA_TYPE', `headers/content-type ${message}.`, {
      errors: [{ path: 'headers/content-type', message }],
    })
  }
  try {
    return utf8.decode(body)
  } catch {
    return bodyProblem('INVALID_UTF8', 'is not valid UTF-8; encode text as UTF-8 before sending it')
  }
}

/** Why Fastify's parser refused the text: a syntax error, or a key that could rewrite prototypes. */
function explainJsonFailure(text: string): HttpProblem {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return bodyProblem('INVALID_JSON', `is not valid JSON: ${(error as Error).message}`)
  }
  const path = forbiddenKeyPath(value) ?? 'body'
  const message =
    'is not allowed: "__proto__" and "constructor.prototype" could rewrite objects on the server'
  return new HttpProblem('FORBIDDEN_PROPERTY', `${path} ${message}.`, { errors: [{ path, message }] })
}

// Walked with a stack, not recursion: the body may be nested thousands of levels deep.
function forbiddenKeyPath(value: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[value, 'body']]
  while (pending.length > 0) {
    const [node, path] = pending.pop()!
    if (node === null || typeof node !== 'object') continue
    for (const [key, child] of Object.entries(node)) {
      const isPrototype =
        key === '__proto__' ||
        (key === 'constructor' &&
          child !== null &&
          typeof child === 'object' &&
          Object.hasOwn(child, 'prototype'))
      if (isPrototype) return `${path}/${key}`
      pending.push([child, `${path}/${key}`])
    }
  }
  return undefined
}

function bodyProblem(code: EdgeProblemCode, message: string): HttpProblem {
  return new HttpProblem(code, `body ${message}.`, { errors: [{ path: 'body', message }] })
}
