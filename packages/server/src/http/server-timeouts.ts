// How long a client may take: without limits (Fastify's requestTimeout is 0), a request whose body never
// finishes holds its socket forever, and a few thousand of them exhaust the server.
import type { FastifyServerOptions } from 'fastify'

export type ServerTimeouts = {
  /** the whole request, headers and body, must arrive within this; answered with 408 */
  requestMs: number
  /** the request line and headers must arrive within this; answered with 408 */
  headersMs: number
  /** an idle keep-alive connection is closed after this */
  keepAliveMs: number
  /** a socket with no traffic in either direction is destroyed after this (a client that stopped reading) */
  idleSocketMs: number
  /** how often Node looks for requests past their deadline; a deadline fires up to this much late */
  checkEveryMs: number
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = Object.freeze({
  // A 32 MB event batch must still arrive over a slow uplink: 120 s allows about 2.2 Mbit/s.
  requestMs: 120_000,
  // Headers are at most 16 KB; only a slowloris client needs longer than this.
  headersMs: 20_000,
  // Longer than the 60 s idle timeout of common load balancers, so the balancer closes idle connections
  // first and never sends a request on one Takt is closing (which clients would see as a 502).
  keepAliveMs: 72_000,
  // Covers the slowest batch being stored (the socket is quiet meanwhile) with room to spare.
  idleSocketMs: 300_000,
  // Node's default of 30 s would let a 20 s headers deadline fire after 50 s.
  checkEveryMs: 5_000,
})

/** The Fastify options that apply the timeouts to its HTTP server. */
export function serverTimeoutOptions(overrides: Partial<ServerTimeouts> = {}): Pick<
  FastifyServerOptions,
  'requestTimeout' | 'connectionTimeout' | 'keepAliveTimeout'
> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number }
} {
  const timeouts = { ...DEFAULT_SERVER_TIMEOUTS, ...overrides }
  return {
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleSocketMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node refuses a headers timeout longer than the request timeout when the server is created.
    http: {
      headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs),
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
    },
  }
}
