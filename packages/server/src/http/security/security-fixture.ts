// Two workspaces with look-alike data and every kind of caller, shared by the permission-matrix,
// tenant-isolation and fuzz tests. Routes come from the app's own route table, so later ones join.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import type { TestApp, TestSession, TestWorkspace } from '../../testing/test-app.ts'
import { DEMO_AGREEMENT_PATH } from '../../demo/seed-demo-workspace.ts'
import type { Role } from '../../db/user.repository.ts'
import type { ApiKeyScope } from '../../auth/secret-tokens.ts'
import { buildApp } from '../app.ts'
import { isAllowed, type Access } from '../access.ts'
import type { RouteEntry } from '../authenticate.ts'
import { waitForSettledWrites } from './data-fingerprint.ts'

/** Both workspaces have a lead with this address, so only tenancy tells them apart. */
export const SHARED_EMAIL = 'anna.schmidt@gemeinsam-beispiel.de'
/** A well-formed id that exists in no workspace. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

export type Caller = {
  name: string
  workspace?: TestWorkspace
  role?: Role
  scope?: ApiKeyScope
  key?: string
  email?: string
  /** renewed by renewSession when a request signed it out */
  session?: TestSession
}

export type Tenant = {
  workspace: TestWorkspace
  word: string
  leadId: string
  /** a content item only this workspace has */
  contentId: string
  /** an API key no caller uses, so a test that revokes it breaks nothing */
  spareKeyId: string
  /** a user who is no caller (sales2) */
  spareUserId: string
  /** values that identify this workspace's data: ids, key prefixes, its own words */
  marks: string[]
}

/** Every /api/v1 route with its access entry, read from an app built the way test-app builds one. */
export async function loadRouteTable(app: TestApp): Promise<RouteEntry[]> {
  const probe = await buildApp({ db: app.db, clock: app.clock.now, secureCookies: false, logLevel: 'silent' })
  await probe.ready()
  const routes = [...probe.routeTable]
  await probe.close()
  return routes
}

export const ANONYMOUS: Caller = { name: 'anonymous' }

/** A session per role and a key per scope of one workspace. */
export async function callersOf(app: TestApp, workspace: TestWorkspace, label = ''): Promise<Caller[]> {
  const roles = [
    ['admin', 'admin'],
    ['marketing', 'marketing'],
    ['sales', 'sales'],
    ['manager', 'sales_manager'],
  ] as const
  const sessions: Caller[] = []
  for (const [user, role] of roles) {
    const email = workspace.users[user].email
    sessions.push({
      name: `${label}session:${role}`,
      workspace,
      role,
      email,
      session: await app.login(email, workspace.slug),
    })
  }
  const keys = (['ingest', 'read', 'admin'] as const).map((scope): Caller => ({
    name: `${label}key:${scope}`,
    workspace,
    scope,
    key: workspace.keys[scope],
  }))
  return [...sessions, ...keys]
}

export function isCallerAllowed(access: Access, caller: Caller): boolean {
  const workspaceId = caller.workspace?.id ?? ''
  if (caller.role)
    return isAllowed(access, { kind: 'user', workspaceId, userId: '', role: caller.role, sessionId: '' })
  if (caller.scope) return isAllowed(access, { kind: 'api_key', workspaceId, keyId: '', scope: caller.scope })
  return isAllowed(access, undefined)
}

export function authOf(caller: Caller): { key?: string; session?: TestSession } {
  return caller.key ? { key: caller.key } : caller.session ? { session: caller.session } : {}
}

/** Signs a session caller in again when a request (DELETE /session, a disabled user…) ended its session. */
export async function renewSession(app: TestApp, caller: Caller): Promise<void> {
  if (!caller.session || !caller.email || !caller.workspace) return
  await waitForSettledWrites(app.db)
  const probe = await app.request('GET', '/api/v1/session', { session: caller.session })
  if (probe.status === 401) caller.session = await app.login(caller.email, caller.workspace.slug)
}

// Path parameters by the collection they follow; `unique` ids exist in one workspace only.
const IDS_BY_COLLECTION: Record<string, { id: (tenant: Tenant) => string; unique: boolean }> = {
  leads: { id: (tenant) => tenant.leadId, unique: true },
  content: { id: (tenant) => tenant.contentId, unique: true },
  'api-keys': { id: (tenant) => tenant.spareKeyId, unique: true },
  users: { id: (tenant) => tenant.spareUserId, unique: true },
  versions: { id: () => '1', unique: false },
}

