// Where outgoing webhooks may go. A workspace admin types the URL and the server makes the request, so
// without a guard a webhook could reach the cloud metadata endpoint, the database or anything else on the
// private network (SSRF). The URL is checked when a subscription is saved, and every address is checked
// again when the connection is opened, so a name that resolves elsewhere by then (DNS rebinding) is refused.
import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns'
import { lookup } from 'node:dns/promises'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'
import { Agent, buildConnector, type Dispatcher } from 'undici'

/** `allowPrivate` is for development and tests, whose receivers run on localhost. */
export type TargetPolicy = { allowPrivate: boolean }

// What each refusal refers to; the UI words a refusal from its code and these, in the user's language.
type ParamsByCode = {
  URL_TOO_LONG: { limit: number }
  URL_NOT_ABSOLUTE: Record<string, never>
  URL_SCHEME: Record<string, never>
  URL_CREDENTIALS: Record<string, never>
  URL_FRAGMENT: Record<string, never>
  HOST_UNRESOLVED: { host: string }
  ADDRESS_NOT_PUBLIC: { host: string }
  HOST_NOT_PUBLIC: { host: string; address: string }
}
export type UrlProblemCode = keyof ParamsByCode
/** Why a receiver URL is refused: a stable code, what it refers to, and the same in English. */
export type UrlProblem = {
  [Code in UrlProblemCode]: { code: Code; params: ParamsByCode[Code]; message: string }
}[UrlProblemCode]
export type TargetCheck = { ok: true } | { ok: false; problem: UrlProblem }

const MESSAGES: { [Code in UrlProblemCode]: (params: ParamsByCode[Code]) => string } = {
  URL_TOO_LONG: ({ limit }) => `The URL is longer than ${limit} characters.`,
  URL_NOT_ABSOLUTE: () => 'The URL must be a full address starting with https:// or http://.',
  URL_SCHEME: () => 'The URL must start with https:// or http://.',
  URL_CREDENTIALS: () => 'The URL must not contain a user name or password.',
  URL_FRAGMENT: () => 'The URL must not contain a fragment (#…).',
  HOST_UNRESOLVED: ({ host }) => `The host ${host} could not be resolved.`,
  ADDRESS_NOT_PUBLIC: ({ host }) => `${host} is not a public address.`,
  HOST_NOT_PUBLIC: ({ host, address }) => `${host} resolves to ${address}, which is not a public address.`,
}

function urlProblem<Code extends UrlProblemCode>(code: Code, params: ParamsByCode[Code]): UrlProblem {
  return { code, params, message: MESSAGES[code](params) } as UrlProblem
}

const MAX_URL_LENGTH = 2000
// The IPv6 global unicast space; everything outside it is special or unassigned.
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3')
// The NAT64 well-known prefix: the gateway forwards these to the IPv4 address in the last 32 bits.
const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96')

/**
 * The syntactic check of a subscription's URL; store `url.href`, the normalised form.
 * @example
 * parseWebhookUrl('https://hooks.example.com/takt') // { ok: true, url }
 * parseWebhookUrl('ftp://example.com')
 * // { ok: false, problem: { code: 'URL_SCHEME', params: {}, message: 'The URL must start with https:// or http://.' } }
 */
export function parseWebhookUrl(raw: string): { ok: true; url: URL } | { ok: false; problem: UrlProblem } {
  if (raw.length > MAX_URL_LENGTH) {
    return { ok: false, problem: urlProblem('URL_TOO_LONG', { limit: MAX_URL_LENGTH }) }
  }
  const url = URL.parse(raw)
  if (!url) return { ok: false, problem: urlProblem('URL_NOT_ABSOLUTE', {}) }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: urlProblem('URL_SCHEME', {}) }
  }
  if (url.username || url.password) return { ok: false, problem: urlProblem('URL_CREDENTIALS', {}) }
  // A '#' can only start a fragment; an empty one ("…/hook#") leaves url.hash empty, so look at the text.
  if (raw.includes('#')) return { ok: false, problem: urlProblem('URL_FRAGMENT', {}) }
  return { ok: true, url }
}

