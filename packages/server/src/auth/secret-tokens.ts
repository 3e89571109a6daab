// API keys and session tokens: random, shown once, stored only as a SHA-256 hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export type ApiKeyScope = 'ingest' | 'read' | 'admin'

export function newApiKey(scope: ApiKeyScope): { key: string; prefix: string; hash: string } {
  const key = `takt_${scope}_${randomBytes(24).toString('base64url')}`
  return { key, prefix: key.slice(0, 16), hash: hashSecret(key) }
}

export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, id: hashSecret(token) }
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * The CSRF token of a session: derived from the session token, so it needs no storage, and a page
 * on another origin, which can make the browser send the cookie but cannot read it, cannot compute it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url')
}

export function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
