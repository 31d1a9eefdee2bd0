import { drizzle, NodePgDatabase, NodePgSession } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction handle; repositories accept either this or the pool-bound Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export type Database = { pool: pg.Pool; db: Db; close: () => Promise<void> };

/*
 * Every connection to PostgreSQL is made here (lint:deps forbids importing `pg` elsewhere), so that
 * none can take the process down or drain the pool when the database goes away (issue 11.1):
 *
 * - A pg client whose connection breaks emits 'error'; an 'error' event nobody listens to ends the
 *   process. pg-pool listens only while a client is idle; a checked-out client (a transaction, the
 *   digest delivery's own session, the migrator) has no listener of its own. Every client this pool
 *   creates gets one for its whole life, and standalone clients are made by connectClient(), which
 *   adds one too. The query that was running fails with the same error and is answered 503.
 * - drizzle-orm's node-postgres transaction (0.45.4, node-postgres/session.js) releases its client
 *   only after a successful BEGIN: a BEGIN on a connection that just died leaks the client, and a
 *   few of those exhaust the pool for good. A checked-out client whose connection ends is therefore
 *   given back (as broken, so the pool drops it) at once, and a later release by its holder does
 *   nothing.
 */

type ErrorLog = Pick<Logger, 'warn'>;

/** What of a connection error is logged: its code and message (they carry no query parameters). */
function connectionErrorOf(error: unknown): { code?: unknown; message?: unknown } {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return { code, message };
}

function listenForErrors(client: pg.Client, logger: ErrorLog): void {
  client.on('error', (error) => logger.warn({ err: connectionErrorOf(error) }, 'database connection lost'));
}

/** A pg.Pool whose connections cannot crash the process and whose slots a lost connection cannot hold. */
class ResilientPool extends pg.Pool {
  constructor(config: pg.PoolConfig, logger: ErrorLog) {
    super(config);
    this.on('connect', (client) => listenForErrors(client, logger));
    // Emitted for an idle client that lost its connection (also logged by the client's listener); the pool drops it.
    this.on('error', () => undefined);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    // The callback form is pool.query's own: it listens for errors and releases broken clients itself.
    if (callback) return super.connect(callback);
    return super.connect().then(releasedWhenLost, (error: unknown) => {
      throw new DatabaseUnavailableError(error);
    });
  }
}

/** Gives a checked-out client back as soon as its connection ends; its holder's release then does nothing. */
function releasedWhenLost(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const settle = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.off('end', onEnd);
    release(error);
  };
  const onEnd = () => settle(new Error('the database connection ended while the client was checked out'));
  client.once('end', onEnd);
  client.release = settle;
  return client;
}

/** No connection to PostgreSQL could be made (it is down, restarting, or refuses more sessions). */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the database cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** PostgreSQL's codes for a session it ended or would not start: shutdown, crash, starting up, too many connections. */
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
/** node-postgres's own words for a connection that ended, broke, or could not be made in time. */
const PG_CONNECTION_MESSAGE = /Connection terminated|is not queryable|timeout exceeded when trying to connect/i;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ERR_STREAM_DESTROYED']);

/**
 * True when an error means the database is away rather than that a statement was wrong: a
 * connection that could not be made or broke during a query or transaction (drizzle wraps the
 * driver's error; the chain of causes is followed). Such a request is answered 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let fromQuery = false;
  let network = false;
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth += 1) {
    if (current instanceof DatabaseUnavailableError) return true;
    const candidate = current as { code?: unknown; message?: unknown; query?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && PG_UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.message === 'string' && PG_CONNECTION_MESSAGE.test(candidate.message)) return true;
    if (typeof candidate.query === 'string') fromQuery = true;
    if (typeof candidate.code === 'string' && NETWORK_CODES.has(candidate.code)) network = true;
    current = candidate.cause;
  }
  return fromQuery && network;
}

/** A standalone client (admin work in scripts and tests) with an error listener; connected. */
export async function connectClient({ url, logger }: { url: string; logger: ErrorLog }): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  listenForErrors(client, logger);
  await client.connect();
  return client;
}

/** Opens a pool and a drizzle handle on it. Connection errors are logged, never fatal (see above). */
export function createDatabase({ url, max = 10, logger }: { url: string; max?: number; logger: Logger }): Database {
  const pool = new ResilientPool(
    {
      connectionString: url,
      max,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
      application_name: 'kansrijk',
    },
    logger,
  );
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  let closed = false;
  return {
    pool,
    db,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The pool behind a drizzle handle made by createDatabase. */
function poolOf(db: Db): pg.Pool {
  const client = (db as Db & { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) throw new Error('a session of its own needs a drizzle handle on a pg.Pool');
  return client;
}

/**
 * A handle like `db` on one client of its pool. Built from db's own dialect and schema tables:
 * drizzle(client, { schema }) would work out the relational config of every table again, which
 * cost a digest round seconds of CPU, once per digest (issue 19.5). No relational queries or
 * logger are used on such a handle beyond what `db` has.
 */
function boundTo(db: Db, client: pg.PoolClient): Db {
  const { dialect, _: internals } = db as unknown as {
    dialect: PgDialect;
    _: { schema: unknown; fullSchema: Record<string, unknown>; tableNamesMap: Record<string, string> };
  };
  const tables = { fullSchema: internals.fullSchema, schema: internals.schema, tableNamesMap: internals.tableNamesMap } as ConstructorParameters<
    typeof NodePgSession
  >[2];
  const session = new NodePgSession(client, dialect, tables, {});
  return new NodePgDatabase<Schema>(dialect, session as never, tables as never);
}

/**
 * Runs `work` on one connection of its own (a drizzle handle bound to it, for session state such as
 * advisory locks), then gives it back; a connection that failed other than by a PostgreSQL error
 * (it may be mid-transaction or gone) is not given back to the pool.
 */
export async function withOwnSession<T>(db: Db, work: (session: Db) => Promise<T>): Promise<T> {
  const client = await poolOf(db).connect();
  let broken: Error | undefined;
  try {
    return await work(boundTo(db, client));
  } catch (error) {
    if (pgErrorOf(error) === undefined) broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The Postgres error behind a drizzle error (drizzle wraps driver errors; the original is in `.cause`). */
/** The fields of a PostgreSQL error (pg's DatabaseError) that callers read. */
export type PgErrorFields = { code?: string; constraint?: string; detail?: string; table?: string; column?: string; routine?: string; message?: string };

export function pgErrorOf(error: unknown): PgErrorFields | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as PgErrorFields;
    }
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Sends the queries just started before the CPU work that follows them: pg-pool hands an idle
 * client to a query on process.nextTick (pg-pool 3, Pool.connect), so a query started in a
 * synchronous stretch goes out only when that stretch ends. Awaiting this right after starting one
 * lets PostgreSQL answer it while this process works on (issue 13.11).
 */
export function sendStartedQueries(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}
