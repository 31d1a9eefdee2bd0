import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { MatchCandidate } from './matcher.types.js';
import { toMatchCandidate, type CandidateInputRow } from './matching.inputs.js';
import { matchingRepository } from './matching.repository.js';
import { inputDigest, rankedSetHash } from './matching.runs.js';
import { compileCandidates, type CandidateColumns } from './ranker.js';
import { instruments } from '../metrics/metrics.js';

/*
 * The ranked population of a tenant, compiled once into columns and kept in memory: loading and
 * compiling 100k profiles takes seconds, ranking them milliseconds. Every request first reads the
 * tenant's population version (one row; raised by a trigger in the same transaction as any change
 * to candidates, migration 0009); when it differs, only the candidates whose updated_at changed are
 * read again, and the columns are compiled anew. Every change to what the matcher reads (profile,
 * assessments, barriers, status, home) touches candidates.updated_at in the same transaction
 * (candidates.service), which both raises the version and marks the row.
 */

export type Population = {
  stamp: string;
  candidates: MatchCandidate[];
  columns: CandidateColumns;
  /** rankedSetHash over every candidate's input, in id order: part of each run's inputs hash. */
  hash: string;
  byId: Map<string, number>;
};

type Entry = { updatedAt: string; input: MatchCandidate; digest: string };

const LOAD_BATCH = 5_000;

export function createPopulationCache(db: Db) {
  const tenants = new Map<string, { population: Population; entries: Map<string, Entry> }>();
  const loading = new Map<string, Promise<Population>>();

  async function stampOf(tenantId: string): Promise<string> {
    const result = await db.execute<{ version: string }>(sql`select version::text from matching_populations where tenant_id = ${tenantId}`);
    return result.rows[0]?.version ?? '0';
  }

  async function refresh(tenantId: string, stamp: string): Promise<Population> {
    const measure = instruments.populationRefresh.startTimer({ kind: tenants.has(tenantId) ? 'patch' : 'full' });
    const repository = matchingRepository(db);
    const previous = tenants.get(tenantId)?.entries ?? new Map<string, Entry>();
    const members = await repository.populationMembers(tenantId);
    const stale = new Set(members.filter((member) => previous.get(member.id)?.updatedAt !== member.updatedAt).map((member) => member.id));
    const fresh = new Map<string, CandidateInputRow>();
    const staleIds = [...stale];
    for (let start = 0; start < staleIds.length; start += LOAD_BATCH) {
      for (const row of await repository.populationInputs({ tenantId, ids: staleIds.slice(start, start + LOAD_BATCH) })) fresh.set(row.id, row);
    }
    const entries = new Map<string, Entry>();
    const candidates: MatchCandidate[] = [];
    for (const member of members) {
      const row = fresh.get(member.id);
      // A row that changed and then left the population (paused, erased) between the two queries is
      // not ranked: never its older input.
      const entry = row ? { updatedAt: member.updatedAt, input: toMatchCandidate(row), digest: '' } : stale.has(member.id) ? undefined : previous.get(member.id);
      if (!entry) continue;
      if (row) entry.digest = inputDigest(entry.input);
      entries.set(member.id, entry);
      candidates.push(entry.input);
    }
    const population: Population = {
      stamp,
      candidates,
      columns: compileCandidates(candidates),
      hash: rankedSetHash([...entries].map(([id, entry]) => ({ id, digest: entry.digest }))),
      byId: new Map(candidates.map((candidate, index) => [candidate.id, index])),
    };
    tenants.set(tenantId, { population, entries });
    instruments.populationRows.inc(staleIds.length);
    measure();
    return population;
  }

  return {
    /** The current population; concurrent requests after a change share one refresh. */
    async get(tenantId: string): Promise<Population> {
      const stamp = await stampOf(tenantId);
      const cached = tenants.get(tenantId)?.population;
      if (cached?.stamp === stamp) return cached;
      const key = `${tenantId}:${stamp}`;
      let pending = loading.get(key);
      if (!pending) {
        pending = refresh(tenantId, stamp).finally(() => loading.delete(key));
        loading.set(key, pending);
      }
      return pending;
    },
  };
}

export type PopulationCache = ReturnType<typeof createPopulationCache>;