/** Whether an IP address is on the public internet: not loopback, private, link-local, reserved and so on. */
export function isPublicAddress(address: string): boolean {
  // Only the canonical forms net.connect takes; "127.1" or "0x7f.0.0.1" are no address here.
  if (isIP(address) === 0) return false
  const parsed = ipaddr.parse(address)
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast'
  const ipv6 = parsed as ipaddr.IPv6
  const ipv4 = embeddedIPv4(ipv6)
  if (ipv4) return ipv4.range() === 'unicast'
  return ipv6.range() === 'unicast' && ipv6.match(GLOBAL_UNICAST)
}

// IPv6 forms that reach an IPv4 address (::ffff:127.0.0.1 is 127.0.0.1) are judged by that address.
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = address.range()
  if (range !== 'ipv4Mapped' && range !== 'rfc6145' && !address.match(NAT64)) return undefined
  return new ipaddr.IPv4(address.toByteArray().slice(-4))
}

/** The problem with the first address of `host` that is not public, if any. */
function privateAddressProblem(host: string, addresses: string[]): UrlProblem | undefined {
  const refused = addresses.find((address) => !isPublicAddress(address))
  if (refused === undefined) return undefined
  return refused === host
    ? urlProblem('ADDRESS_NOT_PUBLIC', { host })
    : urlProblem('HOST_NOT_PUBLIC', { host, address: refused })
}

/**
 * Resolves the URL's host and refuses it when it is unknown or any of its addresses is not public. For
 * telling the user when they save a subscription; sending relies on `guardedDispatcher`, not on this.
 * @example
 * await checkWebhookTarget(new URL('http://localhost:3000/hook'), { allowPrivate: false })
 * // { ok: false, problem: { code: 'HOST_NOT_PUBLIC', params: { host: 'localhost', address: '127.0.0.1' }, message: … } }
 */
export async function checkWebhookTarget(url: URL, policy: TargetPolicy): Promise<TargetCheck> {
  // IPv6 literals keep their brackets in URL#hostname.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  let addresses: string[]
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address)
  } catch {
    addresses = []
  }
  if (addresses.length === 0) return { ok: false, problem: urlProblem('HOST_UNRESOLVED', { host }) }
  if (policy.allowPrivate) return { ok: true }
  const problem = privateAddressProblem(host, addresses)
  return problem ? { ok: false, problem } : { ok: true }
}

export class TargetRefusedError extends Error {
  readonly code = 'ERR_WEBHOOK_TARGET_REFUSED'
  override name = 'TargetRefusedError'
  readonly problem: UrlProblem

  constructor(problem: UrlProblem) {
    super(problem.message)
    this.problem = problem
  }
}

const dispatchers = new Map<string, Dispatcher>()

/**
 * The HTTP agent for webhook requests. Unless private targets are allowed, it checks every address it
 * connects to, after DNS and right before the connection, so what was checked is what gets reached.
 */
export function guardedDispatcher(policy: TargetPolicy, timeoutMs: number): Dispatcher {
  const key = `${policy.allowPrivate}:${timeoutMs}`
  let dispatcher = dispatchers.get(key)
  if (!dispatcher) {
    dispatcher = new Agent({
      connect: policy.allowPrivate ? { timeout: timeoutMs } : guardedConnector(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
    dispatchers.set(key, dispatcher)
  }
  return dispatcher
}

function guardedConnector(timeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: timeoutMs, lookup: guardedLookup })
  return (options, callback) => {
    // net.connect skips the lookup for IP literals, so those are checked here.
    const problem = isIP(options.hostname)
      ? privateAddressProblem(options.hostname, [options.hostname])
      : undefined
    if (problem) return callback(new TargetRefusedError(problem), null)
    connect(options, callback)
  }
}

// Called with `all: true` when net.connect tries IPv4 and IPv6 in turn (autoSelectFamily), else for one.
const guardedLookup: LookupFunction = (hostname: string, options: LookupOptions, callback) => {
  lookupCallback(hostname, options, (error, result: string | LookupAddress[], family?: number) => {
    if (error) return callback(error, result, family)
    const addresses = typeof result === 'string' ? [result] : result.map((entry) => entry.address)
    const problem = privateAddressProblem(hostname, addresses)
    if (problem) return callback(new TargetRefusedError(problem), result, family)
    callback(null, result, family)
  })
}
