// The cursor of a list of runs shown newest first (backtests, shadows): the last item's instant and id,
// opaque to clients; a cursor this API did not give out is refused naming `before`.
import { DomainError } from '#core/errors.ts'

export type NewestFirstCursor = { at: Date; id: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function encodeNewestFirstCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ at: at.toISOString(), id })).toString('base64url')
}

export function decodeNewestFirstCursor(text: string): NewestFirstCursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      at?: unknown
      id?: unknown
    }
    if (
      typeof parsed.at === 'string' &&
      !Number.isNaN(Date.parse(parsed.at)) &&
      typeof parsed.id === 'string' &&
      UUID.test(parsed.id)
    ) {
      return { at: new Date(parsed.at), id: parsed.id }
    }
  } catch {
    // falls through to the refusal
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API gave out.', {
    field: 'before',
    errors: [{ path: 'querystring/before', message: 'is not a cursor of this list' }],
  })
}
