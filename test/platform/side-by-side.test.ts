import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { startMeilisearch } from '../../src/embedded/meilisearch-server.js';
import { startOnFreePort } from '../../src/embedded/ports.js';
import { testLogger, testSearch, testWorkDir } from '../support/harness.js';

/*
 * Two test runs side by side (issue 11, "done when"): each run starts its own Meilisearch and
 * (without DATABASE_URL) its own PostgreSQL on a port that was free a moment before; the other run
 * can take it in between. A start then tries another port, and never takes the other run's server
 * for its own. (.tap/ of one folder is held by one run at a time: scripts/test.ts holdRunLock.)
 */

t.test('a port taken between the check and the start: the next free one is tried', async (t) => {
  const tried: number[] = [];
  const started = await startOnFreePort(undefined, async (port) => {
    tried.push(port);
    if (tried.length === 1) throw new Error('could not bind IPv4 address "127.0.0.1": Address already in use');
    return port;
  });
  t.equal(tried.length, 2, 'a second port was tried');
  t.equal(started, tried[1]);
  await t.rejects(
    startOnFreePort(undefined, async () => {
      throw new Error('permission denied');
    }),
    /permission denied/,
    'other failures are not retried',
  );
  await t.rejects(
    startOnFreePort(4, async () => {
      throw new Error('Address already in use');
    }),
    /already in use/,
    'a port the caller chose is not swapped',
  );
});

t.test("a Meilisearch start never takes another run's server on the same port for its own", async (t) => {
  const other = new URL(testSearch().url);
  const dataDir = await mkdtemp(path.join(testWorkDir(), 'meili-side-'));
  // The shared test server already listens on this port: ours cannot bind it and must fail, not
  // answer with the other one's address (its /health is public and says "available").
  await t.rejects(
    startMeilisearch({ dataDir, masterKey: randomBytes(16).toString('hex'), logger: testLogger, port: Number(other.port) }),
    /Meilisearch stopped during start|did not become healthy/,
  );
});
