import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { testWorkDir } from '../support/harness.js';
import { TYPESCRIPT_IMPORT } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

/*
 * REQUIREMENTS R10, issue 11.2: the embedded PostgreSQL and Meilisearch do not outlive a parent that
 * is killed outright (SIGKILL: no shutdown handler runs), as a crashed server or a test runner's
 * timeout would leave them.
 */

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

t.test('children of a SIGKILLed parent stop by themselves', async (t) => {
  const dir = await mkdtemp(path.join(testWorkDir(), 'orphans-'));
  await chmod(dir, 0o755);
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const parent = spawn(process.execPath, [...TYPESCRIPT_IMPORT, 'test/support/start-embedded-children.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.teardown(() => parent.kill('SIGKILL'));
  let output = '';
  parent.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const line = await waitFor(() => output.includes('\n') && output.split('\n')[0], { what: 'the children to start' });
  const pids = JSON.parse(line) as { meilisearch: number; postgres: number };
  t.ok(alive(pids.meilisearch) && alive(pids.postgres), 'both run while the parent lives');

  parent.kill('SIGKILL');
  await waitFor(() => !alive(pids.meilisearch) && !alive(pids.postgres), { what: 'the children to stop' });
  t.notOk(alive(pids.meilisearch), 'Meilisearch stopped with its parent');
  t.notOk(alive(pids.postgres), 'PostgreSQL stopped with its parent');
});
