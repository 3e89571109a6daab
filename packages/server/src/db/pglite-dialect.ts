// A Kysely dialect for PGlite 0.5 (Kysely 0.28 ships none, kysely-pglite-dialect pins PGlite ≤ 0.4).
// PGlite is one Postgres backend with one session: a BEGIN from one caller would swallow every other
// caller's statements into its transaction. So the driver hands out the single connection under a
// mutex: a transaction holds it from BEGIN to COMMIT/ROLLBACK and everyone else waits their turn.
// Consequence: inside db.transaction().execute(trx => …) use trx, never db, or the callback waits
// for itself. pg-boss's PGlite adapter (src/adapters/pglite.ts) makes the same trade.
import type { PGliteInterface, QueryOptions } from '@electric-sql/pglite'
import {
  AbortedTransactionError,
  CompiledQuery,
  IdentifierNode,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  RawNode,
  createQueryId,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

export type PGliteDialectConfig = {
  /** The instance to use; the driver closes it on destroy, as Kysely's PostgresDriver ends its pool. */
  pglite: PGliteInterface
  /** Type parsers and serializers applied to every query, whatever options the instance was made with. */
  types?: Pick<QueryOptions, 'parsers' | 'serializers'>
  /**
   * Opens the same database again when the instance has died (closed other than by destroy(), e.g. an
   * aborted WebAssembly runtime), as a pool replaces a lost connection. Without it a dead instance stays dead.
   */
  reopen?: () => Promise<PGliteInterface>
}

export class PGliteDialect implements Dialect {
  readonly #config: PGliteDialectConfig

  constructor(config: PGliteDialectConfig) {
    this.#config = config
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter()
  }

  createDriver(): Driver {
    return new PGliteDriver(
      this.#config.pglite,
      { ...this.#config.types, rowMode: 'object' },
      this.#config.reopen,
    )
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }
}

/** First come, first served; unlock hands the lock straight to the next waiter. */
export class ConnectionMutex {
  #locked = false
  readonly #waiters: Array<() => void> = []

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true
      return
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve))
  }

  unlock(): void {
    const next = this.#waiters.shift()
    if (next) next()
    else this.#locked = false
  }
}

const WRITE_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE'])

const SCRIPT = Symbol('takt.script')

/**
 * Several statements without parameters in one query, as the simple protocol runs them (pg-boss's
 * schema and its locked maintenance blocks). PGlite's query() takes one statement, so the driver sends
 * these through exec() and returns the rows of all statements; PostgreSQL runs them as they are.
 */
export function scriptQuery(text: string): CompiledQuery {
  return Object.freeze({ ...CompiledQuery.raw(text), [SCRIPT]: true })
}

function isScript(query: CompiledQuery): boolean {
  return (query as { [SCRIPT]?: boolean })[SCRIPT] === true
}

class PGliteDriver implements Driver {
  #pglite: PGliteInterface
  readonly #reopen: (() => Promise<PGliteInterface>) | undefined
  #destroyed = false
  readonly #mutex = new ConnectionMutex()
  readonly #connection: PGliteConnection

  constructor(pglite: PGliteInterface, queryOptions: QueryOptions, reopen?: () => Promise<PGliteInterface>) {
    this.#pglite = pglite
    this.#reopen = reopen
    this.#connection = new PGliteConnection(() => this.#pglite, queryOptions)
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock()
    if (this.#pglite.closed && this.#reopen && !this.#destroyed) {
      try {
        this.#pglite = await this.#reopen()
      } catch (error) {
        this.#mutex.unlock()
        throw new Error('PGlite is closed and its database could not be opened again', { cause: error })
      }
    }
    return this.#connection
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock()
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const options = [
      settings.isolationLevel && `isolation level ${settings.isolationLevel}`,
      settings.accessMode,
    ]
    await connection.executeQuery(
      CompiledQuery.raw(['start transaction', ...options.filter(Boolean)].join(' ')),
    )
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const result = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'))
    // PostgreSQL answers COMMIT with a ROLLBACK tag when an earlier statement aborted the transaction.
    if (result.rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError()
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await connection.executeQuery(compile(savepointCommand('savepoint', name), createQueryId()))
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await connection.executeQuery(compile(savepointCommand('rollback to', name), createQueryId()))
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await connection.executeQuery(compile(savepointCommand('release', name), createQueryId()))
  }

  async destroy(): Promise<void> {
    // Let whoever holds the connection finish rather than closing under a running transaction.
    await this.#mutex.lock()
    this.#destroyed = true
    try {
      if (!this.#pglite.closed) await this.#pglite.close()
    } finally {
      this.#mutex.unlock()
    }
  }
}

function savepointCommand(command: string, name: string) {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)])
}

class PGliteConnection implements DatabaseConnection {
  // The driver's current instance, which changes when a dead one is replaced.
  readonly #pglite: () => PGliteInterface
  readonly #queryOptions: QueryOptions

  constructor(pglite: () => PGliteInterface, queryOptions: QueryOptions) {
    this.#pglite = pglite
    this.#queryOptions = queryOptions
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (isScript(compiledQuery)) {
      const results = await this.#pglite().exec(compiledQuery.sql, this.#queryOptions)
      return { rows: results.flatMap((result) => result.rows as R[]) }
    }
    const result = await this.#pglite().query<R>(
      compiledQuery.sql,
      [...compiledQuery.parameters],
      this.#queryOptions,
    )
    const command = result.command ?? ''
    if (command === 'COMMIT' || command === 'ROLLBACK') return { rows: [{ command } as R] }
    return {
      rows: result.rows,
      ...(WRITE_COMMANDS.has(command) ? { numAffectedRows: BigInt(result.rowCount ?? 0) } : {}),
    }
  }

  // PGlite has no cursors across calls, so a stream is the whole result handed out in chunks.
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0)
      throw new Error('chunkSize must be a positive integer')
    const { rows } = await this.executeQuery<R>(compiledQuery)
    for (let start = 0; start < rows.length; start += chunkSize)
      yield { rows: rows.slice(start, start + chunkSize) }
  }
}
