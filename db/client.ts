import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction handle; repositories accept either this or the pool-bound Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export type Database = { pool: pg.Pool; db: Db; close: () => Promise<void> };

/** Opens a pool and a drizzle handle on it. Connection errors of idle clients are logged, never fatal. */
export function createDatabase({ url, max = 10, logger }: { url: string; max?: number; logger: Logger }): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'kansrijk',
  });
  // A Postgres restart kills idle connections; the pool replaces them on the next checkout.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
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

/** The Postgres error behind a drizzle error (drizzle wraps driver errors; the original is in `.cause`). */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string; detail?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as { code?: string; constraint?: string; detail?: string };
    }
    current = candidate.cause;
  }
  return undefined;
}
