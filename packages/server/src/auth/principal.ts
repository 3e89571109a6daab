// Who is calling: a signed-in person or an API key, always within one workspace. Set by the HTTP
// edge (http/authenticate.ts); use cases read it to record who acted, so it lives outside http/.
import type { Role } from '../db/user.repository.ts'
import type { ApiKeyScope } from './secret-tokens.ts'

export type Principal =
  | { kind: 'user'; workspaceId: string; userId: string; role: Role; sessionId: string }
  | { kind: 'api_key'; workspaceId: string; keyId: string; scope: ApiKeyScope }
