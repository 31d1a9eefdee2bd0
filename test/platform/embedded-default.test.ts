import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { testWorkDir } from '../support/harness.js';

/*
 * The README's first command on a fresh machine: `npm start` with nothing configured starts the
 * embedded PostgreSQL and Meilisearch, migrates, seeds the demo, and answers /readyz 200 with demo
 * data; Ctrl-C/SIGTERM stops its children; a restart keeps the state.
 */

const STAFF_TOKEN = 'demo_staff_token_for_the_embedded_default_test_0001';

function startServer(varDir: string): { child: ChildProcess; address: Promise<string>; output: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env, VAR_DIR: varDir, PORT: '0', LOG_LEVEL: 'warn', DEMO_STAFF_TOKEN: STAFF_TOKEN };
  for (const name of ['DATABASE_URL', 'MEILI_URL', 'MEILI_MASTER_KEY', 'SMTP_URL', 'SECRET_KEY']) delete env[name];
  // What `npm start` runs (package.json): Node with the tsx loader, no tsx CLI in between, so that
  // SIGTERM reaches the server itself (the CLI's relay force-kills a child that is slow to answer).
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ');
  if (start[0] !== 'node') throw new Error(`npm start should run node: ${start.join(' ')}`);
  const child = spawn(process.execPath, start.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Waits for the address or the exit, however long a busy machine takes (issue 11.3); tap's
  // per-file timeout is the only bound, and the children die with the server (diesWithParent).
  const address = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /Kansrijk draait op (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, address, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  return (await (await fetch(url, { headers })).json()) as T;
}

type Page = { items: Array<Record<string, unknown>>; nextCursor: string | null };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

t.test('npm start on nothing: embedded servers, demo data, clean stop, state kept', async (t) => {
  const varDir = path.join(testWorkDir(), `embedded-${process.pid}`);
  await mkdir(varDir, { recursive: true });
  const started = Date.now();
  const first = startServer(varDir);
  t.teardown(() => stop(first.child));
  const address = await first.address;
  const ready = await fetch(`${address}/readyz`);
  t.equal(ready.status, 200, '/readyz 200');
  t.comment(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
  t.match(first.output(), /DEMO_STAFF_TOKEN=demo_staff_token_for_the_embedded_default_test_0001/, 'prints the demo tokens');

  const headers = { authorization: `Bearer ${STAFF_TOKEN}` };
  const employers = await getJson<Page>(`${address}/v1/employers?limit=100`, headers);
  t.ok(employers.items.length >= 25, `${employers.items.length} demo employers`);
  t.same(
    new Set(employers.items.map((employer) => employer.sector)),
    new Set(['logistics', 'production', 'cleaning', 'hospitality', 'care', 'retail', 'green_maintenance']),
  );
  let vacancies = 0;
  let cursor: string | null = null;
  do {
    const page: Page = await getJson<Page>(`${address}/v1/vacancies?limit=100${cursor ? `&cursor=${cursor}` : ''}`, headers);
    vacancies += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  t.ok(vacancies >= 60, `${vacancies} demo vacancies`);
  const openapi = await getJson<{ paths: Record<string, unknown> }>(`${address}/openapi.json`);
  t.ok(openapi.paths['/v1/vacancies/{id}'], 'the OpenAPI document is served');

  const runtime = JSON.parse(readFileSync(path.join(varDir, 'runtime.json'), 'utf8')) as { meili: { pid: number } };
  const postgresPid = Number(readFileSync(path.join(varDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  t.ok(alive(runtime.meili.pid) && alive(postgresPid), 'embedded servers run as child processes');
  t.equal(await stop(first.child), 0, 'SIGTERM stops the service cleanly');
  t.notOk(alive(runtime.meili.pid), 'Meilisearch stopped');
  t.notOk(alive(postgresPid), 'PostgreSQL stopped');
  t.notOk(existsSync(path.join(varDir, 'runtime.json')), 'the runtime file is removed');

  const second = startServer(varDir);
  t.teardown(() => stop(second.child));
  const again = await second.address;
  const employersAgain = await getJson<Page>(`${again}/v1/employers?limit=100`, headers);
  t.equal(employersAgain.items.length, employers.items.length, 'state is kept across restarts, not seeded twice');
  t.equal(await stop(second.child), 0);
});
