// API keys and session tokens: random, shown once, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto'

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
