import { sql } from 'drizzle-orm';
import client from 'prom-client';
import type { Database } from '../../db/client.js';

/*
 * Metrics in Prometheus' text format (GET /metrics, src/metrics/metrics.routes.ts).
 *
 * Two registries, merged when scraped:
 * - the process registry (this module): process metrics, and what the code measures as it runs:
 *   request durations, ranking and population refresh, search calls, drift found, digest mails.
 *   It is per process, as Prometheus expects: one scrape target per process.
 * - the app registry (appMetricsRegistry): gauges read at scrape time from the app's own
 *   dependencies: the connection pool, the search outbox and the pg-boss queues. What is in the
 *   database is the same for every process, so any API process can report it.
 */

export const processRegistry = new client.Registry();
client.collectDefaultMetrics({ register: processRegistry, prefix: 'kansrijk_' });

/** Seconds: from a cached ranking (a few ms) to a cold search or a slow page (seconds). */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const instruments = {
  httpDuration: new client.Histogram({
    name: 'kansrijk_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern (never the URL with its values) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [processRegistry],
  }),
  earlyRankings: new client.Counter({
    name: 'kansrijk_early_rankings_total',
    help: 'Rankings computed while their reads were under way, from what the last ranking of the same target used: used (the reads gave the same) or discarded (computed again)',
    labelNames: ['outcome'] as const,
    registers: [processRegistry],
  }),
  rankingDuration: new client.Histogram({
    name: 'kansrijk_ranking_duration_seconds',
    help: 'Ranking a population for one vacancy in memory (ranked: the list; excluded: the excluded with why)',
    labelNames: ['list'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [processRegistry],
  }),
  runStorage: new client.Histogram({
    name: 'kansrijk_run_storage_seconds',
    help: 'Storing ranking runs with their inputs, one statement per call: an answer with a ranking is sent only once its run is stored (F2)',
    buckets: LATENCY_BUCKETS,
    registers: [processRegistry],
  }),
  populationRefresh: new client.Histogram({
    name: 'kansrijk_population_refresh_seconds',
    help: 'Reading and compiling a tenant population after a change (full: first load; feed: the rows the change feed names; patch: after reading the member list)',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30],
    registers: [processRegistry],
  }),
  populationRows: new client.Counter({
    name: 'kansrijk_population_rows_read_total',
    help: 'Candidate rows read again to refresh populations',
    registers: [processRegistry],
  }),
  searchDuration: new client.Histogram({
    name: 'kansrijk_search_duration_seconds',
    help: 'Calls to Meilisearch by index kind (candidates, vacancies, occupations, skills)',
    labelNames: ['index', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [processRegistry],
  }),
  searchDrift: new client.Counter({
    name: 'kansrijk_search_drift_documents_total',
    help: 'Documents found missing, extra or stale by the drift check (search watch job, search:check)',
    labelNames: ['index', 'kind'] as const,
    registers: [processRegistry],
  }),
  digestMails: new client.Counter({
    name: 'kansrijk_digest_mails_total',
    help: 'Digest deliveries by outcome (sent, skipped_*, failed, ...)',
    labelNames: ['outcome'] as const,
    registers: [processRegistry],
  }),
};

/** Observes a call to Meilisearch in searchDuration, with its outcome (ok or error). */
export async function timedSearch<T>(index: string, work: () => Promise<T>): Promise<T> {
  const end = instruments.searchDuration.startTimer({ index });
  try {
    const result = await work();
    end({ outcome: 'ok' });
    return result;
  } catch (error) {
    end({ outcome: 'error' });
    throw error;
  }
}

/** Gauges read when scraped from one app's database: pool, outbox, queues. */
export function appMetricsRegistry(database: Database): client.Registry {
  const registry = new client.Registry();
  const { pool, db } = database;
  new client.Gauge({
    name: 'kansrijk_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting: requests waiting for a connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new client.Gauge({
    name: 'kansrijk_search_outbox_pending',
    help: 'Search outbox rows not yet written to Meilisearch',
    registers: [registry],
    async collect() {
      const result = await db.execute<{ pending: number }>(sql`select count(*)::int as pending from outbox where processed_at is null`);
      this.set(result.rows[0]?.pending ?? 0);
    },
  });
  new client.Gauge({
    name: 'kansrijk_search_outbox_lag_seconds',
    help: 'Age of the oldest search outbox row not yet written (0 when none)',
    registers: [registry],
    async collect() {
      const result = await db.execute<{ lag: number | null }>(
        sql`select extract(epoch from now() - min(created_at))::float8 as lag from outbox where processed_at is null`,
      );
      this.set(Math.max(0, result.rows[0]?.lag ?? 0));
    },
  });
  new client.Gauge({
    name: 'kansrijk_queue_jobs',
    help: 'pg-boss jobs by queue and state (created, retry, active, failed, ...); failed ones stay until pg-boss deletes them',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // pg-boss makes its schema when the job queue starts; an app without the queue has none.
      const exists = await db.execute<{ present: boolean }>(sql`select to_regclass('pgboss.job') is not null as present`);
      if (!exists.rows[0]?.present) return;
      const result = await db.execute<{ name: string; state: string; jobs: number }>(
        sql`select name, state::text as state, count(*)::int as jobs from pgboss.job group by name, state`,
      );
      for (const row of result.rows) this.set({ queue: row.name, state: row.state }, row.jobs);
    },
  });
  return registry;
}
