import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  sql,
  type TransactionSettings,
} from 'kysely';

/**
 * The second wall (docs/walls.md, migration 0009): how a person's reach gets to PostgreSQL.
 *
 * - The auth hook (src/http/auth.ts) runs each request's handler inside an actor context held in
 *   an AsyncLocalStorage; everything else (timers, outbox, migrations, seeds, the CLI, sign-in,
 *   customer links checked by their signature) runs with no actor, as the owner.
 * - `withRowSecurity(dialect)` wraps the Kysely driver: when it hands out a connection it makes the
 *   connection carry the context of the code asking for it, in one statement (`set_config` of
 *   `role` and the `app.*` settings, session-wide, before any BEGIN, so a transaction keeps it to
 *   the end), skipped when the connection already carries exactly that context. With pg.Pool a
 *   connection reused by another person is switched on hand-out; PGlite's one connection is
 *   handed out under Kysely's mutex, so it too carries one context at a time.
 * - Escapes, each visible where it is used and saying why: `asSystem(db, fn)` for work a person's
 *   request legitimately does outside their reach (moving or cancelling a callback's task, which is
 *   a callback team's); `runHandlerAsSystem` for routes authorised by a secret (customer links,
 *   the desk feed); owner-read SQL functions of migration 0009 where a switch would cost statements
 *   on a hot path (`open_task_counts` for least-loaded routing). Inserts are open to the app role
 *   (creation rights are the first wall's); a write uses RETURNING only when it needs it.
 * - Cost: a switch is one statement, only when a connection changes hands between contexts (the
 *   sign-in lookup reads no table under row security and takes a connection as it is): 0 extra
 *   statements for one person's requests in a row, 1 when two people alternate, and 2 more for each
 *   `asSystem` inside a transaction.
 *
 * Raw queries on `DatabaseHandle.pool` or `.pglite` bypass this and run as whatever the connection
 * last carried: go through Kysely for table work.
 */

/** The non-owner role a signed-in person's queries run as. */
export const appRole = 'escalation_app';

/** What the policies read about the person (a subset of the HTTP `Actor`). */
export type RowActor = { id: string; role: string; siteId: string | null; teamId: string | null };

/** `isReachFree`: the queries read no table under row security, any context will do. */
type Context = { actor: RowActor | null; isReachFree?: boolean };

const storage = new AsyncLocalStorage<Context>();

/** Runs `fn` (and what it starts) with the actor's reach. */
export function runAsActor<T>(actor: RowActor, fn: () => T): T {
  return storage.run({ actor }, fn);
}

/** Runs `fn` (and what it starts) as the owner: background work that may start inside a request. */
export function runAsSystem<T>(fn: () => T): T {
  return storage.run({ actor: null }, fn);
}

/**
 * Runs `fn`, whose queries read no table under row security (the sign-in lookup of users, sessions
 * and tokens), on a connection in whatever context it carries: the same rows either way, and a
 * request then switches its connection at most once (to its person), not twice.
 */
export function runReachFree<T>(fn: () => T): T {
  return storage.run({ actor: null, isReachFree: true }, fn);
}

/** The actor whose reach applies to queries made here, or null for system work. */
export function currentRowActor(): RowActor | null {
  return storage.getStore()?.actor ?? null;
}

/**
 * Runs `fn` with the owner's reach inside a person's request. Only for work the person's request
 * must do on rows they cannot see; every call says why. Given a transaction, it switches that
 * connection to the owner for `fn` and back (two statements); given the root `db`, `fn`'s queries
 * take connections as the owner.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database's Kysely or transaction
export async function asSystem<D extends Kysely<any>, T>(db: D, fn: (db: D) => Promise<T>): Promise<T> {
  if (!currentRowActor()) return fn(db);
  if (!db.isTransaction) return runAsSystem(() => fn(db));
  // Local to the transaction: a rollback or commit also ends it.
  await sql`select set_config('role', 'none', true)`.execute(db);
  let result: T;
  try {
    result = await fn(db);
  } catch (error) {
    // An aborted transaction refuses the switch back, and is rolled back anyway.
    await sql`select set_config('role', ${appRole}, true)`.execute(db).catch(() => {});
    throw error;
  }
  await sql`select set_config('role', ${appRole}, true)`.execute(db);
  return result;
}

const systemKey = '';

function keyOf(actor: RowActor | null): string {
  return actor ? `${actor.id}|${actor.role}|${actor.siteId ?? ''}|${actor.teamId ?? ''}` : systemKey;
}

function settingsOf(actor: RowActor | null): CompiledQuery {
  return CompiledQuery.raw(
    `select set_config('role', $1, false), set_config('app.user_id', $2, false),
       set_config('app.role', $3, false), set_config('app.site_id', $4, false),
       set_config('app.team_id', $5, false)`,
    actor
      ? [appRole, actor.id, actor.role, actor.siteId ?? '', actor.teamId ?? '']
      : ['none', '', '', '', ''],
  );
}

/** Counts the context switches (tests and benchmarks measure the cost per request). */
export const rowSecurityStats = { switches: 0 };

type AbortOptions = Parameters<Driver['acquireConnection']>[0];

class RowSecurityDriver implements Driver {
  #inner: Driver;
  /** The context each connection carries; a connection not listed is fresh, hence the owner's. */
  #carried = new WeakMap<DatabaseConnection, string>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(options?: AbortOptions): Promise<void> {
    return this.#inner.init(options);
  }

  async acquireConnection(options?: AbortOptions): Promise<DatabaseConnection> {
    const connection = await this.#inner.acquireConnection(options);
    if (storage.getStore()?.isReachFree) return connection;
    const actor = currentRowActor();
    const key = keyOf(actor);
    if ((this.#carried.get(connection) ?? systemKey) === key) return connection;
    try {
      rowSecurityStats.switches++;
      await connection.executeQuery(settingsOf(actor));
      this.#carried.set(connection, key);
    } catch (error) {
      // Whatever it carries now is unknown: never assume the owner for it again.
      this.#carried.set(connection, 'unknown');
      await this.#inner.releaseConnection(connection);
      throw error;
    }
    return connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.#inner.savepoint!(connection, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.#inner.rollbackToSavepoint!(connection, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.#inner.releaseSavepoint!(connection, name, compile);
  }

  releaseConnection(connection: DatabaseConnection, options?: AbortOptions): Promise<void> {
    return this.#inner.releaseConnection(connection, options);
  }

  destroy(options?: AbortOptions): Promise<void> {
    return this.#inner.destroy(options);
  }
}

/** The dialect with its driver wrapped so that each connection carries the current context. */
export function withRowSecurity(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new RowSecurityDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
