import { sql } from 'drizzle-orm';
import t from 'tap';
import { connectClient, createDatabase, isDatabaseUnavailable } from '../../db/client.js';
import { createTestDatabase, testLogger } from '../support/harness.js';
import { waitFor } from '../support/wait.js';

/*
 * Issue 11.1, the parts of a database outage that a test can make happen on purpose, one connection
 * at a time (test/platform/database-outage.test.ts stops a whole PostgreSQL under load): a connection
 * that dies while nobody is querying on it ends no process, and one that dies while checked out does
 * not keep its place in the pool, also when it dies before drizzle's BEGIN (drizzle-orm 0.45.4
 * releases a transaction's client only after a successful BEGIN).
 */

async function terminate(url: string, pid: number): Promise<void> {
  const admin = await connectClient({ url, logger: testLogger });
  try {
    await admin.query('select pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
}

t.test('a standalone client whose session is ended does not end the process', async (t) => {
  const { url } = await createTestDatabase(t);
  const client = await connectClient({ url, logger: testLogger });
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  // (events.once would reject on the client's 'error'; only the end is waited for here.)
  const ended = new Promise((resolve) => client.once('end', resolve));
  await terminate(url, pid);
  await ended;
  await t.rejects(client.query('select 1'), 'the client refuses further queries');
  t.pass('the process is still running');
});

t.test('a checked-out client whose session is ended gives its pool slot back by itself', async (t) => {
  const shared = await createTestDatabase(t);
  const database = createDatabase({ url: shared.url, logger: testLogger, max: 1 });
  t.teardown(() => database.close());
  const client = await database.pool.connect();
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  await terminate(shared.url, pid);
  await waitFor(() => database.pool.totalCount === 0, { what: 'the pool to drop the lost connection', timeoutMs: 30_000 });
  t.doesNotThrow(() => client.release(), "the holder's own release afterwards is harmless");
  const result = await database.db.execute<{ one: number }>(sql`select 1 as one`);
  t.equal(result.rows[0]?.one, 1, 'the only slot of the pool is free again');
});

t.test('transactions whose connection dies before BEGIN do not exhaust the pool', async (t) => {
  const shared = await createTestDatabase(t);
  const database = createDatabase({ url: shared.url, logger: testLogger, max: 2 });
  t.teardown(() => database.close());
  // The connection breaks the moment it is handed out, before drizzle sends BEGIN on it.
  let breakNext = 4;
  database.pool.on('acquire', (client) => {
    if (breakNext <= 0) return;
    breakNext -= 1;
    (client as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
  });
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    const error = await database.db
      .transaction(async (tx) => tx.execute(sql`select 1`))
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    t.ok(error && isDatabaseUnavailable(error), `attempt ${attempt} fails as "database unavailable" (503)`);
  }
  const result = await database.db.transaction(async (tx) => tx.execute<{ one: number }>(sql`select 1 as one`));
  t.equal(result.rows[0]?.one, 1, 'a transaction runs at once afterwards: no slot was leaked');
  t.ok(database.pool.totalCount <= 2);
});

t.test('errors of a database that is away are told apart from wrong statements', async (t) => {
  const database = await createTestDatabase(t);
  const wrong = await database.db.execute(sql`select * from no_such_table`).catch((error: unknown) => error);
  t.notOk(isDatabaseUnavailable(wrong), 'a wrong statement is not an outage');
  const refused = createDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', logger: testLogger, max: 1 });
  t.teardown(() => refused.close());
  t.ok(isDatabaseUnavailable(await refused.db.execute(sql`select 1`).catch((error: unknown) => error)), 'a refused query');
  t.ok(isDatabaseUnavailable(await refused.db.transaction(async () => undefined).catch((error: unknown) => error)), 'a refused transaction');
  t.notOk(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), 'another server refusing is not the database');
});
