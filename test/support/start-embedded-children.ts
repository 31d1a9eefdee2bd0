/*
 * Run by test/platform/orphans.test.ts as a process of its own: starts the embedded PostgreSQL and
 * Meilisearch as the embedded default does, prints their pids as one JSON line, and waits to be killed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { startMeilisearch } from '../../src/embedded/meilisearch-server.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: start-embedded-children.ts <dir>');
const logger = pino({ level: 'warn' });
const meilisearch = await startMeilisearch({ dataDir: path.join(dir, 'meilisearch'), masterKey: randomBytes(16).toString('hex'), logger });
const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), password: randomBytes(12).toString('hex'), logger, persistent: false });
const postgresPid = Number(readFileSync(path.join(postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
process.stdout.write(`${JSON.stringify({ meilisearch: meilisearch.process.pid, postgres: postgresPid })}\n`);
setInterval(() => undefined, 60_000);