/**
 * The route's URL with its parameters filled by ids of the tenant; unknown parameters get an id
 * that exists nowhere (a 404 is a fine answer). `tenantIds` says whether an id unique to the tenant was used.
 */
export function fillPath(url: string, tenant: Tenant): { path: string; tenantIds: boolean } {
  let tenantIds = false
  const segments = url.split('/').map((segment, index, all) => {
    if (segment === '*') return 'x'
    if (!segment.startsWith(':')) return segment
    const known = IDS_BY_COLLECTION[all[index - 1] ?? '']
    if (!known) return UNKNOWN_ID
    tenantIds ||= known.unique
    return encodeURIComponent(known.id(tenant))
  })
  return { path: segments.join('/'), tenantIds }
}

/** The tenant's marks in a response body; what the request named itself (echoed in errors) does not count. */
export function leakedMarks(body: unknown, tenant: Tenant, request = ''): string[] {
  let text = (typeof body === 'string' ? body : (JSON.stringify(body) ?? '')).toLowerCase()
  for (const part of decodeURIComponent(request)
    .toLowerCase()
    .split(/[/?&=]/))
    if (part.length >= 8) text = text.replaceAll(part, '')
  return tenant.marks.filter((mark) => text.includes(mark.toLowerCase()))
}

/**
 * Gives a workspace data that differs from every other one only by `word` (a made-up word that
 * appears nowhere else): a content item, an agreement version, a lead with the shared e-mail,
 * a decision and a spare key.
 */
export async function seedTenant(app: TestApp, workspace: TestWorkspace, word: string): Promise<Tenant> {
  const key = workspace.keys.admin
  const slug = word.toLowerCase()
  const contentId = `${slug}-whitepaper`
  const put = await app.request('PUT', `/api/v1/content/${contentId}`, {
    key,
    body: { title: `${word} Whitepaper`, kind: 'whitepaper', journeyStage: 'consideration', topics: [slug] },
  })
  assert.equal(put.status, 200, JSON.stringify(put.body))
  const agreement = (await readFile(DEMO_AGREEMENT_PATH, 'utf8')).replace(
    /^name: .*$/m,
    `name: ${word} Vereinbarung`,
  )
  // Replacing in one step needs the workspace to let one party decide alone.
  const allowed = await app.request('PUT', '/api/v1/settings/governance', {
    key,
    body: { singlePartyActivation: true },
  })
  assert.equal(allowed.status, 200, JSON.stringify(allowed.body))
  const replaced = await app.request('PUT', '/api/v1/agreement', {
    key,
    body: agreement,
    contentType: 'application/yaml',
  })
  assert.equal(replaced.status, 200, JSON.stringify(replaced.body))
  const lead = {
    email: SHARED_EMAIL,
    firstName: 'Anna',
    lastName: 'Schmidt',
    title: `Leiterin Produktion ${word}`,
    company: {
      name: `${word} Präzision GmbH`,
      domain: `${slug}-praezision.de`,
      industry: 'maschinenbau',
      employees: 400,
      country: 'DE',
    },
  }
  const ingested = await app.request('POST', '/api/v1/events', {
    key: workspace.keys.ingest,
    body: {
      events: [
        { id: `${slug}-1`, type: 'content_download', occurredAt: '2026-10-20T09:00:00Z', contentId, lead },
        {
          id: `${slug}-2`,
          type: 'demo_request',
          occurredAt: '2026-11-01T09:00:00Z',
          contentId: 'demo',
          lead,
        },
      ],
    },
  })
  assert.equal(ingested.body.accepted, 2, JSON.stringify(ingested.body))
  const leadId: string = ingested.body.leads[0].id
  const accepted = await app.request('POST', `/api/v1/leads/${leadId}/actions`, {
    key,
    body: { action: 'accept', note: `${word} Notiz` },
  })
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
  const spare = await app.request('POST', '/api/v1/api-keys', {
    key,
    body: { name: `${word} spare`, scope: 'read' },
  })
  assert.equal(spare.status, 201, JSON.stringify(spare.body))
  await waitForSettledWrites(app.db)
  const prefixes = await app.db
    .selectFrom('api_keys')
    .select('prefix')
    .where('workspace_id', '=', workspace.id)
    .execute()
  const users = Object.values(workspace.users)
  return {
    workspace,
    word,
    leadId,
    contentId,
    spareKeyId: spare.body.id,
    spareUserId: workspace.users.sales2.id,
    marks: [
      word,
      workspace.id,
      leadId,
      spare.body.id,
      `@${workspace.slug}.test`,
      ...users.map((user) => user.id),
      ...prefixes.map((row) => row.prefix),
    ],
  }
}
