import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import type { MatchCandidate } from './matcher.types.js';
import { toMatchCandidate, type CandidateInputRow } from './matching.inputs.js';
import { matchingRepository } from './matching.repository.js';
import { bucketHash, combineBucketHashes, HASH_BUCKETS, hashBucket, inputDigest } from './matching.runs.js';
import { compileCandidates, needsRecompile, patchCandidates, type CandidateColumns } from './ranker.js';
import { instruments } from '../metrics/metrics.js';

/*
 * The ranked population of a tenant, compiled once into columns and kept in memory: loading and
 * compiling 100k profiles takes seconds, ranking them milliseconds. Every request first reads the
 * tenant's population version (one row; raised by a trigger in the same transaction as any change
 * to candidates, migration 0009); when it differs, the change feed (migration 0028) names the
 * candidates that changed since the version this process has, and only those are read again; where
 * the feed cannot tell (a delete, or a process more than a day behind) the whole member list is
 * read and compared by updated_at and row versions. The changed rows are patched into the columns
 * in place (issue 13.10): a changed profile rewrites its
 * own slot, a new one is appended, one that left (placed, paused, erased, no intake) is removed.
 * Only after many patches (an eighth of the population) are the columns compiled afresh. Every
 * change to what the matcher reads (profile, assessments, barriers, status, home) touches
 * candidates.updated_at in the same transaction (candidates.service), which both raises the version
 * and marks the row.
 *
 * One Population object per tenant, changed in place and only synchronously (after every read of a
 * refresh): a request that reads columns, candidates and hash without awaiting in between sees one
 * consistent state. Refreshes of one tenant run one after the other.
 */

export type Population = {
  stamp: string;
  /** The candidate in each slot of the columns (not in id order once patched). */
  candidates: MatchCandidate[];
  columns: CandidateColumns;
  /** rankedSetHash over every candidate's input: part of each run's inputs hash. */
  hash: string;
  /** Slot of each candidate id. */
  byId: Map<string, number>;
  /** Raised by every full compile: slots, and patches from before it, no longer apply. */
  generation: number;
  /**
   * The last patches since the compile, oldest first: whoever keeps something derived from an older
   * stamp (the caseload rankings) catches up from these instead of reading everyone again.
   */
  patches: PopulationPatch[];
  /** The input digest (inputDigest) of a candidate in the population. */
  digestOf: (id: string) => string | undefined;
};

/**
 * One patch from stamp `from` to `stamp`: every candidate the change feed named, with their input
 * before it (undefined: not in the population then). `changes` null: the whole member list was
 * compared instead, so which candidates changed in other ways (their account manager) is unknown.
 */
export type PopulationPatch = { from: string; stamp: string; changes: Array<{ id: string; before: MatchCandidate | undefined }> | null };

/** Patches kept per tenant (a holder further behind reads everything again). */
const PATCHES_KEPT = 64;

type Entry = { updatedAt: string; input: MatchCandidate; digest: string };

type TenantState = {
  population: Population;
  entries: Map<string, Entry>;
  /** Per hash bucket its member ids in ascending order, and its hash (see rankedSetHash). */
  buckets: string[][];
  bucketHashes: Array<string | undefined>;
};

const LOAD_BATCH = 5_000;

/** Read by every ranking request: prepared once per pool. */
const stampStatement = preparedStatement<{ version: string }>(
  'matching_population_version',
  () => sql`select version::text from matching_populations where tenant_id = ${sql.placeholder('tenantId')}`,
);
/** The change feed is read for up to this many rows, or an eighth of the population if more. */
const FEED_MIN_LIMIT = 1_000;

/** What the last refresh read (tests: after one change only that row, not the member list). */
export type RefreshReport = { kind: 'full' | 'feed' | 'members'; membersRead: number; upserts: number; removals: number };

