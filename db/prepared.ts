import type { SQL } from 'drizzle-orm';
import { PgTransaction, type PgDialect, type PgSession } from 'drizzle-orm/pg-core';
import type { Executor } from './client.js';

/*
 * Queries that every request runs (the token look-up, reading a vacancy) are built once and run as
 * named prepared statements (issue 19.6). Building a drizzle query costs more CPU than PostgreSQL
 * needs to answer it: the SQL text is made anew from the query tree on every call, and an unnamed
 * statement is parsed and planned again by PostgreSQL. A prepared query keeps its SQL text and
 * its result mapping; PostgreSQL parses each named statement once per connection.
 *
 * What changes per call is a placeholder (sql.placeholder), so the SQL text, and with it what the
 * query may read, is fixed when it is built: the tenant scope is always a parameter, never left out.
 */

/**
 * Makes `build(db, variant)` once per pool-bound handle and variant, and hands out that query after.
 * A transaction gets a query built for it each time (it is bound to that transaction's connection,
 * which goes back to the pool afterwards). Every variant must prepare under a name of its own: one
 * name with two SQL texts is refused by node-postgres on a connection that has seen both.
 */
export function preparedPerDatabase<Q>(build: (db: Executor, variant: string) => Q): (db: Executor, variant?: string) => Q {
  const built = new WeakMap<Executor, Map<string, Q>>();
  return (db, variant = '') => {
    if (db instanceof PgTransaction) return build(db, variant);
    let variants = built.get(db);
    if (!variants) {
      variants = new Map();
      built.set(db, variants);
    }
    let query = variants.get(variant);
    if (query === undefined) {
      query = build(db, variant);
      variants.set(variant, query);
    }
    return query;
  };
}

/**
 * A raw SQL statement run as a named prepared statement (issue 13.11): `build` gives the SQL with
 * sql.placeholder() for what changes per call; it is turned into text once per pool-bound handle
 * (per transaction, for a transaction), and PostgreSQL parses it once per connection. Rows come back
 * as `db.execute` gives them.
 */
export function preparedStatement<Row>(
  name: string,
  build: () => SQL,
): (db: Executor, values: Record<string, unknown>) => Promise<{ rows: Row[]; rowCount: number | null }> {
  const query = preparedPerDatabase((db) => {
    const { session, dialect } = db as unknown as { session: PgSession; dialect: PgDialect };
    return session.prepareQuery(dialect.sqlToQuery(build()), undefined, name, false);
  });
  return async (db, values) => (await query(db).execute(values)) as { rows: Row[]; rowCount: number | null };
}