/** Inserts `id` into an ascending list (once). */
export function sortedInsert(list: string[], id: string): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]! < id) low = middle + 1;
    else high = middle;
  }
  if (list[low] !== id) list.splice(low, 0, id);
}

/** Removes `id` from an ascending list. */
export function sortedRemove(list: string[], id: string): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]! < id) low = middle + 1;
    else high = middle;
  }
  if (list[low] === id) list.splice(low, 1);
}

export function createPopulationCache(db: Db) {
  const tenants = new Map<string, TenantState>();
  const refreshing = new Map<string, Promise<Population>>();
  let lastRefresh: RefreshReport | undefined;

  async function stampOf(tenantId: string): Promise<string> {
    const result = await stampStatement(db, { tenantId });
    return result.rows[0]?.version ?? '0';
  }

  /** Compiles the whole population (first use, or after many patches); `entries` in id order. */
  function build(tenantId: string, stamp: string, entries: Map<string, Entry>, population?: Population): TenantState {
    const candidates = [...entries.values()].map((entry) => entry.input);
    const columns = compileCandidates(candidates);
    const buckets: string[][] = Array.from({ length: HASH_BUCKETS }, () => []);
    for (const id of entries.keys()) buckets[hashBucket(id)]!.push(id);
    const bucketHashes = buckets.map((ids) => (ids.length > 0 ? bucketHash(ids.map((id) => ({ id, digest: entries.get(id)!.digest }))) : undefined));
    const fields = {
      stamp,
      candidates,
      columns,
      hash: combineBucketHashes(bucketHashes),
      byId: columns.slotById,
      generation: (population?.generation ?? 0) + 1,
      patches: [],
      digestOf: (id: string) => tenants.get(tenantId)?.entries.get(id)?.digest,
    };
    return { population: population ? Object.assign(population, fields) : fields, entries, buckets, bucketHashes };
  }

  /**
   * The candidates changed after the state's version up to `stamp`, from the change feed (migration
   * 0028); undefined when the feed cannot tell: a version without rows (a delete, or older than the
   * feed's day), or more changes than a patch would take (the columns are compiled afresh then).
   */
  async function changedSince(tenantId: string, state: TenantState, stamp: string): Promise<string[] | undefined> {
    const versions = BigInt(stamp) - BigInt(state.population.stamp);
    const limit = Math.max(FEED_MIN_LIMIT, Math.ceil(state.population.candidates.length / 8));
    if (versions <= 0n || versions > BigInt(limit)) return undefined;
    const feed = await matchingRepository(db).populationChanges({ tenantId, after: state.population.stamp, through: stamp, limit });
    if (feed.rows >= limit || BigInt(feed.versions.size) !== versions) return undefined;
    return feed.ids;
  }

  async function refresh(tenantId: string, stamp: string): Promise<Population> {
    const measure = instruments.populationRefresh.startTimer();
    const state = tenants.get(tenantId);
    const changed = state ? await changedSince(tenantId, state, stamp) : undefined;
    const repository = matchingRepository(db);
    const previous = state?.entries ?? new Map<string, Entry>();
    // With the feed only the named candidates are read (those of them still in the population);
    // without it the whole member list, compared row by row.
    const members = await repository.populationMembers(changed ? { tenantId, ids: changed } : { tenantId });
    const stale = members.filter((member) => previous.get(member.id)?.updatedAt !== member.updatedAt);
    const fresh = new Map<string, CandidateInputRow>();
    for (let start = 0; start < stale.length; start += LOAD_BATCH) {
      const ids = stale.slice(start, start + LOAD_BATCH).map((member) => member.id);
      for (const row of await repository.populationInputs({ tenantId, ids })) fresh.set(row.id, row);
    }

    // From here on synchronous: no request sees a half-patched population.
    const current = new Set(members.map((member) => member.id));
    const removals = (changed ?? [...previous.keys()]).filter((id) => previous.has(id) && !current.has(id));
    const upserts: Array<[string, Entry]> = [];
    for (const member of stale) {
      const row = fresh.get(member.id);
      // A row that changed and then left the population (paused, erased) between the two queries is
      // not ranked: never its older input.
      if (!row) {
        if (previous.has(member.id)) removals.push(member.id);
        continue;
      }
      const input = toMatchCandidate(row);
      upserts.push([member.id, { updatedAt: member.updatedAt, input, digest: inputDigest(input) }]);
    }
    lastRefresh = { kind: !state ? 'full' : changed ? 'feed' : 'members', membersRead: members.length, upserts: upserts.length, removals: removals.length };

    if (!state || needsRecompile(state.population.columns, upserts.length + removals.length)) {
      const entries = new Map<string, Entry>();
      const upserted = new Map(upserts);
      const staleIds = new Set(stale.map((member) => member.id));
      // Every member in id order: the member list, or after the feed the previous ones and the new.
      const removed = new Set(removals);
      const ids = changed
        ? [...new Set([...previous.keys(), ...upserted.keys()])].filter((id) => !removed.has(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        : members.map((member) => member.id);
      for (const id of ids) {
        const entry = upserted.get(id) ?? (staleIds.has(id) ? undefined : previous.get(id));
        if (entry) entries.set(id, entry);
      }
      tenants.set(tenantId, build(tenantId, stamp, entries, state?.population));
    } else {
      const { population, entries, buckets, bucketHashes } = state;
      population.patches.push({
        from: population.stamp,
        stamp,
        changes: changed ? changed.map((id) => ({ id, before: entries.get(id)?.input })) : null,
      });
      if (population.patches.length > PATCHES_KEPT) population.patches.shift();
      patchCandidates(population.columns, population.candidates, { upserts: upserts.map(([, entry]) => entry.input), removals });
      const touched = new Set<number>();
      for (const id of removals) {
        entries.delete(id);
        const bucket = hashBucket(id);
        sortedRemove(buckets[bucket]!, id);
        touched.add(bucket);
      }
      for (const [id, entry] of upserts) {
        entries.set(id, entry);
        const bucket = hashBucket(id);
        sortedInsert(buckets[bucket]!, id);
        touched.add(bucket);
      }
      for (const bucket of touched) {
        const ids = buckets[bucket]!;
        bucketHashes[bucket] = ids.length > 0 ? bucketHash(ids.map((id) => ({ id, digest: entries.get(id)!.digest }))) : undefined;
      }
      population.hash = combineBucketHashes(bucketHashes);
      population.byId = population.columns.slotById;
      population.stamp = stamp;
    }
    instruments.populationRows.inc(stale.length);
    measure({ kind: !state ? 'full' : changed ? 'feed' : 'patch' });
    return tenants.get(tenantId)!.population;
  }

  return {
    /** What the last refresh of any tenant read. */
    lastRefresh: () => lastRefresh,
    /** The tenant's population as compiled now, without asking whether it is current (undefined: none yet). */
    peek: (tenantId: string): Population | undefined => tenants.get(tenantId)?.population,
    /**
     * The current population; concurrent requests after a change share one refresh, refreshes of a
     * tenant run in turn. `stamp`: the population version the caller has just read (a ranking
     * request reads it with its other context, one round trip); read here otherwise.
     */
    async get(tenantId: string, stamp?: string): Promise<Population> {
      stamp ??= await stampOf(tenantId);
      for (;;) {
        const cached = tenants.get(tenantId)?.population;
        if (cached && BigInt(cached.stamp) >= BigInt(stamp)) return cached;
        const running = refreshing.get(tenantId);
        if (running) {
          await running.catch(() => undefined);
          continue;
        }
        const pending = refresh(tenantId, stamp).finally(() => refreshing.delete(tenantId));
        refreshing.set(tenantId, pending);
        return pending;
      }
    },
  };
}

export type PopulationCache = ReturnType<typeof createPopulationCache>;
